"""Pages: what each role sees first, the buttons the workflow gives, refusals shown in Chinese,
and the API's shapes (CONTRACT.md)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartvet.consult.models import Consultation
from smartvet.core.access import available_actions
from tests.consult import factories
from tests.support.api import ApiClient

PAGES = [
    ("expert", "/consult/desk/"),
    ("expert", "/consult/experts/"),
    ("expert", "/consult/experts/entry/"),
    ("expert", "/consult/pairings/"),
    ("farmer_longquan", "/consult/ask/"),
    ("farmer_longquan", "/consult/questions/"),
    ("farmer_longquan", "/consult/knowledge/"),
    ("farmer_longquan", "/consult/market/"),
    ("farmer_longquan", "/consult/market/posts/"),
    ("station_longquan", "/consult/training/"),
    ("station_longquan", "/consult/market/prices/"),
    ("bureau", "/consult/pairings/"),
    ("county_supervisor", "/consult/questions/?overdue=1"),
]


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_each_page_opens_for_its_role(client, personas, expert_entry, username, url):
    client.force_login(getattr(personas, username))
    response = client.get(url)
    assert response.status_code == 200
    assert (
        "<script>" not in response.content.decode() and " style=" not in response.content.decode()
    )


def test_the_experts_home_leads_with_its_open_questions_then_its_figures(
    client, personas, expert_entry
):
    factories.ask(personas.farmer_longquan, question="母猪产后不吃食怎么办")
    client.force_login(personas.expert)
    page = client.get("/").content.decode()
    assert "请从菜单选择要办理的业务" not in page
    titles = re.findall(r"<h2>(.*?)</h2>", page)
    assert titles[:2] == ["待我解答", "我的咨询服务"]
    assert page.index("母猪产后不吃食") < page.index("我的咨询服务")


def _buttons(page: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', page))


def test_the_buttons_are_the_workflows_actions(client, personas, expert_entry):
    asked = factories.answered(personas.farmer_longquan, personas.expert)
    for user in (personas.farmer_longquan, personas.expert):
        client.force_login(user)
        page = client.get(f"/consult/questions/{asked.pk}/").content.decode()
        expected = set(available_actions(user, asked).names)
        assert _buttons(page) - {"report"} == expected
    assert _buttons(page) == {"answer"}  # the expert's


def test_a_page_refusal_is_shown_in_chinese_and_keeps_the_question(client, personas, expert_entry):
    client.force_login(personas.farmer_longquan)
    photos = [SimpleUploadedFile(f"{i}.jpg", factories.jpeg_with_gps()) for i in range(10)]
    response = client.post(
        "/consult/ask/",
        {"species": "pig", "topic": "disease", "question": "十张照片的问题", "photos": photos},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'data-code="TOO_MANY_PHOTOS"' in page and "照片最多9张" in page
    assert "十张照片的问题" in page and Consultation.objects.count() == 0


def test_the_api_answers_in_the_contracts_shapes(personas, expert_entry, jiyuan_expert):
    farmer = ApiClient(personas.farmer_longquan)
    experts = farmer.get("/api/v1/experts", species="pig", topic="disease").json()
    assert experts["count"] == 2
    item = experts["items"][0]
    assert {"username", "name", "specialities", "regions"} <= set(item)
    response = farmer.client.post(
        "/api/v1/consultations",
        {
            "species": "pig",
            "topic": "disease",
            "question": "猪咳嗽",
            "photos": [SimpleUploadedFile("a.jpg", factories.jpeg_with_gps())],
        },
        **farmer.headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["routed_to"] == ["expert"]
    answered = ApiClient(personas.expert).post(
        f"/api/v1/consultations/{body['id']}/answers", {"body": "保温通风"}
    )
    assert answered.status_code == 201
    detail = farmer.get(f"/api/v1/consultations/{body['id']}").json()
    assert detail["status"] == "answered" and detail["answers"][0]["body"] == "保温通风"
    assert len(detail["photos"]) == 1
    photo_page = farmer.client
    photo_page.force_login(personas.farmer_longquan)
    assert photo_page.get(detail["photos"][0]["url"])["Content-Type"] == "image/jpeg"
    closed = farmer.post(f"/api/v1/consultations/{body['id']}/close", {"rating": 6})
    assert closed.status_code == 422
    closed = farmer.post(f"/api/v1/consultations/{body['id']}/close", {"rating": 5})
    assert closed.json() == {"id": body["id"], "status": "closed", "rating": 5}


def test_the_entry_form_opens_for_its_expert_and_the_county_only(client, personas, expert_entry):
    client.force_login(personas.farmer_longquan)
    assert client.get("/consult/experts/entry/", {"username": "expert"}).status_code == 403
    client.force_login(personas.bureau)
    page = client.get("/consult/experts/entry/", {"username": "expert"})
    assert page.status_code == 200 and "三峡大学" in page.content.decode()
