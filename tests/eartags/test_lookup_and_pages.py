"""Tag lookup through the API and the pages; stock, ranges and issue records with exports."""

import io
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.access import can
from smartvet.eartags import queries, services
from smartvet.eartags.models import TagMove
from smartvet.eartags.permissions import VIEW_STOCK
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, code
from tests.support.api import error_code


@pytest.fixture
def farm_stock(station_longquan, farmer_longquan, township_stock, pig_farm):
    factories.issue(station_longquan, 1, 100, to_farm=pig_farm.pk)
    factories.fit(farmer_longquan, pig_farm, [1, 2])
    return pig_farm


def test_a_tag_with_status_holder_and_full_history(api, farmer_longquan, farm_stock):
    body = api(farmer_longquan).get(f"/api/v1/eartags/{code(1)}").json()
    assert body["code"] == code(1) and body["species"] == "pig" and body["county"] == "420506"
    assert body["status"] == "fitted"
    assert body["holder"]["key"] == f"farm:{farm_stock.pk}"
    assert [e["kind"] for e in body["history"]] == ["registered", "issued", "issued", "fitted"]
    dashed = api(farmer_longquan).get("/api/v1/eartags/1-420506-00000003").json()
    assert dashed["status"] == "issued"
    assert api(farmer_longquan).get(f"/api/v1/eartags/{code(700)}").json()["status"] == "in_stock"


def test_lookup_errors(api, farmer_longquan, jiyuan_supervisor, farm_stock):
    assert error_code(api(farmer_longquan).get("/api/v1/eartags/12345")) == "EARTAG_MALFORMED"
    unknown = api(farmer_longquan).get(f"/api/v1/eartags/{code(99999)}")
    assert unknown.status_code == 404
    assert api(jiyuan_supervisor).get(f"/api/v1/eartags/{code(1)}").status_code == 404
    long = api(farmer_longquan).get("/api/v1/eartags/" + "1" * 300)
    assert error_code(long) == "EARTAG_MALFORMED"


def test_the_admin_of_the_nation_sees_every_tag(api, admin, farm_stock):
    assert api(admin).get(f"/api/v1/eartags/{code(1)}").status_code == 200


def test_tag_events_are_time_ordered_for_the_trace(farm_stock, slaughterhouse):
    with transaction.atomic():
        services.steps.cancel_tags(
            actor=slaughterhouse, codes=[code(1)], reason="slaughter", ref="slaughter:1"
        )
    events = queries.tag_events(slaughterhouse, code(1))
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert events[-1]["kind"] == "cancelled" and events[-1]["ref"] == "slaughter:1"


def test_pages_render_for_every_role(client, personas, farm_stock):
    """Stock, ranges and issue records open for the roles that keep or oversee stock (the
    navigation's eartags.view_stock) and answer 403 to the others; everybody looks up tags."""
    stock_pages = ("/eartags/", "/eartags/ranges/", "/eartags/moves/")
    for name in (
        "county_supervisor",
        "station_longquan",
        "farmer_longquan",
        "vaccinator_longquan",
        "slaughterhouse",
        "cdc",
    ):
        user = getattr(personas, name)
        client.force_login(user)
        for url in (
            *stock_pages,
            "/eartags/lookup/",
            f"/eartags/lookup/?code={code(1)}",
            "/eartags/cancel/",
        ):
            response = client.get(url)
            expected = 200 if url not in stock_pages or can(user, VIEW_STOCK) else 403
            assert response.status_code == expected, (name, url)
            assert 'name="viewport"' in response.content.decode()
        home = client.get("/")
        assert home.status_code == 200
        if name in {"county_supervisor", "station_longquan", "farmer_longquan"}:
            assert "已佩戴" in home.content.decode()  # the ear-tag panel


STOCK_ACTIONS = {
    "import": "eartags.register_stock",
    "issue": "eartags.distribute",
    "return": "eartags.distribute",
    "transfer": "eartags.distribute",
    "fit": "eartags.fit",
    "cancel": "eartags.cancel",
}
BUTTON = re.compile(r'data-action="(\w+)" href="([^"]+)"')


def test_the_stock_page_shows_the_actions_its_reader_may_take_and_each_opens(
    client, personas, farm_stock
):
    for name in ("county_supervisor", "station_longquan", "farmer_longquan", "vaccinator_longquan"):
        user = getattr(personas, name)
        client.force_login(user)
        buttons = dict(BUTTON.findall(client.get("/eartags/").content.decode()))
        assert set(buttons) == {a for a, perm in STOCK_ACTIONS.items() if can(user, perm)}, name
        for action, url in buttons.items():
            assert client.get(url).status_code == 200, (name, action)


def test_the_history_reads_in_the_language_of_the_reader(client, farmer_longquan, farm_stock):
    """Events are stored untranslated: a tag fitted by a Chinese-speaking farmer reads in
    English for an English reader, and the other way round."""
    services.cancel_tags(actor=farmer_longquan, codes=[code(2)], reason="loss")
    client.force_login(farmer_longquan)
    chinese = client.get("/eartags/lookup/", {"code": code(1)}).content.decode()
    assert f"佩戴于{farm_stock.name}" in chinese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/eartags/lookup/", {"code": code(1)}).content.decode()
    assert f"Fitted at {farm_stock.name}" in english and "佩戴于" not in english
    lost = client.get("/eartags/lookup/", {"code": code(2)}).content.decode()
    assert "Lost" in lost and "丢失" not in lost


def test_the_lookup_page_shows_the_history_and_refuses_bad_codes(
    client, farmer_longquan, farm_stock
):
    client.force_login(farmer_longquan)
    page = client.get("/eartags/lookup/", {"code": "1 420506 00000001"}).content.decode()
    assert "1-420506-00000001" in page and "已佩戴" in page
    assert "<dd>猪</dd>" in page  # the species by name, not its code
    bad = client.get("/eartags/lookup/", {"code": "abc"})
    assert bad.status_code == 422 and "EARTAG_MALFORMED" in bad.content.decode()


def test_issue_page_for_the_county_and_the_station(
    client, county_supervisor, station_longquan, farm_stock, pig_farm
):
    client.force_login(county_supervisor)
    assert "龙泉镇" in client.get("/eartags/issue/").content.decode()
    response = client.post(
        "/eartags/issue/", {"start": code(601), "end": code(700), "to": f"region:{LONGQUAN}"}
    )
    assert response.status_code == 302
    refused = client.post(
        "/eartags/issue/", {"start": code(601), "end": code(700), "to": f"region:{LONGQUAN}"}
    )
    assert refused.status_code == 422 and "EARTAG_NOT_HELD" in refused.content.decode()
    client.force_login(station_longquan)
    response = client.post(
        "/eartags/issue/",
        {"start": code(601), "end": code(650), "to": "vaccinator:vaccinator_longquan"},
    )
    assert response.status_code == 302
    response = client.post(
        "/eartags/transfer/", {"start": code(601), "end": code(650), "to": f"farm:{pig_farm.pk}"}
    )
    assert response.status_code == 302
    response = client.post("/eartags/return/", {"start": code(601), "end": code(650)})
    assert response.status_code == 302
    assert TagMove.objects.filter(kind="return").count() == 1


def test_fit_and_cancel_pages(client, farmer_longquan, slaughterhouse, farm_stock, pig_farm):
    client.force_login(farmer_longquan)
    response = client.post(
        "/eartags/fit/",
        {
            "farm": pig_farm.pk,
            "codes": f"{code(10)}\n{code(11)}, {code(12)}",
            "date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert queries.tag_status(farmer_longquan, code(12))["status"] == "fitted"
    client.force_login(slaughterhouse)
    response = client.post("/eartags/cancel/", {"codes": code(10), "reason": "slaughter"})
    assert response.status_code == 302
    again = client.post("/eartags/cancel/", {"codes": code(10), "reason": "slaughter"})
    assert again.status_code == 422 and "EARTAG_CANCELLED" in again.content.decode()


def test_import_and_register_pages(client, county_supervisor):
    client.force_login(county_supervisor)
    page = client.get("/eartags/import/").content.decode()
    assert "/eartags/import/template.xlsx" in page
    template = client.get("/eartags/import/template.xlsx")
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == ["箱号", "包号", "起始号", "终止号", "数量"]
    response = client.post(
        "/eartags/register/",
        {"box": "Z1", "pack": "1", "start": code(1), "end": code(10), "quantity": 10},
    )
    assert response.status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    junk = client.post("/eartags/import/", {"file": SimpleUploadedFile("x.xlsx", b"junk")})
    assert junk.status_code == 422 and "IMPORT_INVALID" in junk.content.decode()


def test_exports(client, county_supervisor, farm_stock):
    client.force_login(county_supervisor)
    for url, header in (
        ("/eartags/stock.xlsx", "持有方"),
        ("/eartags/ranges.xlsx", "箱号"),
        ("/eartags/moves.xlsx", "时间"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(1, 1).value == header
        assert sheet.max_row > 1
