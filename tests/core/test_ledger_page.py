"""The ledger page (操作台账) shows each role only events about what it may see, in words
(issue 10 points 1 and 7)."""

from __future__ import annotations

from django.db import transaction

from smartvet.core import ledger
from tests.support.factories import LONGQUAN_VILLAGE, make_farm


def _ledger(client, user) -> str:
    client.force_login(user)
    return client.get("/ledger/").content.decode()


def test_a_farmer_sees_its_own_farms_events_not_its_neighbours(
    client, farmer_longquan, station_longquan
):
    own = make_farm(farmer_longquan, name="自家猪场", region=LONGQUAN_VILLAGE)
    make_farm(station_longquan, name="邻居猪场", region=LONGQUAN_VILLAGE)
    page = _ledger(client, farmer_longquan)
    assert own.code in page and "自家猪场" in page
    assert "邻居猪场" not in page
    station_page = _ledger(client, station_longquan)
    assert "自家猪场" in station_page and "邻居猪场" in station_page


def test_another_townships_station_sees_neither(client, station_yaqueling, station_longquan):
    make_farm(station_longquan, name="龙泉猪场", region=LONGQUAN_VILLAGE)
    assert "龙泉猪场" not in _ledger(client, station_yaqueling)


def test_the_ledger_reads_in_words_with_personal_data_masked(
    client, farmer_longquan, station_longquan, slaughterhouse
):
    make_farm(station_longquan, name="文字猪场", region=LONGQUAN_VILLAGE)
    with transaction.atomic():
        ledger.record(
            actor=station_longquan,
            action="account.changed",
            region="420506107",
            summary={"username": "farmer_x", "phone": "13907171234", "active": True},
        )
    page = _ledger(client, station_longquan)
    assert "登记养殖场户" in page and "farm.registered" not in page
    assert "修改账号" in page and "启用：是" in page
    assert "13907171234" in page  # the station works with the farmer in person
    masked = _ledger(client, slaughterhouse)
    assert "13907171234" not in masked and "139****1234" in masked
    assert "account.changed" not in masked and "{'" not in masked
