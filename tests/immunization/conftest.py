from __future__ import annotations

import pytest

from smartvet.registry import services as registry_services
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm


@pytest.fixture
def pig_farm(farmer_longquan, station_longquan):
    """farmer_longquan's pig farm in 龙泉镇, served by vaccinator_longquan."""
    farm = make_farm(farmer_longquan, stock={"sow": 50, "fattening_pig": 200})
    registry_services.assign_server(
        actor=station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


@pytest.fixture
def other_farm(station_longquan):
    """A 龙泉镇 farm nobody serves."""
    return make_farm(station_longquan, stock={"sow": 30, "sheep": 40})


@pytest.fixture
def yaqueling_farm(station_yaqueling):
    return make_farm(station_yaqueling, region="420506108201", stock={"sow": 20})


@pytest.fixture
def tender_lot(station_longquan):
    return make_lot(station_longquan, doses=1000)


@pytest.fixture
def own_lot(farmer_longquan, pig_farm):
    return make_lot(farmer_longquan, source="self", farm=pig_farm, doses=300)
