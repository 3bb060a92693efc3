"""A purchase-in names the farm the animals came from (whole-village sourcing reads it): by
id through the API, by the code on the farm's card on the page; only a purchase names one."""

from __future__ import annotations

import pytest

from smartvet.registry.models import StockEvent
from tests.support.api import ApiClient, error_code
from tests.support.factories import make_farm


def _purchase(station, farm, **extra):
    body = {
        "category": "fattening_pig",
        "kind": "purchase",
        "quantity": 5,
        "date": "2026-11-20",
        "certificate_no": "4200000002",
        **extra,
    }
    return ApiClient(station).post(f"/api/v1/farms/{farm.pk}/stock-events", body)


def test_a_purchase_names_its_source_farm(station_longquan):
    source = make_farm(station_longquan, name="龙泉种猪场")
    household = make_farm(station_longquan, kind="household", stock={"fattening_pig": 2})
    response = _purchase(station_longquan, household, source_farm=source.pk)
    assert response.status_code == 201, response.content
    assert response.json()["source_farm"] == source.pk
    assert StockEvent.objects.get(pk=response.json()["id"]).source_farm == source


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"source_farm": 10**12}, "来源养殖场不存在"),
        ({"kind": "birth", "certificate_no": "", "source_farm": "SELF"}, "只有购入"),
        ({"source_farm": "SELF"}, "不能是本场"),
    ],
)
def test_a_wrong_source_farm_is_refused_and_changes_nothing(station_longquan, extra, message):
    household = make_farm(station_longquan, kind="household", stock={"fattening_pig": 2})
    if extra.get("source_farm") == "SELF":
        extra = {**extra, "source_farm": household.pk}
    response = _purchase(station_longquan, household, **extra)
    assert response.status_code == 422
    assert error_code(response) == "VALIDATION_ERROR"
    assert message in response.content.decode()
    assert household.stock_lines.get(category="fattening_pig").quantity == 2


def test_the_stock_page_takes_the_source_farm_by_its_code(client, station_longquan):
    source = make_farm(station_longquan, name="龙泉种猪场")
    household = make_farm(station_longquan, kind="household", stock={"fattening_pig": 2})
    client.force_login(station_longquan)
    page = client.get(f"/farms/{household.pk}/stock/")
    assert "来源养殖场编码" in page.content.decode()
    client.post(
        f"/farms/{household.pk}/stock/",
        {
            "category": "fattening_pig",
            "kind": "purchase",
            "quantity": 3,
            "date": "2026-11-20",
            "certificate_no": "4200000003",
            "source_farm_code": source.code,
        },
    )
    assert StockEvent.objects.filter(farm=household, kind="purchase").get().source_farm == source


def test_the_farm_page_names_the_source_of_a_purchase(client, station_longquan):
    source = make_farm(station_longquan, name="龙泉种猪场")
    household = make_farm(station_longquan, kind="household", stock={"fattening_pig": 2})
    _purchase(station_longquan, household, source_farm=source.pk)
    client.force_login(station_longquan)
    assert "来自龙泉种猪场" in client.get(f"/farms/{household.pk}/").content.decode()
