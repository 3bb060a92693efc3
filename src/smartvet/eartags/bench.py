"""`smartvet bench` figures for ear tags (issue 3 point 9, DOMAIN.md §12).

- eartags.import_workbook: import a workbook of 10,000 (small) or 100,000 rows, against
  parsing the same file.
- eartags.issue_1m_range: issue a 1,000,000-tag range, against one single-row insert.
- eartags.check_200_tags: check a 200-tag declaration against a stock of 1M x factor tags in
  10,000 x factor ranges with 100,000 x factor individual tag records (province = 100M tags,
  1M ranges, 10M records), against 200 bare indexed lookups.
- eartags.tag_lookup_p95: one tag's status and history, against one bare indexed lookup.
- eartags.home_panel_township: the home page's tag figures of a township station (stock,
  issued, fitted, cancelled) over the same stock, its tag records fitted on farms in every
  village of the county, against one bare indexed lookup.

The stock is generated with bulk SQL (generate_series on PostgreSQL, executemany in big
batches on SQLite). The tables of this app are emptied first: run on a throw-away database.
"""

from __future__ import annotations

import io
import statistics
import time

from django.db import connection, transaction
from django.utils import timezone
from openpyxl import Workbook

from smartvet.bench import BenchContext, Result, median_ms, p95_ms, timed
from smartvet.core import demo
from smartvet.core.models import Region, RegionLevel, User
from smartvet.core.spreadsheets import read_rows
from smartvet.eartags import queries, rules, services
from smartvet.eartags.models import ClaimStatus, ImportBatch, TagClaim
from smartvet.registry import services as registry
from smartvet.registry.commands import RegisterFarm

COUNTY, LONGQUAN, YAQUELING = "420506", "420506107", "420506108"
PIG, CATTLE, SHEEP = 1420506 * 10**8, 2420506 * 10**8, 3420506 * 10**8
RANGE_SIZE = 100
FARMS_PER_VILLAGE = 4
TABLES = [
    "eartags_tagevent",
    "eartags_tagclaim",
    "eartags_tag",
    "eartags_tagmove",
    "eartags_tagrange",
    "eartags_importjob",
    "eartags_importbatch",
]


def _reset() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(TABLES)}")
        else:
            for table in TABLES:
                cursor.execute(f"DELETE FROM {table}")


def _farms(supervisor: User) -> list[int]:
    """Farms in every village of the county, so fitted tags are spread over its townships as
    in a real county (a township counts its own share, not the county's)."""
    villages = Region.objects.filter(code__startswith=COUNTY, level=RegionLevel.VILLAGE)
    return [
        registry.register_farm(
            actor=supervisor,
            command=RegisterFarm(
                name=f"基准测试{village.name}养殖场{i}",
                kind="scale",
                region=village.code,
                phone="13900000000",
                address="基准",
                stock={"fattening_pig": 500},
            ),
        ).pk
        for village in villages.order_by("code")
        for i in range(FARMS_PER_VILLAGE)
    ]


def _generate_stock(
    ctx: BenchContext, batch: ImportBatch, ranges: int, records: int, farms: list[int]
) -> None:
    """`ranges` pig ranges of 100 tags; every 10th held by 龙泉镇, the rest by the county;
    `records` fitted tags spread evenly over the stock and, in turn, over `farms`."""
    now = timezone.now()
    step = max(1, ranges * RANGE_SIZE // records)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO eartags_tagrange (first, last, box, pack, holder_kind, holder_key, "
                "region_id, batch_id, updated_at) SELECT %s + g * 100, %s + g * 100 + 99, "
                "'B' || (g / 10), (g %% 10)::text, "
                "CASE WHEN g %% 10 = 0 THEN 'township' ELSE 'county' END, "
                "CASE WHEN g %% 10 = 0 THEN 'township:420506107' ELSE 'county:420506' END, "
                "CASE WHEN g %% 10 = 0 THEN '420506107' ELSE '420506' END, %s, %s "
                "FROM generate_series(0, %s - 1) g",
                [PIG, PIG, batch.pk, now, ranges],
            )
            cursor.execute(
                "INSERT INTO eartags_tag (code, status, farm_id, fitted_on, cancel_reason, "
                "updated_at) SELECT %s + g * %s, 'fitted', (%s::bigint[])[1 + g %% %s], %s, '', "
                "%s FROM generate_series(0, %s - 1) g",
                [PIG, step, farms, len(farms), now.date(), now, records],
            )
            cursor.execute("ANALYZE eartags_tagrange")
            # A county's old tag records are all-visible once autovacuum has passed: the
            # home panel counts them from the index alone, as it does in a real county.
            cursor.execute("VACUUM ANALYZE eartags_tag")
            return
        chunk = 50_000
        for start in range(0, ranges, chunk):
            cursor.executemany(
                "INSERT INTO eartags_tagrange (first, last, box, pack, holder_kind, holder_key, "
                "region_id, batch_id, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        PIG + g * 100,
                        PIG + g * 100 + 99,
                        f"B{g // 10}",
                        str(g % 10),
                        "township" if g % 10 == 0 else "county",
                        "township:420506107" if g % 10 == 0 else "county:420506",
                        LONGQUAN if g % 10 == 0 else COUNTY,
                        batch.pk,
                        now,
                    )
                    for g in range(start, min(start + chunk, ranges))
                ],
            )
        for start in range(0, records, chunk):
            cursor.executemany(
                "INSERT INTO eartags_tag (code, status, farm_id, fitted_on, cancel_reason, "
                "updated_at) VALUES (%s, 'fitted', %s, %s, '', %s)",
                [
                    (PIG + g * step, farms[g % len(farms)], now.date(), now)
                    for g in range(start, min(start + chunk, records))
                ],
            )
        cursor.execute("ANALYZE")
    ctx.log(
        f"  stock: {ranges} ranges, {ranges * RANGE_SIZE} tags, "
        f"{records} tag records on {len(farms)} farms"
    )


def arrived_claims(refs: list[str], first_code: int) -> None:
    """Bench data for another app's synthetic history (quarantine's arrived certificates):
    one ended claim per ref, of the codes first_code, first_code + 1, ... In bulk: arrays and
    unnest on PostgreSQL, bulk_create elsewhere."""
    now = timezone.now()
    chunk = 50_000
    for start in range(0, len(refs), chunk):
        part = refs[start : start + chunk]
        codes = list(range(first_code + start, first_code + start + len(part)))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO eartags_tagclaim (code, ref, status, certificate_no, "
                    "created_at, ended_at) SELECT c, r, %s, '', %s, %s "
                    "FROM unnest(%s::bigint[], %s::text[]) AS t(c, r)",
                    [ClaimStatus.ARRIVED.value, now, now, codes, part],
                )
            continue
        TagClaim.objects.bulk_create(
            [
                TagClaim(code=code, ref=ref, status=ClaimStatus.ARRIVED, ended_at=now)
                for code, ref in zip(codes, part, strict=True)
            ],
            batch_size=5000,
        )


def _workbook(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("库存耳标登记表")
    sheet.append(list(rules.IMPORT_HEADER))
    for i in range(rows):
        first = CATTLE + i * 10 + 1
        sheet.append([f"C{i // 100}", str(i % 100), str(first), str(first + 9), 10])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bare_lookups(numbers: list[int]) -> None:
    with connection.cursor() as cursor:
        for number in numbers:
            cursor.execute("SELECT id FROM eartags_tagrange WHERE first = %s", [number])
            cursor.fetchone()


def run(ctx: BenchContext) -> list[Result]:
    demo.load("bench-password")
    supervisor = User.objects.get(username="county_supervisor")
    station = User.objects.get(username="station_longquan")
    _reset()
    results: list[Result] = []

    # 1. Import a workbook, against parsing it.
    rows = 10_000 if ctx.scale == "small" else 100_000
    data = _workbook(rows)
    parse = statistics.median(timed(lambda: read_rows(data, "bench.xlsx")) for _ in range(3))
    start = time.perf_counter()
    batch = services.import_stock(actor=supervisor, data=data, filename="bench.xlsx")
    took = time.perf_counter() - start
    assert batch.ranges == rows
    results.append(
        Result(f"eartags.import_workbook_{rows}_rows", took, "s", "parse the same workbook", parse)
    )

    # 2. Issue a 1,000,000-tag range, against one single-row insert.
    services.register_range(
        actor=supervisor,
        start=str(SHEEP + 1),
        end=str(SHEEP + 20_000_000),
        quantity=20_000_000,
        box="S",
    )
    samples = []
    for i in range(5):
        first = SHEEP + 1 + i * 2_000_000
        samples.append(
            timed(
                lambda first=first: services.distribute_range(
                    actor=supervisor, start=str(first), end=str(first + 999_999), to_region=LONGQUAN
                )
            )
        )

    def one_insert():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO eartags_tagevent (code, kind, at, ref, detail, params) "
                "VALUES (%s, 'bench', %s, '', '', '{}')",
                [SHEEP, timezone.now()],
            )

    results.append(
        Result(
            "eartags.issue_1m_range",
            statistics.median(samples) * 1000,
            "ms",
            "one single-row insert",
            median_ms(one_insert, 20),
        )
    )
    small = []
    for i in range(5):
        first = SHEEP + 15_000_001 + i * 2_000
        small.append(
            timed(
                lambda first=first: services.distribute_range(
                    actor=supervisor, start=str(first), end=str(first + 999), to_region=YAQUELING
                )
            )
        )
    # The target: no range operation grows with the size of the range (ratio near 1).
    results.append(
        Result(
            "eartags.issue_1m_vs_1k_range",
            statistics.median(samples) * 1000,
            "ms",
            "issue a 1,000-tag range",
            statistics.median(small) * 1000,
        )
    )

    # 3. Check a 200-tag declaration against a large stock, against 200 bare lookups.
    ranges = 10_000 * ctx.factor
    farms = _farms(supervisor)
    _generate_stock(ctx, ImportBatch.objects.get(pk=batch.pk), ranges, 100_000 * ctx.factor, farms)
    farm = registry.register_farm(
        actor=station,
        command=RegisterFarm(
            name="基准测试养殖场",
            kind="scale",
            region="420506107201",
            phone="13900000000",
            address="基准",
            stock={"fattening_pig": 500},
        ),
    )
    held = [g for g in range(0, ranges, 10)]
    picks = [held[(i * 7919) % len(held)] for i in range(200)]
    tags = [str(PIG + g * 100 + (i % 100)) for i, g in enumerate(picks)]
    check = services.steps.check_tags_for_declaration
    problems = check(farm=farm, species="pig", codes=tags)
    assert not problems, problems[:3]
    firsts = [PIG + g * 100 for g in picks]
    results.append(
        Result(
            "eartags.check_200_tags",
            median_ms(
                lambda: check(farm=farm, species="pig", codes=tags),
                20,
            ),
            "ms",
            "200 bare indexed lookups",
            median_ms(lambda: _bare_lookups(firsts), 20),
        )
    )

    # 4. One tag's status and full history (the lookup page and the trace).
    lookups = [timed(lambda t=t: queries.lookup_tag(station, t)) for t in tags[:100]]
    bare = [timed(lambda n=n: _bare_lookups([n])) for n in firsts[:100]]
    results.append(
        Result(
            "eartags.tag_lookup_p95",
            p95_ms(lookups),
            "ms",
            "one bare indexed lookup (p95)",
            p95_ms(bare),
        )
    )

    # 5. The station's home page panel, shown at every login.
    results.append(
        Result(
            "eartags.home_panel_township",
            median_ms(lambda: queries.totals(station), 20),
            "ms",
            "one bare indexed lookup",
            median_ms(lambda: _bare_lookups(firsts[:1]), 20),
        )
    )
    return results
