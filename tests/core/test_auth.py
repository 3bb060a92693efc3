from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import ApiToken
from tests.support.api import ApiClient, error_code
from tests.support.personas import PASSWORD


def test_a_token_is_issued_stored_hashed_and_works(station_longquan):
    response = ApiClient().post(
        "/api/v1/auth/token", {"username": "station_longquan", "password": PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert not ApiToken.objects.filter(digest=token).exists()  # only the digest is stored
    client = ApiClient()
    client.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/v1/auth/me").json()["username"] == "station_longquan"


def test_an_expired_token_is_refused(station_longquan):
    client = ApiClient(station_longquan)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert error_code(response) == "UNAUTHENTICATED"


def test_a_wrong_password_is_401_and_repeated_failures_are_throttled(station_longquan):
    client = ApiClient()
    for _ in range(5):
        response = client.post(
            "/api/v1/auth/token", {"username": "station_longquan", "password": "wrong"}
        )
        assert error_code(response) == "LOGIN_FAILED"
    response = client.post(
        "/api/v1/auth/token", {"username": "station_longquan", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert error_code(response) == "LOGIN_THROTTLED"


def test_the_login_page_throttles_too_and_says_why_in_chinese(client, station_longquan):
    for _ in range(5):
        client.post("/login/", {"username": "station_longquan", "password": "nope"})
    response = client.post("/login/", {"username": "station_longquan", "password": PASSWORD})
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lands_on_the_role_home_page(client, station_longquan):
    response = client.post(
        "/login/", {"username": "station_longquan", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "乡镇畜牧兽医站" in page
    assert "养殖场户" in page


def test_login_does_not_redirect_to_another_site(client, station_longquan):
    response = client.post(
        "/login/?next=https://evil.example/", {"username": "station_longquan", "password": PASSWORD}
    )
    assert response["Location"] == "/"


def test_pages_need_login(client, db):
    response = client.get("/farms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_pages_are_chinese_even_for_an_english_browser_until_english_is_chosen(client, db):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert client.cookies["django_language"].value == "en"
    page = client.get("/login/").content.decode()
    assert 'lang="en"' in page
