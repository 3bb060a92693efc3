from __future__ import annotations

import importlib

import pytest

from smartvet.registry import services as registry_services
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm


@pytest.fixture(autouse=True)
def _compulsory_plan(request, _reference_data):
    """The plan is migration data; a transactional test anywhere in the run flushes it. Put
    it back (idempotently) before every test that touches the database."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker or {"db", "transactional_db", "live_server", "personas"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue(
        "transactional_db" if marker and marker.kwargs.get("transaction") else "db"
    )
    from django.apps import apps

    from smartvet.immunization.models import PlanEntry

    if not PlanEntry.objects.exists():
        importlib.import_module("smartvet.immunization.migrations.0002_default_plan").load_plan(
            apps, None
        )


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
