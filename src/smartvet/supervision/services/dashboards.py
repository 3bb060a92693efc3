"""The dashboards the refresh prepares (issue 13 point 3: "a landing page that reads only
cached figures"): for the default period (this year up to today), the figures, the default
indicator's time series and the anomalies of every region at county level and above, one row
each (models.Dashboard), so a province logging in at once reads rows instead of running a
year of sums. Townships and villages are cheap enough to sum when opened (then cached until
the next refresh).

A recount that changes a county's summaries marks the rows of the county, its city and its
province stale inside its own transaction; the refresh and the rebuild prepare every stale
row again before they end (the refresh before it moves its watermark), so after either has
run no row shows figures older than the rollups. Until then a reader sees the rows of the
last refresh, as fresh as the figures were a refresh ago. A new day is a new default period:
its first refresh prepares every region's row after it has moved its watermark (a page
opening meanwhile sums its own figures), so the day's first recount is not held up by it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from smartvet.core.models import Region
from smartvet.supervision import anomalies, queries, rules
from smartvet.supervision.models import Dashboard, Grain, Summary


def mark_stale(county: str) -> None:
    """Inside the recount's transaction: the county's summaries changed."""
    Dashboard.objects.filter(region__in=_prepared_for(county)).update(stale=True)


def prepare(today: date | None = None) -> int:
    """Prepare again the stale dashboards of the default period (in the site's language) and
    drop the rows of other periods. Returns how many it prepared."""
    period, language = _current(today)
    current = _rows(period, language)
    Dashboard.objects.exclude(pk__in=current.values("pk")).delete()
    return _prepare_all(set(current.filter(stale=True).values_list("region", flat=True)), period)


def prepare_period(today: date | None = None) -> int:
    """On the first run of a period (a new day): the dashboard of every region at county
    level and above that holds summaries. Until it has run a region's page sums its figures
    when opened (fresh, only slower). Returns how many it prepared."""
    period, language = _current(today)
    if _rows(period, language).exists():
        return 0
    return _prepare_all(_summarised_regions(), period)


def _current(today: date | None) -> tuple[queries.Period, str]:
    with translation.override(settings.LANGUAGE_CODE):
        return queries.period(None, None, today=today), translation.get_language()


def _rows(period: queries.Period, language: str) -> Any:
    return Dashboard.objects.filter(first=period.first, last=period.last, language=language)


def _prepare_all(codes: set[str], period: queries.Period) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        language = translation.get_language()
        for region in Region.objects.filter(code__in=codes).order_by("code"):
            _prepare(region, period, language)
    return len(codes)


def _summarised_regions() -> set[str]:
    counties = set(
        Summary.objects.filter(grain=Grain.COUNTY_MONTH)
        .values_list("county", flat=True)
        .distinct()
        .order_by()
    )
    return {code for county in counties for code in _prepared_for(county)}


def _prepared_for(county: str) -> list[str]:
    """The regions whose dashboards a county's summaries feed: itself, its city, its province."""
    above = rules.ancestors(county)
    return [above["county"], above["city"], above["province"]]


def _prepare(region: Region, period: queries.Period, language: str) -> None:
    figures = queries.region_figures(region, period, cached=False)
    item = queries.indicator(queries.DEFAULT_INDICATOR)
    Dashboard.objects.update_or_create(
        region=region.code,
        first=period.first,
        last=period.last,
        language=language,
        defaults={
            "figures": figures,
            "series": queries.region_series(region.code, item, period),
            "anomalies": anomalies.as_rows(
                anomalies.region_anomalies(region, period, figures=figures)
            ),
            "stale": False,
            "prepared_at": timezone.now(),
        },
    )
