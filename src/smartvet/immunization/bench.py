"""Benchmarks of compulsory immunization (DOMAIN.md §12). The quarantine gate asks
`protection_problems` for every declaration, so its latency is compared with a bare indexed
lookup of the same farm's records; the density overview of a county is compared with the
two bare aggregates (stock, immunized animals) it cannot do without."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from smartvet.bench import BenchContext, Result, median_ms, p95_ms, timed
from smartvet.core import demo
from smartvet.core.access import within
from smartvet.core.models import User
from smartvet.core.services import create_account
from smartvet.immunization import queries, services
from smartvet.immunization.commands import ReceiveLot, RecordImmunization
from smartvet.immunization.models import Immunization
from smartvet.registry.models import Farm, FarmStock

TOWNSHIP = "420506102"
FARMS_PER_FACTOR = 2000
RECORDS_PER_FARM = 4


def _account(username: str, role: str, region: str) -> User:
    return User.objects.filter(username=username).first() or create_account(
        actor=None,
        username=username,
        password=secrets.token_urlsafe(12),
        role=role,
        region=region,
        display_name=username,
    )


def _fill(ctx: BenchContext) -> tuple[User, User, list[Farm]]:
    demo.load(secrets.token_urlsafe(12))
    station = _account("bench_station_wuduhe", "station", TOWNSHIP)
    county = User.objects.get(username="county_supervisor")
    count = FARMS_PER_FACTOR * ctx.factor
    tag = secrets.token_hex(3)
    farms = Farm.objects.bulk_create(
        [
            Farm(
                code=f"B{tag}{i:08d}",
                name=f"免疫基准养殖场{i}",
                kind="scale",
                region_id=TOWNSHIP,
                is_complete=True,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    FarmStock.objects.bulk_create(
        [FarmStock(farm=f, category="sow", quantity=100) for f in farms], batch_size=2000
    )
    today = timezone.localdate()
    command = ReceiveLot(
        product="猪口蹄疫O型、A型二价灭活疫苗",
        manufacturer="中牧实业股份有限公司",
        approval_number="兽药生字（2021）010016089",
        batch=f"BENCH{tag}",
        expiry=today + timedelta(days=300),
        diseases=["FMD"],
        doses=100_000_000,
        source="tender",
    )
    lot = services.receive_lot(actor=station, command=command)
    rows = []
    for farm in farms:
        for n in range(RECORDS_PER_FARM):
            day = today - timedelta(days=30 * n + random.randint(0, 20))
            rows.append(
                Immunization(
                    farm=farm,
                    date=day,
                    category="sow",
                    disease="FMD",
                    lot=lot,
                    animals=90,
                    doses=90,
                    performed_by=station,
                    performer_role="station",
                    next_due=day + timedelta(days=120),
                    protected_until=day + timedelta(days=180),
                )
            )
    Immunization.objects.bulk_create(rows, batch_size=5000)
    ctx.log(f"  immunization: {count} farms, {len(rows)} records")
    return station, county, farms


def run(ctx: BenchContext) -> list[Result]:
    station, county, farms = _fill(ctx)
    rng = random.Random(4)
    today = timezone.localdate()
    sample = [rng.choice(farms) for _ in range(200)]

    gate, bare = [], []
    for farm in sample:
        gate.append(
            timed(
                lambda f=farm: queries.protection_problems(
                    actor=station, farm=f, category="sow", on_date=today
                )
            )
        )
        bare.append(
            timed(
                lambda f=farm: Immunization.objects.filter(
                    farm_id=f.pk, disease="FMD", date__lte=today
                ).exists()
            )
        )
    start = today - timedelta(days=365)

    def density():
        queries.density(county, disease="FMD", start=start, end=today, level="township")

    def bare_aggregates():
        county = within("farm__region_id", "420506")
        FarmStock.objects.filter(county, category="sow").aggregate(Sum("quantity"))
        Immunization.objects.filter(
            county, disease="FMD", date__gte=start, date__lte=today
        ).aggregate(Sum("animals"))

    density_s = min(timed(density) for _ in range(3))
    bare_s = min(timed(bare_aggregates) for _ in range(3))
    farm = farms[0]

    command = RecordImmunization(
        farm=farm.pk,
        date=today,
        category="sow",
        disease="FMD",
        lot=Immunization.objects.filter(farm=farm).values_list("lot_id", flat=True).first(),
        animals=1,
        doses=1,
    )

    def record():
        services.record_immunization(actor=station, command=command)

    record_ms = median_ms(record, repeat=20)
    bare_insert_ms = median_ms(
        lambda: Immunization.objects.bulk_create(
            [
                Immunization(
                    farm=farm,
                    date=today,
                    category="sow",
                    disease="FMD",
                    lot_id=Immunization.objects.filter(farm=farm)
                    .values_list("lot_id", flat=True)
                    .first(),
                    animals=1,
                    doses=1,
                    performed_by=station,
                    performer_role="station",
                    next_due=today,
                    protected_until=today,
                )
            ]
        ),
        repeat=20,
    )
    return [
        Result(
            "immunization.protection_gate_p95",
            p95_ms(gate),
            "ms",
            "bare indexed exists() on the farm's records",
            p95_ms(bare),
        ),
        Result(
            f"immunization.density_county_{len(farms)}_farms",
            density_s,
            "s",
            "the two bare sums (stock, immunized) over the county",
            bare_s,
        ),
        Result(
            "immunization.record_immunization_median",
            record_ms,
            "ms",
            "bare insert of one record",
            bare_insert_ms,
        ),
    ]
