"""净化场 and whole-village sourcing: the county registers purification certificates; per
village, the share of households that bought in from a purification farm whose certificate
was valid on the purchase date."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.enforcement import rules
from smartvet.enforcement.models import PurificationFarm
from smartvet.enforcement.queries import purification as queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordStockEvent
from tests.enforcement.disposal_factories import certify_purification
from tests.support.api import ApiClient
from tests.support.factories import LONGQUAN_VILLAGE, make_farm

OTHER_VILLAGE = "420506107202"


def _buy(actor, household, source, days_ago=1):
    values = {
        "category": "fattening_pig",
        "kind": "purchase",
        "quantity": 5,
        "date": (timezone.localdate() - timedelta(days=days_ago)).isoformat(),
        "certificate_no": "4200000009",
        "source_farm": source.pk if source else None,
    }
    registry_services.record_stock_event(
        actor=actor, farm_id=household.pk, command=parse(RecordStockEvent, values)
    )


def _household(actor, region=LONGQUAN_VILLAGE):
    return make_farm(actor, kind="household", region=region, stock={"fattening_pig": 1})


def test_the_share_of_households_that_bought_from_a_valid_purification_farm(
    station_longquan, bureau
):
    breeder = make_farm(station_longquan, name="龙泉种猪场")
    certify_purification(bureau, breeder)
    expired = make_farm(station_longquan, name="过期净化场")
    certify_purification(bureau, expired, days=-10)  # valid until ten days ago
    other = make_farm(station_longquan, name="普通猪场")
    a, b, c = (_household(station_longquan) for _ in range(3))
    _buy(station_longquan, a, breeder)
    _buy(station_longquan, a, other)  # the household still counts once
    _buy(station_longquan, b, expired, days_ago=1)
    _buy(station_longquan, c, None)
    d = _household(station_longquan, region=OTHER_VILLAGE)
    _buy(station_longquan, d, breeder)
    rows = {row.code: row for row in queries.village_sourcing(bureau, region="420506107")}
    assert (rows[LONGQUAN_VILLAGE].buyers, rows[LONGQUAN_VILLAGE].from_purification) == (3, 1)
    assert rows[LONGQUAN_VILLAGE].share == Decimal("0.3333")
    assert rows[OTHER_VILLAGE].share == 1


def test_a_purchase_before_the_certificate_was_valid_does_not_count(station_longquan, bureau):
    breeder = make_farm(station_longquan)
    certify_purification(bureau, breeder)  # valid from thirty days ago
    household = _household(station_longquan)
    _buy(station_longquan, household, breeder, days_ago=40)
    [row] = queries.village_sourcing(bureau, region="420506107")
    assert (row.buyers, row.from_purification) == (1, 0)


def test_registering_a_certificate_refuses_bad_dates_and_a_duplicate_number(
    station_longquan, bureau
):
    breeder = make_farm(station_longquan)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="不能早于有效期起"):
        certify_purification(
            bureau,
            breeder,
            valid_from=today.isoformat(),
            valid_until=(today - timedelta(1)).isoformat(),
        )
    certify_purification(bureau, breeder, serial=7)
    with pytest.raises(DomainError, match="已登记"):
        certify_purification(bureau, breeder, serial=7)
    assert PurificationFarm.objects.count() == 1


def test_who_registers_and_who_reads(station_longquan, station_yaqueling, bureau, farmer_longquan):
    breeder = make_farm(station_longquan)
    with pytest.raises(PermissionDenied):
        certify_purification(station_longquan, breeder)
    with pytest.raises(NotFound):
        queries.village_sourcing(station_yaqueling, region="420506107")
    with pytest.raises(PermissionDenied):
        queries.village_sourcing(farmer_longquan)


def test_the_api_registers_and_lists_the_register_and_the_sourcing(station_longquan, bureau):
    breeder = make_farm(station_longquan, name="龙泉种猪场")
    today = timezone.localdate()
    body = {
        "farm": breeder.pk,
        "level": "district",
        "certificate_no": "YL-JH-2026-01",
        "diseases": "猪伪狂犬病",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=730)).isoformat(),
    }
    api = ApiClient(bureau)
    assert api.post("/api/v1/purification-farms", body).status_code == 201
    listed = api.get("/api/v1/purification-farms", valid_on=today.isoformat()).json()
    assert listed["count"] == 1 and listed["items"][0]["farm_name"] == "龙泉种猪场"
    household = _household(station_longquan)
    _buy(station_longquan, household, breeder, days_ago=0)
    sourcing = api.get("/api/v1/sourcing", region="420506107").json()
    assert sourcing["items"] == [
        {
            "region": LONGQUAN_VILLAGE,
            "name": sourcing["items"][0]["name"],
            "buyers": 1,
            "from_purification": 1,
            "share": "1.0000",
        }
    ]


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_share_lies_between_zero_and_one_and_none_without_buyers(part, extra):
    whole = part + extra
    value = rules.share(part, whole)
    if whole == 0:
        assert value is None
    else:
        assert 0 <= value <= 1


@given(st.decimals(min_value=-40, max_value=60, places=1))
def test_the_cold_chain_range_is_two_to_eight_inclusive(temperature):
    assert rules.in_cold_chain_range(temperature) == (Decimal(2) <= temperature <= Decimal(8))
