"""The demo: the plan, the station's tender lots and a pig farm protected today."""

from django.test import Client
from django.utils import timezone

from smartvet.immunization import demo as immunization_demo
from smartvet.immunization import queries
from smartvet.immunization.models import AntibodyTest, Immunization, PlanEntry, VaccineLot
from smartvet.registry import demo as registry_demo
from smartvet.registry.models import Farm


def test_the_demo_loads_twice_and_the_pig_farm_is_protected(personas):
    registry_demo.load("x")
    immunization_demo.load("x")
    immunization_demo.load("x")
    assert PlanEntry.objects.filter(disease="FMD").count() == 7
    station_lots = VaccineLot.objects.filter(holder__username="station_longquan")
    species = sorted(lot.species for lot in station_lots)
    assert species == [["cattle", "sheep"], ["pig"], ["poultry"]]
    assert AntibodyTest.objects.count() == 1
    farm = Farm.objects.get(name=immunization_demo.PIG_FARM)
    today = timezone.localdate()
    for category in ("sow", "fattening_pig", "breeding_boar"):
        problems = queries.protection_problems(
            actor=personas.vet_longquan, farm=farm, category=category, on_date=today
        )
        assert problems == []
    assert Immunization.objects.filter(farm=farm).count() == 3
    cattle = Immunization.objects.get(farm__name=immunization_demo.CATTLE_FARM)
    assert cattle.lot.species == ["cattle", "sheep"]  # not the pigs' vaccine


def test_the_home_page_shows_the_immunization_panel(personas):
    registry_demo.load("x")
    immunization_demo.load("x")
    for user in (
        personas.vaccinator_longquan,
        personas.county_supervisor,
        personas.cdc,
        personas.slaughterhouse,
    ):
        client = Client()
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == 200
        assert ("强制免疫" in response.content.decode()) == (user.role != "slaughterhouse")
