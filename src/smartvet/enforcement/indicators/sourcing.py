"""What whole-village sourcing (整村推进; seed 000) contributes to supervision: purchase-ins
of the farms under a region and those from a purification farm whose certificate was valid on
the purchase date, counted on the purchase date at the buying farm's place; their ratio is the
indicator (the sourcing page shows the same per household)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, Rollup, cells
from smartvet.core.species import species_of
from smartvet.enforcement.queries.purification import valid_certificate
from smartvet.registry import queries as registry_queries


def _purchases(region: str, first: date | None, last: date | None):
    return registry_queries.purchases_in(region, first, last)


def _cells(rows) -> list[Cell]:
    return cells(
        rows,
        day="date",
        place="farm__region_id",
        species=species_of,
        species_field="category",
        timestamp=False,
    )


def purchase_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return _cells(_purchases(region, first, last))


def purified_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = _purchases(region, first, last).filter(valid_certificate("source_farm_id", "date"))
    return _cells(rows)


PURCHASES = Measure("purchases_in", purchase_facts)
FROM_PURIFICATION = Measure("purchases_from_purification", purified_facts)

INDICATORS = [
    Indicator(
        code="purchases_from_purification",
        name=_("净化场来源购入占比"),
        unit=_("%"),
        definition=_("期间内购入登记中，来源为购入当日证书有效的净化场的比例（整村推进）"),
        source=_("存栏变动与净化场名录"),
        measure=FROM_PURIFICATION,
        rollup=Rollup.RATIO,
        base=PURCHASES,
        scale=100,
        order=85,
    ),
]
