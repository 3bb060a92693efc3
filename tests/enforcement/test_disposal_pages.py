"""The disposal, claim, purification and cold-chain pages: what a user reads is Chinese, the
buttons are exactly the actions available_actions gives, each works, and a refusal keeps what
was typed."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from smartvet.core.access import available_actions
from smartvet.core.errors import DomainError, Problem
from smartvet.enforcement.models import Disposal, InsuranceClaim, Shipment
from smartvet.registry import services as registry_services
from tests.enforcement.disposal_factories import claim, dispatch, dispose, receive
from tests.immunization.factories import make_lot, png_bytes
from tests.support.factories import make_farm
from tests.surveillance.factories import death_report

PERSONAS = ["station_longquan", "vaccinator_longquan", "county_supervisor", "bureau", "expert"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _buttons(html: str) -> list[str]:
    return re.findall(r'<button[^>]*data-action="([a-z_]+)"', html)


@pytest.fixture
def pig_farm(station_longquan):
    farm = make_farm(station_longquan, name="青龙村养猪场", stock={"fattening_pig": 60})
    registry_services.assign_server(
        actor=station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


@pytest.fixture
def other_farm(station_longquan):
    """A 龙泉镇 farm nobody serves."""
    return make_farm(station_longquan, name="白马村养猪场", stock={"fattening_pig": 30})


DISPOSE_LINK = "登记无害化处理"


def test_a_death_report_leads_to_its_disposal_for_those_who_record_one(
    personas, vaccinator_longquan, station_longquan, pig_farm, other_farm
):
    """Surveillance's report page carries enforcement's link (declared on its AppConfig): the
    township that records disposals follows it to the form filled from the report; the
    county, which does not record them, and a vaccinator not serving the farm do not see it."""
    report = death_report(vaccinator_longquan, pig_farm, dead=3)
    link = f'href="/enforcement/disposals/new/?report={report.pk}"'
    for user in (station_longquan, vaccinator_longquan):
        page = _client(user).get(f"/surveillance/reports/{report.pk}/").content.decode()
        assert link in page and DISPOSE_LINK in page, user
    for user in (personas.bureau, personas.county_supervisor):
        page = _client(user).get(f"/surveillance/reports/{report.pk}/").content.decode()
        assert DISPOSE_LINK not in page, user
    unserved = death_report(station_longquan, other_farm)
    page = _client(vaccinator_longquan).get(f"/surveillance/reports/{unserved.pk}/")
    assert page.status_code == 404 or DISPOSE_LINK not in page.content.decode()
    form = _client(station_longquan).get(f"/enforcement/disposals/new/?report={report.pk}")
    assert pig_farm.code in form.content.decode() and 'value="3"' in form.content.decode()


def test_a_disease_report_has_no_disposal_link(station_longquan, pig_farm):
    sick = death_report(station_longquan, pig_farm, kind="sickness", sick=2, dead=0)
    page = _client(station_longquan).get(f"/surveillance/reports/{sick.pk}/").content.decode()
    assert DISPOSE_LINK not in page


def test_the_phone_form_fills_from_the_death_report_and_records_with_photos(
    vaccinator_longquan, pig_farm
):
    report = death_report(vaccinator_longquan, pig_farm, dead=3)
    client = _client(vaccinator_longquan)
    page = client.get(f"/enforcement/disposals/new/?report={report.pk}").content.decode()
    assert pig_farm.code in page and 'value="3"' in page
    assert "集中无害化处理场处理" in page
    response = client.post(
        "/enforcement/disposals/new/",
        {
            "farm": pig_farm.code,
            "report": report.pk,
            "category": "fattening_pig",
            "animals": 3,
            "method": "centre",
            "place": "夷陵区病死畜禽无害化处理中心",
            "date": report.onset_date.isoformat(),
            "collector": "刘防疫员",
            "photos": [_upload()],
        },
    )
    done = Disposal.objects.get()
    assert response.status_code == 302 and done.report == report and done.photos.count() == 1
    detail = client.get(response["Location"]).content.decode()
    assert "青龙村养猪场" in detail and "报告死亡3头" in detail
    photo = client.get(f"/enforcement/disposals/{done.pk}/photos/{done.photos.get().pk}/thumb.jpg")
    assert photo.status_code == 200


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("pit.png", png_bytes(), content_type="image/png")


def test_a_refused_disposal_keeps_what_was_typed(station_longquan, pig_farm):
    response = _client(station_longquan).post(
        "/enforcement/disposals/new/",
        {
            "farm": pig_farm.code,
            "category": "fattening_pig",
            "animals": 61,
            "method": "burial",
            "place": "青龙村3组深埋点",
            "date": "2026-11-30",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'data-code="STOCK_INSUFFICIENT"' in page and "青龙村3组深埋点" in page
    assert not Disposal.objects.exists()


@pytest.mark.parametrize("name", PERSONAS)
def test_the_claim_buttons_are_exactly_the_available_actions(personas, name, pig_farm):
    done = dispose(personas.station_longquan, pig_farm, animals=2)
    item = claim(personas.station_longquan, done)
    user = getattr(personas, name)
    response = _client(user).get(f"/enforcement/disposals/{done.pk}/")
    if name == "expert":
        assert response.status_code == 403
        return
    shown = [b for b in _buttons(response.content.decode()) if b != "file_claim"]
    assert shown == available_actions(user, item).names


def test_the_township_files_the_claim_and_the_county_decides_on_the_page(
    station_longquan, county_supervisor, pig_farm
):
    done = dispose(station_longquan, pig_farm, animals=2)
    station = _client(station_longquan)
    refused = station.post(
        f"/enforcement/disposals/{done.pk}/",
        {"insurer": "中国人寿财产保险", "policy_number": "P-7", "animals": 3, "amount": "900"},
    )
    assert refused.status_code == 422 and "P-7" in refused.content.decode()
    station.post(
        f"/enforcement/disposals/{done.pk}/",
        {"insurer": "中国人寿财产保险", "policy_number": "P-7", "animals": 2, "amount": "900"},
    )
    item = InsuranceClaim.objects.get()
    county = _client(county_supervisor)
    county.post(f"/enforcement/claims/{item.pk}/accept/", {"note": "相符"})
    county.post(f"/enforcement/claims/{item.pk}/pay/", {"paid_on": "2026-12-01"})
    item.refresh_from_db()
    assert item.status == "paid" and str(item.paid_on) == "2026-12-01"
    listed = county.get("/enforcement/claims/?status=paid").content.decode()
    assert "P-7" in listed and "已赔付" in listed


def test_the_cold_chain_page_dispatches_signs_holds_and_releases(
    county_supervisor, station_longquan
):
    lot = make_lot(county_supervisor, doses=500)
    county = _client(county_supervisor)
    warm = county.post(
        "/enforcement/cold-chain/",
        {"lot": lot.pk, "to": "station_longquan", "doses": 100, "temperature": "9.0"},
    )
    assert warm.status_code == 422 and "不得调出" in warm.content.decode()
    assert 'value="station_longquan"' in warm.content.decode()
    county.post(
        "/enforcement/cold-chain/",
        {"lot": lot.pk, "to": "station_longquan", "doses": 100, "temperature": "5.0"},
    )
    shipment = Shipment.objects.get()
    station = _client(station_longquan)
    shown = _buttons(station.get("/enforcement/cold-chain/").content.decode())
    assert [b for b in shown if b != "dispatch_vaccine"] == ["receive"]
    station.post(f"/enforcement/cold-chain/{shipment.pk}/receive/", {"temperature": "10.5"})
    shipment.refresh_from_db()
    assert shipment.status == "held"
    page = county.get("/enforcement/cold-chain/").content.decode()
    assert "暂停使用的疫苗" in page and "release" in _buttons(page)
    county.post(f"/enforcement/cold-chain/{shipment.pk}/release/", {"note": "复检效价合格"})
    shipment.refresh_from_db()
    assert shipment.status == "released" and not shipment.lot.held


def _error_box(html: str) -> str:
    start = html.index('<div class="error" role="alert"')
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize(
    ("values", "reason", "field"),
    [
        ({"temperature": "9.0"}, "出库温度9.0℃，冷链要求2–8℃：不得调出", "temperature"),
        ({"doses": 600}, "疫苗剩余500头份，不足600头份", None),
    ],
)
def test_the_cold_chain_form_says_its_refusal_once(county_supervisor, values, reason, field):
    lot = make_lot(county_supervisor, doses=500)
    body = {"lot": lot.pk, "to": "station_longquan", "doses": 100, "temperature": "5.0"}
    page = _client(county_supervisor).post("/enforcement/cold-chain/", {**body, **values})
    assert page.status_code == 422
    box = _error_box(page.content.decode())
    assert box.count(reason) == 1, box
    if field:  # the box still names the field the refusal is about
        assert f'data-field="{field}"' in box


def test_an_error_box_lists_each_problem_once():
    """Several problems: each is read once (the headline is the first, the list the rest
    or all of them under a headline of its own); a row number is kept with its problem."""
    problems = [Problem("A", "甲不对", {"field": "a"}), Problem("B", "乙不对", {"field": "b"})]
    box = render_to_string("core/error_box.html", {"error": DomainError.from_problems(problems)})
    assert box.count("甲不对") == 1 and box.count("乙不对") == 1 and 'data-field="b"' in box
    rows = DomainError("IMPORT_INVALID", "第3行有误", [{"row": 3, "message": "第3行有误"}])
    assert "第3行：" in render_to_string("core/error_box.html", {"error": rows})


def test_the_register_and_the_sourcing_pages(bureau, station_longquan):
    breeder = make_farm(station_longquan, name="龙泉种猪场")
    client = _client(bureau)
    response = client.post(
        "/enforcement/purification-farms/",
        {
            "farm": breeder.code,
            "level": "district",
            "certificate_no": "YL-JH-2026-09",
            "diseases": "猪伪狂犬病",
            "valid_from": "2026-01-01",
            "valid_until": "2027-12-31",
        },
    )
    assert response.status_code == 302
    listed = client.get("/enforcement/purification-farms/?valid=1").content.decode()
    assert "龙泉种猪场" in listed and "区级" in listed
    sourcing = client.get("/enforcement/sourcing/").content.decode()
    assert "整村推进" in sourcing and "所选期间没有购入登记" in sourcing
    assert _client(station_longquan).get("/enforcement/purification-farms/").status_code == 200


def test_a_held_receipt_shows_on_the_lot(county_supervisor, station_longquan):
    shipment = dispatch(county_supervisor, make_lot(county_supervisor), to="station_longquan")
    receive(station_longquan, shipment, "15.0")
    page = _client(station_longquan).get(f"/immunization/lots/{shipment.lot_id}/")
    assert "暂停使用" in page.content.decode()
