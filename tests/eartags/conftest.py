"""Stock of 夷陵区: pig tags 1..1000 registered by the county, 1..500 issued to 龙泉镇,
501..600 to 鸦鹊岭镇, and a pig farm in 龙泉镇 owned by farmer_longquan served by
vaccinator_longquan."""

from __future__ import annotations

import pytest

from smartvet.registry import services as registry
from tests.eartags import factories
from tests.support.factories import make_farm


@pytest.fixture
def county_stock(county_supervisor):
    return factories.register(county_supervisor, 1, 1000, box="A1")


@pytest.fixture
def township_stock(county_supervisor, county_stock):
    factories.issue(county_supervisor, 1, 500, to_region=factories.LONGQUAN)
    factories.issue(county_supervisor, 501, 600, to_region=factories.YAQUELING)


@pytest.fixture
def pig_farm(farmer_longquan, station_longquan):
    farm = make_farm(farmer_longquan)
    registry.assign_server(actor=station_longquan, farm_id=farm.pk, username="vaccinator_longquan")
    return farm


@pytest.fixture
def yaqueling_farm(station_yaqueling):
    return make_farm(station_yaqueling, region="420506108201")
