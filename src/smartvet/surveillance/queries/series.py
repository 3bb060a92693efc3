"""The facts an evaluation counts, for one place and a span of days. These serve the
evaluation task and the backtest (no actor: they read one place's facts for a rule)."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum

from smartvet.core.access import within
from smartvet.surveillance.models import Indicator, LabResult, Report, ReportKind

CASE_KINDS = (ReportKind.SICKNESS, ReportKind.DEATH, ReportKind.SUSPECTED_OUTBREAK)
FIELD_BY_INDICATOR = {Indicator.DEATHS: "dead", Indicator.SICK: "sick"}


def daily_counts(indicator: str, place: str, start: date, end: date) -> dict[date, int]:
    """Deaths or sick animals reported at `place` (and below) per onset day in [start, end]."""
    field = FIELD_BY_INDICATOR[Indicator(indicator)]
    rows = (
        Report.objects.filter(within("region_id", place))
        .filter(kind__in=CASE_KINDS, onset_date__gte=start, onset_date__lte=end)
        .order_by()
        .values_list("onset_date", field)
    )
    # Summed here, not with GROUP BY: grouping by day leads SQLite to walk the date index
    # over every village's reports instead of this village's rows (the window holds few).
    counts: dict[date, int] = {}
    for day, value in rows:
        counts[day] = counts.get(day, 0) + value
    return counts


def window_total(indicator: str, place: str, start: date, end: date) -> int:
    """The bench's bound: the bare query of one place's window."""
    field = FIELD_BY_INDICATOR[Indicator(indicator)]
    return (
        Report.objects.filter(within("region_id", place))
        .filter(kind__in=CASE_KINDS, onset_date__gte=start, onset_date__lte=end)
        .aggregate(total=Sum(field))["total"]
        or 0
    )


def positives(place: str, start: date, end: date) -> int:
    """Positive pathogen samples of notifiable diseases at `place`, results entered in span."""
    return (
        LabResult.objects.filter(within("farm__region_id", place))
        .filter(
            kind=LabResult.Kind.PATHOGEN,
            result_at__date__gte=start,
            result_at__date__lte=end,
            positive__gt=0,
        )
        .aggregate(total=Sum("positive"))["total"]
        or 0
    )
