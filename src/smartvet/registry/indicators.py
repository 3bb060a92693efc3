"""What the registry contributes to supervision (DOMAIN.md §9): farms registered and complete."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, cells, span
from smartvet.core.species import species_of
from smartvet.registry.models import Farm, FarmStock


def _farms(region: str, first: date | None, last: date | None, **extra: object) -> list[Cell]:
    rows = Farm.objects.filter(span("region_id", region, "created_at", first, last, timestamp=True))
    return cells(rows.filter(**extra), day="created_at", place="region_id")


def registered_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return _farms(region, first, last)


def complete_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # counted on the day of registration, as complete as the farm is now: completing a farm
    # later moves the count up to the period's end without a second date to keep
    return _farms(region, first, last, is_complete=True)


def stock_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # the herd as it stands, counted on the farm's day of registration (stock lines keep no
    # history of their own; the stock book's events do, per farm)
    rows = FarmStock.objects.filter(
        span("farm__region_id", region, "farm__created_at", first, last, timestamp=True)
    )
    return cells(
        rows,
        day="farm__created_at",
        place="farm__region_id",
        value=Sum("quantity"),
        species=species_of,
        species_field="category",
    )


FARMS_REGISTERED = Measure("farms_registered", registered_facts, stock=True)
FARMS_COMPLETE = Measure("farms_complete", complete_facts, stock=True)
ANIMALS_IN_STOCK = Measure("animals_in_stock", stock_facts, stock=True)

INDICATORS = (
    Indicator(
        "farms_registered",
        _("登记养殖场户"),
        _("户"),
        _("截至期末在平台登记的养殖场户数"),
        _("养殖场户登记"),
        FARMS_REGISTERED,
        order=10,
    ),
    Indicator(
        "farms_complete",
        _("信息完整养殖场户"),
        _("户"),
        _("截至期末登记且基础信息完整的养殖场户数"),
        _("养殖场户登记"),
        FARMS_COMPLETE,
        order=11,
    ),
    Indicator(
        "animals_in_stock",
        _("存栏"),
        _("头（只、羽）"),
        _("登记养殖场户的当前存栏"),
        _("养殖场户存栏"),
        ANIMALS_IN_STOCK,
        order=12,
    ),
)
