"""The ledger (操作台账) as a farmer and as the station read it on a phone (issue 10 point 1):
a farmer sees its own farm's events, never its neighbour's; the station sees both; both in
words, without codes."""

import re

import pytest

from tests.support.factories import LONGQUAN_VILLAGE, make_farm

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_farms(personas):
    own = make_farm(personas.farmer_longquan, name="台账自家猪场", region=LONGQUAN_VILLAGE)
    make_farm(personas.station_longquan, name="台账邻居猪场", region=LONGQUAN_VILLAGE)
    return own


def _ledger_text(page) -> str:
    page.goto("/ledger/")
    return page.locator("main").inner_text()


def test_a_farmer_reads_only_its_own_farms_events(page, login, two_farms):
    login(page, "farmer_longquan")
    text = _ledger_text(page)
    assert "台账自家猪场" in text and "登记养殖场户" in text
    assert "台账邻居猪场" not in text
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\b", text)  # no action code such as farm.registered
    assert page.evaluate("document.documentElement.scrollWidth") <= 362


def test_the_station_reads_every_farm_of_its_township(page, login, two_farms):
    login(page, "station_longquan")
    text = _ledger_text(page)
    assert "台账自家猪场" in text and "台账邻居猪场" in text
