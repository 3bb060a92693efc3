"""`smartvet bench` figures for surveillance (issue 12 point 8, DOMAIN.md §12).

Synthetic data in 济源市 (419001), in townships 200 on (no real township has those codes):
7 townships × 1,000 villages and 100,000 death reports over the past year per scale factor
(province, ×100: 700 townships, 700,000 villages, 10,000,000 reports — a large province's
year), inserted set-based (one INSERT … SELECT over generate_series on PostgreSQL, a
recursive CTE on SQLite).

- surveillance.evaluate_after_report_p95: the evaluation task's work after one new death
  report in a random village (every rule in force there judged; the burst rule reads the
  village's 35 days), ms at p95 over 60 reports. Bound: the bare query of that village's
  window (the deaths summed over the same 35 days), p95.
- surveillance.backtest_county_year: the village-deaths rule replayed day by day over one
  township of 1,000 villages (a county's worth: 夷陵区 has some 200) for the past year, s.
  Bound: the bare query fetching that year's counts per village and day.

Run on a throw-away database: it writes.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from smartvet.bench import BenchContext, Result, p95_ms
from smartvet.core.access import within
from smartvet.core.models import Region, RegionLevel, User
from smartvet.surveillance.models import AlertRule, Report
from smartvet.surveillance.queries import backtest, series
from smartvet.surveillance.tasks import evaluate_report

COUNTY = "419001"
FIRST_TOWNSHIP = 200
VILLAGES_PER_TOWNSHIP = 1000
TOWNSHIPS_PER_FACTOR = 7
REPORTS_PER_FACTOR = 100_000
SAMPLES = 60


def _township(i: int) -> str:
    return f"{COUNTY}{FIRST_TOWNSHIP + i:03d}"


def _places(townships: int) -> None:
    Region.objects.bulk_create(
        [
            Region(
                code=_township(i), name=f"测评乡镇{i}", level=RegionLevel.TOWNSHIP, parent_id=COUNTY
            )
            for i in range(townships)
        ],
        ignore_conflicts=True,
    )
    sql = {
        "postgresql": (
            "INSERT INTO core_region (code, name, level, parent_id) "
            "SELECT t.code || lpad(v::text, 3, '0'), '测评村', 'village', t.code "
            "FROM core_region t, generate_series(0, %s - 1) v "
            "WHERE t.parent_id = %s AND t.code >= %s ON CONFLICT DO NOTHING"
        ),
        "sqlite": (
            "WITH RECURSIVE v(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM v WHERE n + 1 < %s) "
            "INSERT OR IGNORE INTO core_region (code, name, level, parent_id) "
            "SELECT t.code || substr('00' || v.n, -3), '测评村', 'village', t.code "
            "FROM core_region t, v WHERE t.parent_id = %s AND t.code >= %s"
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [VILLAGES_PER_TOWNSHIP, COUNTY, _township(0)])


def _reports(count: int, townships: int, reporter: User) -> None:
    """`count` death reports spread over the villages and the past 365 days (1 to 3 dead)."""
    today = timezone.localdate()
    villages = townships * VILLAGES_PER_TOWNSHIP
    village_expr = {
        "postgresql": (
            f"'{COUNTY}' || lpad(({FIRST_TOWNSHIP} + (h % {villages}) / {VILLAGES_PER_TOWNSHIP})"
            f"::text, 3, '0') || lpad((h % {VILLAGES_PER_TOWNSHIP})::text, 3, '0')"
        ),
        "sqlite": (
            f"'{COUNTY}' || substr('00' || ({FIRST_TOWNSHIP} + (h % {villages}) / "
            f"{VILLAGES_PER_TOWNSHIP}), -3) || substr('00' || (h % {VILLAGES_PER_TOWNSHIP}), -3)"
        ),
    }[connection.vendor]
    columns = (
        "kind, region_id, category, species, at_risk, sick, dead, onset_date, disease, signs, "
        "notes, disposal_method, disposal_place, disposal_by, reported_by_id, reported_at"
    )
    values = (
        f"'death', {village_expr}, 'fattening_pig', 'pig', 0, 0, 1 + h % 3, "
        "{day}, '', '', '', 'centre', '', '', %s, %s"
    )
    if connection.vendor == "postgresql":
        day = f"%s::date - (h / {villages} % 365)::int"
        sql = (
            f"INSERT INTO surveillance_report ({columns}) SELECT "
            + values.format(day=day)
            + " FROM (SELECT g * 2654435761 % 4294967291 AS h FROM generate_series(0, %s - 1) g) s"
        )
        params = [today, reporter.pk, timezone.now(), count]
    else:
        day = f"date(%s, '-' || (h / {villages} % 365) || ' days')"
        sql = (
            "WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n + 1 < %s), "
            "s(h) AS (SELECT n * 2654435761 % 4294967291 FROM g) "
            f"INSERT INTO surveillance_report ({columns}) SELECT "
            + values.format(day=day)
            + " FROM s"
        )
        params = [count, today.isoformat(), reporter.pk, timezone.now().isoformat()]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fill(ctx: BenchContext) -> User:
    townships = TOWNSHIPS_PER_FACTOR * ctx.factor
    reporter = User.objects.filter(username="station_longquan").first() or User.objects.first()
    assert reporter is not None, "bench: load the demo accounts first"
    if Report.objects.filter(within("region_id", _township(0))).exists():
        return reporter
    started = time.perf_counter()
    with transaction.atomic():
        _places(townships)
        _reports(REPORTS_PER_FACTOR * ctx.factor, townships, reporter)
    ctx.log(
        f"bench: surveillance {REPORTS_PER_FACTOR * ctx.factor:,} reports in "
        f"{townships * VILLAGES_PER_TOWNSHIP:,} villages, {time.perf_counter() - started:.1f} s"
    )
    return reporter


def _random_village(townships: int) -> str:
    return f"{_township(random.randrange(townships))}{random.randrange(VILLAGES_PER_TOWNSHIP):03d}"


def run(ctx: BenchContext) -> list[Result]:
    reporter = _fill(ctx)
    townships = TOWNSHIPS_PER_FACTOR * ctx.factor
    today = timezone.localdate()
    rule = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    evaluation, bare = [], []
    for _ in range(SAMPLES):
        village = _random_village(townships)
        report = Report.objects.create(
            kind="death",
            region_id=village,
            category="fattening_pig",
            species="pig",
            dead=1,
            onset_date=today,
            disposal_method="centre",
            reported_by=reporter,
        )
        start = time.perf_counter()
        evaluate_report.call(report.pk)
        evaluation.append(time.perf_counter() - start)
        start = time.perf_counter()
        series.window_total("deaths", village, today - timedelta(days=34), today)
        bare.append(time.perf_counter() - start)
    township, first = _township(0), today - timedelta(days=364)
    started = time.perf_counter()
    replayed = backtest.replay(rule, region=township, first=first, last=today)
    replay_s = time.perf_counter() - started
    started = time.perf_counter()
    backtest.daily_by_place("deaths", township, "village", first - timedelta(days=35), today)
    fetch_s = time.perf_counter() - started
    ctx.log(f"bench: backtest of {replayed['places']} villages: {replayed['alerts']} alerts")
    return [
        Result(
            "surveillance.evaluate_after_report_p95",
            p95_ms(evaluation),
            "ms",
            "bare query of the village's 35-day window, p95",
            p95_ms(bare),
        ),
        Result(
            "surveillance.backtest_county_year",
            replay_s,
            "s",
            "bare query of the year's counts per village and day",
            fetch_s,
        ),
    ]
