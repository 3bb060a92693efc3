"""What immunization contributes to supervision (DOMAIN.md §4, §9): density against the
registered stock, and the antibody pass rate."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, Rollup, cells, span
from smartvet.core.species import species_of
from smartvet.immunization.models import AntibodyTest, Immunization
from smartvet.registry.indicators import ANIMALS_IN_STOCK


def immunized_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Immunization.objects.filter(
        span("farm__region_id", region, "date", first, last, timestamp=False)
    )
    return cells(
        rows,
        day="date",
        place="farm__region_id",
        value=Sum("animals"),
        species=species_of,
        species_field="category",
        timestamp=False,
    )


def _antibody(region: str, first: date | None, last: date | None, field: str) -> list[Cell]:
    rows = AntibodyTest.objects.filter(
        span("farm__region_id", region, "sampled_on", first, last, timestamp=False)
    )
    return cells(rows, day="sampled_on", place="farm__region_id", value=Sum(field), timestamp=False)


def samples_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return _antibody(region, first, last, "samples")


def qualified_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return _antibody(region, first, last, "qualified")


ANIMALS_IMMUNIZED = Measure("animals_immunized", immunized_facts)
ANTIBODY_SAMPLES = Measure("antibody_samples", samples_facts)
ANTIBODY_QUALIFIED = Measure("antibody_qualified", qualified_facts)

SOURCE = _("免疫录入与抗体检测")
INDICATORS = (
    Indicator(
        "animals_immunized",
        _("免疫数量"),
        _("头（只、羽）"),
        _("期内免疫录入的畜禽数"),
        SOURCE,
        ANIMALS_IMMUNIZED,
        order=30,
    ),
    Indicator(
        "immunization_density",
        _("免疫密度"),
        "%",
        _("期内免疫数量占期末存栏的百分比（目标：应免尽免，群体免疫密度不低于90%）"),
        SOURCE,
        ANIMALS_IMMUNIZED,
        rollup=Rollup.RATIO,
        base=ANIMALS_IN_STOCK,
        scale=100,
        order=31,
    ),
    Indicator(
        "antibody_pass_rate",
        _("抗体合格率"),
        "%",
        _("期内采样的抗体检测合格样品数占样品数的百分比（目标不低于70%）"),
        SOURCE,
        ANTIBODY_QUALIFIED,
        rollup=Rollup.RATIO,
        base=ANTIBODY_SAMPLES,
        scale=100,
        order=32,
    ),
)
