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
last refresh, as fresh as the figures were a refresh ago."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from smartvet.core.models import Region
from smartvet.supervision import anomalies, queries
from smartvet.supervision.models import Dashboard, Grain, Summary


def mark_stale(county: str) -> None:
    """Inside the recount's transaction: the county's summaries changed."""
    Dashboard.objects.filter(region__in=[county, county[:4], county[:2]]).update(stale=True)


def prepare(today: date | None = None) -> int:
    """Prepare the stale dashboards of the default period in the site's language, and on the
    first run of a period (a new day) every region's at county level and above that holds
    summaries; drop the rows of other periods. Returns how many it prepared."""
    period = queries.period(None, None, today=today)
    with translation.override(settings.LANGUAGE_CODE):
        language = translation.get_language()
        current = Dashboard.objects.filter(first=period.first, last=period.last, language=language)
        Dashboard.objects.exclude(pk__in=current.values("pk")).delete()
        wanted = set(current.filter(stale=True).values_list("region", flat=True))
        if not current.exists():
            wanted |= _summarised_regions()
        for region in Region.objects.filter(code__in=wanted).order_by("code"):
            _prepare(region, period, language)
    return len(wanted)


def _summarised_regions() -> set[str]:
    counties = set(
        Summary.objects.filter(grain=Grain.COUNTY_MONTH)
        .values_list("county", flat=True)
        .distinct()
        .order_by()
    )
    return counties | {code[:4] for code in counties} | {code[:2] for code in counties}


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
