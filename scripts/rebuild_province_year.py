"""Issue 13 point 7, rebuild of one province-year (goal: under 5 minutes), measured alone.

    SMARTVET_DATA_DIR=/tmp/rb python scripts/rebuild_province_year.py [N] [--from-nothing]
    DATABASE_URL=postgres://…/throwaway python scripts/rebuild_province_year.py [N] [--from-nothing]

On a throw-away database: the quarantine bench's year of a large province (1,000,000
arrived certificates over the last 365 days, or N) moved onto 2,000 farms in 2,000 new villages,
one in each of the first 2,000 townships of 河南省 (151 counties); then `supervision-rebuild`
of 41 over those 365 days and `supervision-check`, each with its wall time and this
process's CPU time. A second run on the same database skips the fill; `--from-nothing`
deletes the rollups, summaries and dashboards first, so the rebuild writes every row."""

from __future__ import annotations

import os
import resource
import sys
import time
from datetime import timedelta

import django

CERTIFICATES = 1_000_000
VILLAGES = 2_000


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _spread(network) -> None:
    """The certificates' farms spread over one new village in each of VILLAGES townships."""
    from django.db import connection, transaction

    from smartvet.core import ledger
    from smartvet.core.models import Region
    from smartvet.registry.models import Farm

    townships = list(
        Region.objects.filter(code__startswith="41", level="township")
        .order_by("code")
        .values_list("code", flat=True)[:VILLAGES]
    )
    Region.objects.bulk_create(
        [
            Region(code=f"{t}901", name=f"基准村{t}", level="village", parent_id=t)
            for t in townships
        ],
        ignore_conflicts=True,
    )
    model = network[0]
    fields = [f.attname for f in Farm._meta.concrete_fields if f.attname != "id"]
    Farm.objects.bulk_create(
        [
            Farm(
                **{
                    **{f: getattr(model, f) for f in fields},
                    "code": f"B{t}",
                    "region_id": f"{t}901",
                }
            )
            for t in townships
        ]
    )
    ids = list(
        Farm.objects.filter(code__startswith="B41").order_by("id").values_list("id", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_farms (k integer PRIMARY KEY, farm bigint)")
        cursor.executemany("INSERT INTO bench_farms VALUES (%s, %s)", list(enumerate(ids)))
        cursor.execute(
            "UPDATE quarantine_declaration SET farm_id = (SELECT farm FROM bench_farms "
            "WHERE k = quarantine_declaration.id %% %s) WHERE remarks = 'bench-synthetic'",
            [len(ids)],
        )
        cursor.execute(
            "UPDATE quarantine_certificate SET farm_id = (SELECT d.farm_id FROM "
            "quarantine_declaration d WHERE d.id = quarantine_certificate.declaration_id) "
            "WHERE vehicle = 'BENCH'"
        )
    for county in sorted({t[:6] for t in townships}):  # the rebuild walks the ledger's counties
        with transaction.atomic():
            ledger.record(actor=None, action="bench.spread", region=county)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvet.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from smartvet.bench import BenchContext
    from smartvet.quarantine import bench
    from smartvet.quarantine.models import Certificate
    from smartvet.supervision.models import Dashboard, Rollup, Summary
    from smartvet.supervision.services import rollups

    call_command("migrate", interactive=False, verbosity=0)
    count = int(next((arg for arg in sys.argv[1:] if arg.isdigit()), CERTIFICATES))
    began = time.perf_counter()
    if Certificate.objects.count() < count:
        ctx = BenchContext(scale="province", database=connection.vendor)
        _station, vet, _farms, network, _base = bench.setup(ctx, 40)
        bench._synthetic(ctx, network, vet, count)
        _spread(network)
        print(f"fill: {time.perf_counter() - began:.1f} s", flush=True)
    if "--from-nothing" in sys.argv:
        for model in (Rollup, Summary, Dashboard):
            model.objects.all().delete()
    today = timezone.localdate()
    first = today - timedelta(days=364)
    for name, run in (("rebuild", rollups.rebuild), ("check", rollups.check)):
        wall, cpu = time.perf_counter(), _cpu()
        outcome = run("41", first, today)
        print(
            f"{name} 41 {first}..{today}: {time.perf_counter() - wall:.1f} s wall, "
            f"{_cpu() - cpu:.1f} CPU-s in Python; {outcome}; load {os.getloadavg()[0]:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
