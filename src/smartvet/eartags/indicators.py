"""What ear tags contribute to supervision (DOMAIN.md §9): tags in stock, issued, fitted,
cancelled, by species (the first digit of a tag's code, 《畜禽标识和养殖档案管理办法》)."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, cells, span
from smartvet.core.species import SPECIES_BY_TAG_DIGIT
from smartvet.eartags.models import HolderKind, MoveKind, Tag, TagMove, TagRange, TagStatus

DIGIT = 10**14  # a 15-digit code's first digit names the species


def _species(digit: int) -> str:
    return SPECIES_BY_TAG_DIGIT.get(str(digit), "")


def stock_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # a range in a county's or township's stock counts on the day it last changed holder, so
    # the sum up to a day is the stock as it stands of the ranges that had arrived by then
    rows = TagRange.objects.filter(
        span("region_id", region, "updated_at", first, last, timestamp=True),
        holder_kind__in=[HolderKind.COUNTY, HolderKind.TOWNSHIP],
    ).annotate(digit=F("first") / DIGIT)
    return cells(
        rows,
        day="updated_at",
        place="region_id",
        value=Sum(F("last") - F("first") + 1),
        species=_species,
        species_field="digit",
    )


def issued_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = TagMove.objects.filter(
        span("region_id", region, "at", first, last, timestamp=True),
        kind=MoveKind.SECOND_ISSUE,
    ).annotate(digit=F("first") / DIGIT)
    return cells(
        rows,
        day="at",
        place="region_id",
        value=Sum("quantity"),
        species=_species,
        species_field="digit",
    )


def fitted_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Tag.objects.filter(
        span("farm__region_id", region, "fitted_on", first, last, timestamp=False),
    ).annotate(digit=F("code") / DIGIT)
    return cells(
        rows,
        day="fitted_on",
        place="farm__region_id",
        species=_species,
        species_field="digit",
        timestamp=False,
    )


def cancelled_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Tag.objects.filter(
        span("farm__region_id", region, "cancelled_at", first, last, timestamp=True),
        status=TagStatus.CANCELLED,
    ).annotate(digit=F("code") / DIGIT)
    return cells(
        rows, day="cancelled_at", place="farm__region_id", species=_species, species_field="digit"
    )


TAGS_IN_STOCK = Measure("tags_in_stock", stock_facts, stock=True)
TAGS_ISSUED = Measure("tags_issued", issued_facts)
TAGS_FITTED = Measure("tags_fitted", fitted_facts)
TAGS_CANCELLED = Measure("tags_cancelled", cancelled_facts)

SOURCE = _("耳标发放与佩戴")
INDICATORS = (
    Indicator(
        "tags_in_stock",
        _("库存耳标"),
        _("枚"),
        _("期末县级和乡镇库存中未发放的耳标数"),
        SOURCE,
        TAGS_IN_STOCK,
        order=20,
    ),
    Indicator(
        "tags_issued",
        _("发放耳标"),
        _("枚"),
        _("期内乡镇发放到养殖场户和防疫员的耳标数"),
        SOURCE,
        TAGS_ISSUED,
        order=21,
    ),
    Indicator(
        "tags_fitted",
        _("佩戴耳标"),
        _("枚"),
        _("期内佩戴登记的耳标数"),
        SOURCE,
        TAGS_FITTED,
        order=22,
    ),
    Indicator(
        "tags_cancelled",
        _("注销耳标"),
        _("枚"),
        _("期内注销的耳标数"),
        SOURCE,
        TAGS_CANCELLED,
        order=23,
    ),
)
