"""无害化处理: the township records who collected, where, how and how many, with photos,
linked to the death report and the stock change; every refusal changes nothing."""

from __future__ import annotations

import pytest

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.enforcement.models import Disposal
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from tests.enforcement.disposal_factories import dispose
from tests.immunization.factories import png_bytes
from tests.support.api import ApiClient, error_code
from tests.support.factories import make_farm
from tests.surveillance.factories import death_report


@pytest.fixture
def pig_farm(station_longquan):
    farm = make_farm(station_longquan, stock={"fattening_pig": 100})
    registry_services.assign_server(
        actor=station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


def _stock(farm):
    return registry_queries.current_stock(farm).get("fattening_pig", 0)


def test_a_disposal_under_a_death_report_links_the_reports_stock_change(
    vaccinator_longquan, pig_farm
):
    report = death_report(vaccinator_longquan, pig_farm, dead=3)
    assert _stock(pig_farm) == 97
    done = dispose(vaccinator_longquan, pig_farm, animals=3, report=report, photos=[png_bytes()])
    assert _stock(pig_farm) == 97  # the report took them off once
    assert done.report == report
    assert done.stock_event.kind == "death" and done.stock_event.quantity == 3
    assert done.photos.count() == 1
    event = LedgerEvent.objects.filter(action="disposal.recorded").get()
    assert event.summary["animals"] == 3 and event.summary["report"] == report.pk


def test_a_disposal_without_a_report_takes_the_animals_off_the_stock(station_longquan, pig_farm):
    done = dispose(station_longquan, pig_farm, animals=4)
    assert _stock(pig_farm) == 96
    assert done.stock_event.quantity == 4 and done.stock_event.kind == "death"
    assert "集中无害化处理场处理" in done.stock_event.disposal


def test_more_than_the_report_left_is_refused(vaccinator_longquan, pig_farm):
    report = death_report(vaccinator_longquan, pig_farm, dead=3)
    dispose(vaccinator_longquan, pig_farm, animals=2, report=report)
    with pytest.raises(DomainError, match="DISPOSAL_EXCEEDS_REPORT") as refused:
        dispose(vaccinator_longquan, pig_farm, animals=2, report=report)
    assert "尚待处理1头" in str(refused.value)
    assert Disposal.objects.count() == 1


def test_a_report_of_another_farm_or_category_is_refused(station_longquan, pig_farm):
    other = make_farm(station_longquan, stock={"fattening_pig": 10})
    report = death_report(station_longquan, other, dead=1)
    with pytest.raises(DomainError, match="不是本场的死亡报告"):
        dispose(station_longquan, pig_farm, animals=1, report=report)
    own = death_report(station_longquan, pig_farm, dead=1)
    with pytest.raises(DomainError, match="品种类别与死亡报告不一致"):
        dispose(station_longquan, pig_farm, animals=1, report=own, category="sow")
    assert not Disposal.objects.exists()


def test_more_than_the_stock_or_a_future_date_or_a_broken_photo_is_refused(
    station_longquan, pig_farm
):
    with pytest.raises(DomainError, match="STOCK_INSUFFICIENT"):
        dispose(station_longquan, pig_farm, animals=101)
    with pytest.raises(DomainError, match="不能晚于今天"):
        dispose(station_longquan, pig_farm, date="2999-01-01")
    with pytest.raises(DomainError, match="PHOTO_INVALID"):
        dispose(station_longquan, pig_farm, photos=[b"not an image"])
    assert not Disposal.objects.exists()
    assert _stock(pig_farm) == 100


def test_who_may_record_a_disposal(
    vaccinator_longquan, station_yaqueling, farmer_longquan, station_longquan
):
    unserved = make_farm(station_longquan, stock={"fattening_pig": 10})
    with pytest.raises(PermissionDenied):
        dispose(vaccinator_longquan, unserved)  # a farm it does not serve
    with pytest.raises(NotFound):
        dispose(station_yaqueling, unserved)  # another township's farm
    own = make_farm(farmer_longquan, stock={"fattening_pig": 10})
    with pytest.raises(PermissionDenied):
        dispose(farmer_longquan, own)  # disposal is done under supervision
    assert not Disposal.objects.exists()


def test_the_api_takes_the_contract_payload_and_photos_after(station_longquan, pig_farm):
    api = ApiClient(station_longquan)
    body = {
        "farm": pig_farm.pk,
        "category": "fattening_pig",
        "animals": 2,
        "method": "burial",
        "place": "龙泉镇青龙村3组深埋点",
        "date": "2026-11-30",
        "report": None,
    }
    response = api.post("/api/v1/disposals", body)
    assert response.status_code == 201, response.content
    disposal_id = response.json()["id"]
    uploaded = api.upload(
        f"/api/v1/disposals/{disposal_id}/photos", "pit.png", png_bytes(), field="photos"
    )
    assert uploaded.status_code == 201 and uploaded.json() == {"photos": 1}
    listed = api.get("/api/v1/disposals", q="青龙村").json()
    assert listed["count"] == 1 and listed["items"][0]["photos"] == 1
    bad = api.post("/api/v1/disposals", {**body, "method": "river"})
    assert bad.status_code == 422 and error_code(bad) == "VALIDATION_ERROR"
