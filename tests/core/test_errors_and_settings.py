import os
import subprocess
import sys

from tests.support.api import ApiClient, error_code


def test_validation_errors_have_the_contract_body(station_longquan):
    response = ApiClient(station_longquan).post("/api/v1/farms", {"kind": "castle"})
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "VALIDATION_ERROR"
    assert body["message"]
    assert {d["field"] for d in body["details"]} >= {"name", "kind", "region"}


def test_a_100000_character_field_is_refused_and_nothing_saved(station_longquan):
    from smartvet.registry.models import Farm

    before = Farm.objects.count()
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {"name": "场" * 100_000, "kind": "scale", "region": "420506107201"}
    )
    assert response.status_code == 422
    assert error_code(response) == "VALIDATION_ERROR"
    assert Farm.objects.count() == before


def test_a_10_megabyte_field_is_refused(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {"name": "x" * 10_000_000, "kind": "scale", "region": "420506107201"}
    )
    assert response.status_code in {413, 422}
    assert error_code(response) in {"REQUEST_TOO_LARGE", "VALIDATION_ERROR"}


def test_a_nul_character_is_refused_on_every_database_and_nothing_saved(client, station_longquan):
    """PostgreSQL cannot store NUL in text: refused as bad input, never a server error."""
    from smartvet.registry.models import Farm

    api = ApiClient(station_longquan)
    listed = api.get("/api/v1/immunization/density", region="4205\x00")
    assert listed.status_code == 422 and error_code(listed) == "VALIDATION_ERROR"
    before = Farm.objects.count()
    created = api.post(
        "/api/v1/farms", {"name": "空字符\x00场", "kind": "scale", "region": "420506107201"}
    )
    assert created.status_code == 422 and "控制字符" in created.json()["error"]["message"]
    # a JSON escape of half a surrogate pair decodes to text neither database driver encodes
    half = api.client.post(
        "/api/v1/farms",
        b'{"name": "\\ud800", "kind": "scale", "region": "420506107201"}',
        content_type="application/json",
        **api.headers,
    )
    assert half.status_code == 422 and error_code(half) == "VALIDATION_ERROR"
    client.force_login(station_longquan)
    page = client.post("/farms/new/", {"name": "空字符\x00场", "kind": "scale"})
    assert page.status_code == 400 and "VALIDATION_ERROR" in page.content.decode()
    assert Farm.objects.count() == before


def test_unknown_api_path_is_a_json_404(station_longquan):
    response = ApiClient(station_longquan).get("/api/v1/farms/999999")
    assert response.status_code == 404
    assert error_code(response) == "NOT_FOUND"


def test_the_openapi_schema_is_served(db):
    response = ApiClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/farms" in response.json()["paths"]


def test_check_deploy_is_clean_under_serve_settings(tmp_path):
    env = {
        **os.environ,
        "SMARTVET_DATA_DIR": str(tmp_path),
        "SMARTVET_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "smartvet.settings",
    }
    env.pop("SMARTVET_TESTING", None)
    env.pop("DATABASE_URL", None)
    # The browser tests allow sync ORM calls next to Playwright's loop; a server never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "smartvet", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "secret_key").exists()


def test_any_command_takes_the_data_dir(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartvet.settings"}
    for name in ("SMARTVET_TESTING", "SMARTVET_DATA_DIR", "DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "smartvet", "check", "--data-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists()
