"""What the edge refuses before any view, and what an export survives (issue 10 points 13, 16):
control characters, unparseable or absurdly nested JSON, stored text that looks like a formula."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from smartvet.registry.models import Farm
from tests.support.api import ApiClient, error_code
from tests.support.factories import LONGQUAN_VILLAGE, make_farm

FARM = {"name": "控制字符场", "kind": "scale", "region": LONGQUAN_VILLAGE}


@pytest.mark.parametrize("character", ["\x01", "\x08", "\x0b", "\x1b", "\x7f"])
def test_a_control_character_is_refused_by_the_api_and_nothing_saved(station_longquan, character):
    before = Farm.objects.count()
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {**FARM, "address": f"一组{character}二号"}
    )
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert "控制字符" in response.json()["error"]["message"]
    assert Farm.objects.count() == before


def test_a_control_character_in_a_form_is_refused_on_the_page(client, station_longquan):
    client.force_login(station_longquan)
    page = client.post("/farms/new/", {"name": "场\x02", "kind": "scale"})
    assert page.status_code == 400 and "控制字符" in page.content.decode()


def test_tab_and_newlines_are_ordinary_text(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {**FARM, "address": "一组\t二号\r\n村口"}
    )
    assert response.status_code == 201


def test_a_body_that_is_not_json_is_a_validation_error(station_longquan):
    api = ApiClient(station_longquan)
    response = api.client.post(
        "/api/v1/farms", b'{"name": ', content_type="application/json", **api.headers
    )
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


def test_an_absurdly_nested_body_is_a_validation_error(station_longquan):
    api = ApiClient(station_longquan)
    body = "[" * 100_000 + "]" * 100_000
    response = api.client.post(
        "/api/v1/farms", body, content_type="application/json", **api.headers
    )
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    nested = json.dumps({"name": {"a": {"b": [[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]}}})
    response = api.client.post(
        "/api/v1/farms", nested, content_type="application/json", **api.headers
    )
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


def test_the_farm_export_survives_stored_control_characters_and_keeps_formulas_as_text(
    client, station_longquan
):
    farm = make_farm(station_longquan, name='=HYPERLINK("http://x")')
    Farm.objects.filter(pk=farm.pk).update(address="旧数据\x03一组")  # as an old record holds it
    client.force_login(station_longquan)
    response = client.get("/farms/export.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    name = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert name.data_type == "s"
    assert any(cell.value == "旧数据一组" for cell in cells)


def test_an_unknown_api_path_answers_the_contracts_json_404(db):
    response = ApiClient().get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert error_code(response) == "NOT_FOUND" and "不存在" in response.json()["error"]["message"]


def test_an_unknown_page_is_a_chinese_404(client, station_longquan):
    client.force_login(station_longquan)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_server_failure_reads_in_chinese_and_as_json_under_the_api(rf):
    from smartvet.core.views import server_error

    page = server_error(rf.get("/farms/"))
    assert page.status_code == 500 and "服务器出错" in page.content.decode()
    api = server_error(rf.get("/api/v1/farms"))
    assert api.status_code == 500 and json.loads(api.content)["error"]["code"] == "SERVER_ERROR"


def test_the_favicon_exists(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200 and b"<svg" in b"".join(response.streaming_content)


def test_logout_is_on_the_page_at_every_width(client, station_longquan):
    """The menu (phones) and the side navigation (wide screens) both carry the logout button;
    CSS shows one or the other."""
    client.force_login(station_longquan)
    page = client.get("/").content.decode()
    assert page.count('action="/logout/"') == 2


def test_every_operation_documents_its_error_responses(db):
    schema = ApiClient().get("/api/v1/openapi.json").json()
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) > 80
    for path, method, operation in operations:
        assert "422" in operation["responses"], (method, path)
        if operation.get("security"):
            assert {"401", "403", "404"} <= set(operation["responses"]), (method, path)
    assert "Error" in schema["components"]["schemas"]


@pytest.mark.parametrize("body", [[1, 2], "text", 42, None])
def test_a_patch_whose_body_is_not_an_object_is_refused(station_longquan, body):
    farm = make_farm(station_longquan)
    response = ApiClient(station_longquan).client.patch(
        f"/api/v1/farms/{farm.pk}",
        json.dumps(body),
        content_type="application/json",
        **ApiClient(station_longquan).headers,
    )
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    farm.refresh_from_db()
    assert farm.name.startswith("测试养殖场")


def test_pages_and_json_are_compressed_for_a_slow_link(client, station_longquan):
    make_farm(station_longquan)
    client.force_login(station_longquan)
    page = client.get("/farms/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    api = ApiClient(station_longquan)
    listed = api.client.get("/api/v1/farms", HTTP_ACCEPT_ENCODING="gzip", **api.headers)
    assert listed["Content-Encoding"] == "gzip"


def test_the_server_answers_at_the_address_it_was_asked_to_listen_on(settings):
    from smartvet.core.management.commands.serve import allowed_hosts

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert "192.168.1.20" in allowed_hosts("192.168.1.20:8000")
    assert "::1" in allowed_hosts("[::1]:8000")
    assert allowed_hosts("0.0.0.0:8000") == ["127.0.0.1", "localhost"]
