"""`smartvet bench` figures for supervision (issue 13 point 7, DOMAIN.md §12).

The rollups are synthetic: a province "98" of `factor` counties (100 at province scale), 15
townships each, 13–14 villages per township (20,000 villages at province scale), five years
of cells (two flows weekly, a distribution fortnightly, a stock monthly per village), written
set-based (one INSERT … SELECT per day and measure from a table of the villages) with every
production index in place; then the county summaries, built as `supervision-rebuild` builds
them from nothing (one INSERT … SELECT per grain and county).

- supervision.fill_5_years_s, supervision.summarise_5_years_s: those two, on the first run.
- supervision.prepare_dashboards_s: what the first refresh of a day adds to its recount,
  the dashboard of every region at county level and above for the new default period.
  Bound: the 60 s freshness goal.
- supervision.figures_<level>_p95: the figures of one region (every indicator, every child)
  for a year, summed from the rollups, for the province and each drill-down step (city,
  county, township, village). supervision.dashboard_<level>_p95: what the page reads for the
  default period (figures, the time series, the anomalies) with the cache cleared before
  each: a prepared row at county level and above, sums below. supervision.dashboard_chosen_
  <level>_p95: the same for a period chosen by hand (the last 365 days), always summed.
  Bound: the bare rollup query, one SUM over the province's column for one measure and the
  year.
- supervision.freshness_s: a farm registered through the registry's service, then the refresh
  the server's loop runs (`supervision-refresh --loop 20`: the recount, then the dashboards it
  made stale prepared again): the seconds until the province's dashboard shows it, plus the
  loop's interval (the worst wait). Bound: the 60 s goal.
- supervision.rebuild_year_s: `supervision-rebuild` of 济源市 (419001) for the last year over
  the facts the bench database holds (the quarantine bench puts 10,000 × factor certificates
  there: run `--only quarantine,supervision` for it to have facts). Bound: counting the same
  facts without writing (`supervision-check`).

Run on a throw-away database: it writes.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from smartvet.bench import BenchContext, Result, p95_ms, timed
from smartvet.core.access import within
from smartvet.core.commands import parse
from smartvet.core.models import Region, Role, User
from smartvet.core.services import create_account
from smartvet.quarantine.models import Certificate
from smartvet.registry import services as registry
from smartvet.registry.commands import RegisterFarm
from smartvet.supervision import anomalies, queries, services
from smartvet.supervision.models import Dashboard, Rollup, Summary, Watermark
from smartvet.supervision.services import dashboards

PROVINCE = "98"
TOWNSHIPS_PER_COUNTY = 15
YEARS = 5
LOOP_SECONDS = 20
SAMPLES = 20
QUIET_TOWNSHIP = "999"  # a township of the first county without synthetic cells


def _regions(ctx: BenchContext) -> tuple[list[str], list[str]]:
    """The synthetic province's tree; returns (townships, villages)."""
    counties_wanted = max(1, ctx.factor)
    cities = max(1, min(10, counties_wanted // 10 or 1))
    rows = [Region(code=PROVINCE, name="基准省", level="province", parent_id="CN")]
    townships, villages = [], []
    for index in range(counties_wanted):
        city = f"{PROVINCE}{index % cities + 1:02d}"
        county = f"{city}{index // cities + 1:02d}"
        if index < cities:
            rows.append(Region(code=city, name=f"基准市{city}", level="city", parent_id=PROVINCE))
        rows.append(Region(code=county, name=f"基准县{county}", level="county", parent_id=city))
        for t in range(1, TOWNSHIPS_PER_COUNTY + 1):
            township = f"{county}{t:03d}"
            townships.append(township)
            rows.append(
                Region(code=township, name=f"基准乡{township}", level="township", parent_id=county)
            )
            for v in range(1, 14 + (t % 3 == 0)):
                village = f"{township}{v:03d}"
                villages.append(village)
                rows.append(
                    Region(code=village, name=f"基准村{v}", level="village", parent_id=township)
                )
        if index == 0:
            quiet = f"{county}{QUIET_TOWNSHIP}"
            rows.append(Region(code=quiet, name="基准静默乡", level="township", parent_id=county))
    Region.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return townships, villages


@contextmanager
def _large_page_cache(cursor: Any) -> Iterator[None]:
    """SQLite's default page cache (2 MB) is smaller than the insertion points of six
    indexes over millions of rows; the fill alone gets 2 GB, and the figures are then measured
    with the default."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    default = cursor.fetchone()[0]
    cursor.execute("PRAGMA cache_size = -2000000")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(default)}")


# measure, species, every n days, shifted by, whether its cells are spread over hour buckets
PLAN = (
    ("declarations", "pig", 7, 0, False),
    ("animals_immunized", "pig", 7, 3, False),
    ("certificate_hours", "pig", 14, 5, True),
    ("farms_registered", "", 30, 0, False),
)
# a deterministic scramble of (village, day) for the synthetic values: 1..40, buckets 0..48
SCRAMBLE = "(idx * 2654435761 + %s * 40503) %% 1000003"


def _fill(villages: list[str], today: date) -> int:
    """Five years of synthetic cells per village, set-based: the villages go into a
    temporary table once, then one INSERT … SELECT per day and measure writes that day's
    cells of every village whose turn it is. Day after day, so each index (all in place, as
    in production) grows at its ends rather than at random points; committed month by
    month, so the write-ahead log stays small."""
    first = today - timedelta(days=365 * YEARS)
    steps = sorted({step for _m, _s, step, _shift, _spread in PLAN})
    with connection.cursor() as cursor, _large_page_cache(cursor):
        # each village's turn in each rhythm kept beside it, indexed, so a day's statement
        # reads only the villages whose turn it is
        turns = ", ".join(f"turn{step} integer" for step in steps)
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_villages (idx integer, code varchar(12), "
            f"province varchar(2), city varchar(4), county varchar(6), township varchar(9), "
            f"{turns})"
        )
        cursor.executemany(
            f"INSERT INTO bench_villages VALUES ({', '.join(['%s'] * (6 + len(steps)))})",
            [
                (index, code, code[:2], code[:4], code[:6], code[:9], *(index % s for s in steps))
                for index, code in enumerate(villages)
            ],
        )
        for step in steps:
            cursor.execute(f"CREATE INDEX bench_villages_{step} ON bench_villages (turn{step})")
        for month in range(0, 365 * YEARS, 30):
            with transaction.atomic():
                for day in range(month, min(month + 30, 365 * YEARS)):
                    for measure, species, step, shift, spread in PLAN:
                        _fill_day(
                            cursor,
                            first + timedelta(days=day),
                            day,
                            measure,
                            species,
                            step,
                            (day - shift) % step,
                            spread,
                        )
        cursor.execute("DROP TABLE bench_villages")
    return Rollup.objects.filter(province=PROVINCE).count()


def _fill_day(
    cursor: Any, on: date, day: int, measure: str, species: str, step: int, turn: int, spread: bool
) -> None:
    """One day's cells of one measure, for every village whose turn it is."""
    columns = "measure, day, place, province, city, county, township, species, bucket, value"
    bucket = f"{SCRAMBLE} %% 49" if spread else "0"
    value = "1" if measure == "farms_registered" else f"{SCRAMBLE} %% 40 + 1"
    cursor.execute(
        f"INSERT INTO {Rollup._meta.db_table} ({columns}) "
        f"SELECT %s, %s, code, province, city, county, township, %s, {bucket}, {value} "
        f"FROM bench_villages WHERE turn{step} = %s",
        [
            measure,
            on,
            species,
            *([day] if spread else []),
            *([day] if measure != "farms_registered" else []),
            turn,
        ],
    )


def _account(username: str, role: str, region: str) -> User:
    found = User.objects.filter(username=username).first()
    return found or create_account(
        actor=None,
        username=username,
        password=secrets.token_urlsafe(12),
        role=role,
        region=region,
        display_name=username,
    )


def _bare(period: queries.Period) -> None:
    table = Rollup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT SUM(value) FROM {table} "
            "WHERE measure = %s AND province = %s AND day BETWEEN %s AND %s",
            ["declarations", PROVINCE, period.first, period.last],
        )
        cursor.fetchone()


def _p95(call, samples: int = SAMPLES) -> float:
    call()  # warm up
    return p95_ms([timed(call) for _ in range(samples)])


def _freshness(township: str, station: User, reader: User) -> float:
    """Seconds from a farm's registration to the province dashboard's figure that counts it:
    the registration, then the refresh the server's loop runs (its recount and the dashboards
    it prepares again), read as the page reads it (the prepared row)."""
    period = queries.period(None, None)
    before = queries.figures(reader, PROVINCE, period)["figures"]["farms_registered"]
    started = time.perf_counter()
    command = parse(
        RegisterFarm,
        {
            "name": f"基准养殖场{secrets.token_hex(3)}",
            "kind": "scale",
            "owner_name": "基准",
            "owner_id_number": "420506197503124511",
            "phone": "13907171234",
            "address": "基准地址",
            "region": township,
            "stock": {"sow": 10},
        },
    )
    registry.register_farm(actor=station, command=command)
    services.refresh()
    after = queries.figures(reader, PROVINCE, period)["figures"]["farms_registered"]
    assert after == before + 1, (before, after)
    return time.perf_counter() - started


def _summarise(townships: list[str]) -> None:
    for county in sorted({code[:6] for code in townships}):
        services.summarise(county)


def _dashboard(reader: User, code: str, period: queries.Period) -> None:
    """What the dashboard page reads, the cache cleared: the figures, the time series of its
    default indicator and the region's anomalies (for the default period, a region at county
    level and above reads what the refresh prepared)."""
    cache.clear()
    queries.figures(reader, code, period)
    queries.series(reader, code, queries.indicator(queries.DEFAULT_INDICATOR), period)
    anomalies.anomalies(reader, code, period)


def run(ctx: BenchContext) -> list[Result]:
    today = timezone.localdate()
    townships, villages = _regions(ctx)
    results = []
    if not Rollup.objects.filter(province=PROVINCE).exists():
        ctx.log(f"supervision: filling five years of rollups for {len(villages)} villages …")
        started = time.perf_counter()
        rows = _fill(villages, today)
        seconds = time.perf_counter() - started
        ctx.log(f"supervision: {rows} rollup rows in {seconds:.0f} s")
        results.append(Result("supervision.fill_5_years_s", seconds, "s", "rebuild goal", 300))
    counties = {code[:6] for code in townships}
    summarised = set(
        Summary.objects.filter(province=PROVINCE, grain="county_month")
        .values_list("county", flat=True)
        .distinct()
    )
    if summarised != counties:  # the first run, or one cut short while summing
        ctx.log("supervision: summing the rollups by county and township …")
        seconds = timed(lambda: _summarise(townships))
        ctx.log(f"supervision: {Summary.objects.count()} summary rows in {seconds:.0f} s")
        results.append(
            Result("supervision.summarise_5_years_s", seconds, "s", "rebuild goal (5 min)", 300)
        )
    reader = _account("bench_supervision_province", Role.SUPERVISOR, PROVINCE)
    quiet = f"{townships[0][:6]}{QUIET_TOWNSHIP}"
    station = _account("bench_supervision_station", Role.STATION, quiet)
    # From here the refresh is incremental and reads only what the bench writes next: the
    # synthetic cells have no facts behind them, and recounting their county would remove them.
    now = timezone.now() + services.OVERLAP
    Watermark.objects.update_or_create(pk=1, defaults={"read_until": now, "refreshed_at": now})
    # what the first refresh of a day does besides its recount: every region's dashboard
    Dashboard.objects.all().delete()
    prepared = timed(dashboards.prepare_period)
    results.append(Result("supervision.prepare_dashboards_s", prepared, "s", "freshness goal", 60))
    ctx.log(f"supervision: {Dashboard.objects.count()} dashboards prepared in {prepared:.0f} s")
    year = queries.period(today - timedelta(days=364), today)
    default = queries.period(None, None)
    bound = _p95(lambda: _bare(year))
    steps = {
        "province": PROVINCE,
        "city": townships[0][:4],
        "county": townships[0][:6],
        "township": townships[0],
        "village": villages[0],
    }
    for level, code in steps.items():
        value = _p95(lambda code=code: queries.figures(reader, code, year, cached=False))
        results.append(
            Result(f"supervision.figures_{level}_p95", value, "ms", "bare rollup SUM p95", bound)
        )
        for name, period in (("dashboard", default), ("dashboard_chosen", year)):
            value = _p95(lambda code=code, period=period: _dashboard(reader, code, period))
            results.append(
                Result(f"supervision.{name}_{level}_p95", value, "ms", "bare rollup SUM p95", bound)
            )
    fresh = _freshness(quiet, station, reader) + LOOP_SECONDS
    results.append(Result("supervision.freshness_s", fresh, "s", "goal", 60))
    last_year = queries.period(today - timedelta(days=364), today)
    facts = Certificate.objects.filter(within("farm__region_id", "419001")).count()
    ctx.log(f"supervision: rebuilding 419001's last year over {facts} certificates …")
    counted = timed(lambda: services.check("419001", last_year.first, last_year.last))
    rebuilt = timed(lambda: services.rebuild("419001", last_year.first, last_year.last))
    results.append(
        Result("supervision.rebuild_year_s", rebuilt, "s", "count without writing", counted)
    )
    return results
