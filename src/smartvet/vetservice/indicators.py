"""What veterinary socialized services contribute to supervision (DOMAIN.md §7, §9): orders
done, orders rated and the farmers' average rating."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, Rollup, cells, span
from smartvet.core.species import species_of
from smartvet.vetservice.models import ServiceOrder


def _done(region: str, first: date | None, last: date | None):  # type: ignore[no-untyped-def]
    # An order not yet done has no day to count on (the demo leaves one waiting).
    return ServiceOrder.objects.filter(
        span("farm__region_id", region, "done_at", first, last, timestamp=True),
        done_at__isnull=False,
    )


def done_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return cells(
        _done(region, first, last),
        day="done_at",
        place="farm__region_id",
        species=species_of,
        species_field="category",
    )


def rated_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = _done(region, first, last).filter(rating__isnull=False)
    return cells(rows, day="done_at", place="farm__region_id")


def rating_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = _done(region, first, last).filter(rating__isnull=False)
    return cells(rows, day="done_at", place="farm__region_id", value=Sum("rating"))


ORDERS_DONE = Measure("service_orders_done", done_facts)
ORDERS_RATED = Measure("service_orders_rated", rated_facts)
RATING_POINTS = Measure("service_rating_points", rating_facts)

SOURCE = _("社会化服务订单")
INDICATORS = (
    Indicator(
        "service_orders_done",
        _("完成服务订单"),
        _("单"),
        _("期内服务主体完成的服务订单数"),
        SOURCE,
        ORDERS_DONE,
        order=60,
    ),
    Indicator(
        "service_orders_rated",
        _("已评价服务订单"),
        _("单"),
        _("期内完成且养殖场户已评价的服务订单数"),
        SOURCE,
        ORDERS_RATED,
        order=61,
    ),
    Indicator(
        "service_rating",
        _("服务平均评分"),
        _("分"),
        _("期内完成订单的养殖场户评分平均值（1—5分）"),
        SOURCE,
        RATING_POINTS,
        rollup=Rollup.RATIO,
        base=ORDERS_RATED,
        order=62,
    ),
)
