"""No code reaches a reader of the registry's and immunization's pages (issue 10 point 7):
diseases, categories, species, sources, kinds and fields read as names, in the demo as its
users open it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from smartvet.immunization import demo as immunization_demo
from smartvet.immunization.models import VaccineLot
from smartvet.registry import demo as registry_demo
from smartvet.registry.models import Farm

CODES = re.compile(
    r"\b(FMD|HPAI|PPR|BRUCELLOSIS|ECHINOCOCCOSIS|sow|fattening_pig|breeding_boar|beef_cattle"
    r"|dairy_cattle|sheep|goat|layer|broiler|duck|goose|pig|cattle|poultry|tender|self|initial"
    r"|retest|scale|household|village_unit|opening|birth|purchase|death|sale|slaughter"
    r"|name|phone|address|species|stock|missing)\b"
)
PAGES = [
    "/farms/",
    "/farms/new/",
    "/immunization/",
    "/immunization/records/",
    "/immunization/lots/",
    "/immunization/lots/new/",
    "/immunization/antibody/",
    "/immunization/antibody/new/",
    "/immunization/sampling/",
    "/immunization/density/",
]
FARM_PAGES = [
    "/farms/{pk}/",
    "/farms/{pk}/edit/",
    "/farms/{pk}/qr/",
    "/farms/{pk}/stock/",
    "/immunization/farms/{pk}/",
    "/immunization/farms/{pk}/entry/",
]


def _visible_text(html: str) -> str:
    main = html[html.find("<main") : html.find("</main>")]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize(
    "who",
    ["station_longquan", "vaccinator_longquan", "cdc", "county_supervisor", "farmer_longquan"],
)
def test_the_demo_pages_read_in_words(who, personas):
    registry_demo.load("x")
    immunization_demo.load("x")
    Farm.objects.filter(name=immunization_demo.CATTLE_FARM).update(
        phone="", address="", is_complete=False
    )
    client = Client()
    client.force_login(getattr(personas, who))
    pages = list(PAGES)
    for farm in Farm.objects.all():
        pages += [page.format(pk=farm.pk) for page in FARM_PAGES]
    pages += [f"/immunization/lots/{lot.pk}/" for lot in VaccineLot.objects.all()]
    read = 0
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        read += 1
        found = CODES.findall(_visible_text(response.content.decode()))
        assert not found, (page, found)
    assert read >= 10
