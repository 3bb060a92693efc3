"""`smartvet bench` figures for quarantine (issue 5 point 10, DOMAIN.md §12).

What is measured, in process, through the whole Django stack (URL routing, middleware,
ninja, bearer-token authentication, the services and the database) with Django's test
Client — no network, so the figures are the server's work alone:

- quarantine.certificates_per_second: declarations turned into certificates end to end
  through the API, each one POST /declarations (10 tags, every gate) + POST .../accept +
  POST .../inspect (certificate, stock, tags in transit), one after another. Bound: the
  same three requests if each cost what the minimal authenticated view GET /api/v1/auth/me
  costs on the same stack (its requests per second / 3).
- quarantine.verify_per_second and quarantine.verify_p95: GET /api/v1/public/certificates/<no>
  (no login, rate limit lifted for the run) over random certificate numbers. Bound:
  GET /api/v1/auth/me, requests per second and p95.
- quarantine.trace_tag_p95 and quarantine.trace_farm_p95: GET /api/v1/trace/eartags/<code>
  (a tag of a real certificate: its ear-tag history, immunizations, declaration, certificate)
  and GET /api/v1/trace/farms/<id>?direction=forward|backward&days=30 (the time-ordered
  chain, up to 2,000 movements), with 10,000 x factor synthetic certificates (province:
  1,000,000, a year of a large province) spread over a year between 100 farms, besides the
  real ones. Bound: GET /api/v1/auth/me p95.

Data lives in 济源市 (419001) with tags 1-419001-xxxxxxxx, apart from the other apps'
bench data. Run on a throw-away database: it writes.
"""

from __future__ import annotations

import json
import random
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from smartvet.bench import BenchContext, Result, p95_ms
from smartvet.core import demo
from smartvet.core.errors import DomainError
from smartvet.core.models import ApiToken, User
from smartvet.core.services import create_account, token_digest
from smartvet.eartags import bench as eartags_bench
from smartvet.quarantine.models import Certificate, Declaration, tag_ref

COUNTY, TOWNSHIP, VILLAGE = "419001", "419001100", "419001100201"
TAGS_PER_DECLARATION = 10
SYNTHETIC_TAGS = 141900195_000_000  # 1-419001-95000000 on: the synthetic certificates' tags
NETWORK_FARMS = 100


def _account(username: str, role: str, region: str) -> User:
    user = User.objects.filter(username=username).first()
    return user or create_account(
        actor=None,
        username=username,
        password=secrets.token_urlsafe(12),
        role=role,
        region=region,
        display_name=username,
    )


def bearer_token(user: User) -> str:
    """A fresh two-hour API token of `user` (also used by `bench --server`'s clients)."""
    token = secrets.token_urlsafe(24)
    ApiToken.objects.create(
        user=user, digest=token_digest(token), expires_at=timezone.now() + timedelta(hours=2)
    )
    return token


def _client(user: User) -> tuple[Client, dict]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {bearer_token(user)}"}


def tag_code(serial: int) -> str:
    return f"1{COUNTY}{serial:08d}"


def declaration_body(farm_id: int, codes: list[str], departure: str) -> dict:
    """POST /api/v1/declarations of `codes` from the farm; the destination is a place typed by
    name: the bench measures the chain, not the registry."""
    return {
        "farm": farm_id,
        "category": "fattening_pig",
        "quantity": len(codes),
        "purpose": "slaughter",
        "destination": {"region": COUNTY, "place": "济源市交易市场", "kind": "market"},
        "departure_date": departure,
        "vehicle": "豫U·B0001",
        "ear_tags": codes,
    }


def _register_tags(supervisor: User, station: User, count: int, packs: int = 1) -> int:
    """A fresh block of `count` pig tags of 济源市, in `packs` packs of one box, issued to the
    township; its first serial."""
    from smartvet.eartags import services as eartags

    size = count // packs
    for _attempt in range(50):
        base = random.randrange(1, 90_000_000 - count)
        try:  # each its own transaction: a block registered is then issued
            for pack in range(packs):
                first = base + pack * size
                last = base + count - 1 if pack == packs - 1 else first + size - 1
                eartags.register_range(
                    actor=supervisor,
                    start=tag_code(first),
                    end=tag_code(last),
                    quantity=last - first + 1,
                    box=f"BENCH{base}",
                    pack=str(pack) if packs > 1 else "",
                )
        except DomainError:
            continue
        eartags.distribute_range(
            actor=supervisor,
            start=tag_code(base),
            end=tag_code(base + count - 1),
            to_region=TOWNSHIP,
        )
        return base
    raise RuntimeError("no free block of tag serials for the bench")


def setup(ctx: BenchContext, declarations: int, farm_count: int = 2, packs: int = 1):
    from smartvet.immunization import services as immunization
    from smartvet.immunization.commands import ReceiveLot, RecordImmunization
    from smartvet.registry import services as registry
    from smartvet.registry.commands import RegisterFarm

    demo.load(secrets.token_urlsafe(12))
    supervisor = User.objects.get(username="jiyuan_supervisor")
    station = _account("bench_station_jiyuan", "station", TOWNSHIP)
    vet = _account("bench_vet_jiyuan", "official_vet", TOWNSHIP)
    farms = [
        registry.register_farm(
            actor=station,
            command=RegisterFarm(
                name=f"基准测试养殖场{i}",
                kind="scale",
                region=VILLAGE,
                owner_name="基准",
                phone="13800000000",
                address="克井镇",
                stock={"fattening_pig": 1_000_000},
            ),
        )
        for i in range(farm_count)
    ]
    lot = immunization.receive_lot(
        actor=station,
        command=ReceiveLot(
            product="猪口蹄疫O型、A型二价灭活疫苗",
            manufacturer="中牧实业股份有限公司",
            approval_number="兽药生字（2021）010016089",
            batch=f"BENCH{secrets.token_hex(4)}",
            expiry=timezone.localdate() + timedelta(days=300),
            diseases=["FMD"],
            doses=10_000_000,
            source="tender",
        ),
    )
    for farm in farms:
        immunization.record_immunization(
            actor=station,
            command=RecordImmunization(
                farm=farm.pk,
                date=timezone.localdate(),
                category="fattening_pig",
                disease="FMD",
                lot=lot.pk,
                animals=1000,
                doses=1000,
            ),
        )
    network = [
        registry.register_farm(
            actor=station,
            command=RegisterFarm(
                name=f"基准调运网络养殖场{i}",
                kind="scale",
                region=VILLAGE,
                owner_name="基准",
                phone="13800000000",
                address="克井镇",
                stock={"fattening_pig": 1000},
            ),
        )
        for i in range(NETWORK_FARMS)
    ]
    base = _register_tags(supervisor, station, declarations * TAGS_PER_DECLARATION, packs)
    ctx.log(f"  quarantine: {declarations} declarations of {TAGS_PER_DECLARATION} tags ready")
    return station, vet, farms, network, base


def server_plan(ctx: BenchContext, users: int) -> dict:
    """What `smartvet bench --server`'s clients need (smartvet.bench.server): API tokens of
    the station and the vet, the vet's session cookie for the queue page, and enough
    prepared declarations (10 fresh tags each) for `users` officials, from as many farms
    (officials at work at once certify different farms' animals; one farm's stock is one
    row that its certificates take in turn). The declarations take the farms in turn, and
    each farm's animals wear tags of its own pack, as tags fitted on one farm come from the
    packs opened there (one pack is one range row, which a certificate's tags are split off)."""
    farm_count = max(2, users)
    per_farm = -(-max(users * 5, 40 * ctx.factor if ctx.factor < 100 else 1000) // farm_count)
    declarations = per_farm * farm_count
    station, vet, farms, _network, base = setup(
        ctx, declarations, farm_count=farm_count, packs=farm_count
    )
    departure = (timezone.localdate() + timedelta(days=3)).isoformat()

    def tags_of(i: int) -> list[str]:
        farm, nth = i % farm_count, i // farm_count
        first = base + (farm * per_farm + nth) * TAGS_PER_DECLARATION
        return [tag_code(first + k) for k in range(TAGS_PER_DECLARATION)]

    bodies = [
        declaration_body(farms[i % farm_count].pk, tags_of(i), departure)
        for i in range(declarations)
    ]
    browser = Client()
    browser.force_login(vet)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        "users": users,
        "station_token": bearer_token(station),
        "vet_token": bearer_token(vet),
        "vet_cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "queue_path": "/quarantine/declarations/",
        "declarations": bodies,
    }


def _me_samples(client: Client, headers: dict, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get("/api/v1/auth/me", **headers)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    return samples


def _post(client: Client, path: str, body: dict, headers: dict):
    response = client.post(path, json.dumps(body), content_type="application/json", **headers)
    if response.status_code >= 300:
        raise RuntimeError(f"{path}: {response.status_code} {response.content[:300]!r}")
    return response.json()


def _synthetic(ctx: BenchContext, farms, vet: User, count: int) -> None:
    """`count` arrived certificates between the bench farms, each with one tag, spread over
    the last 365 days, written in bulk (this app's own tables; the tags through the ear-tag
    bench's `arrived_claims`)."""
    now = timezone.now()
    ids = [farm.pk for farm in farms]
    ctx.log(f"  quarantine: writing {count} synthetic certificates between {len(ids)} farms …")
    if connection.vendor == "postgresql":
        first_id = Declaration.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO quarantine_declaration (farm_id, category, species, quantity, "
                "purpose, destination_region_id, destination_place, destination_kind, "
                "destination_farm_id, departure_date, vehicle, carrier_name, carrier_phone, "
                "transport_mode, remarks, status, declared_by_id, declared_at, "
                "rejection_reason, inspection_notes, handling) "
                "SELECT (%s::bigint[])[g %% %s + 1], 'fattening_pig', 'pig', 1, "
                "'rearing', %s, 'bench', 'farm', (%s::bigint[])[(g * 7 + 3) %% %s + 1], "
                "(%s::timestamptz - (g %% 365) * interval '1 day')::date, 'BENCH', '', '', "
                "'road', 'bench-synthetic', 'certified', %s, "
                "%s::timestamptz - (g %% 365) * interval '1 day' - (g %% 1440) * interval "
                "'1 minute', '', '', '' "
                "FROM generate_series(0, %s - 1) g",
                [ids, len(ids), VILLAGE, ids, len(ids), now, vet.pk, now, count],
            )
            cursor.execute(
                "INSERT INTO quarantine_certificate (number, kind, declaration_id, farm_id, "
                "owner_name, owner_phone, species, category, quantity, unit, origin_region_id, "
                "origin_place, destination_region_id, destination_place, destination_kind, "
                "destination_farm_id, purpose, carrier_name, carrier_phone, transport_mode, "
                "vehicle, disinfection, valid_days, vet_id, vet_name, issued_at, "
                "valid_until, remarks, status, revocation_reason, arrived_at, "
                "received_quantity, arrival_flags, arrival_notes) "
                "SELECT 'S' || lpad(d.id::text, 18, '0'), 'B', d.id, d.farm_id, 'bench', '', "
                "'pig', 'fattening_pig', 1, '头', %s, 'bench', %s, 'bench', 'farm', "
                "d.destination_farm_id, 'rearing', '', '', 'road', 'BENCH', '', 1, "
                "%s, 'bench', d.declared_at, d.declared_at + interval '1 day', '', 'arrived', "
                "'', d.declared_at + interval '5 hours', 1, '[]'::jsonb, '' "
                "FROM quarantine_declaration d WHERE d.remarks = 'bench-synthetic' "
                "AND d.id > %s",
                [VILLAGE, VILLAGE, vet.pk, first_id],
            )
            for table in ("declaration", "certificate"):
                cursor.execute(f"ANALYZE quarantine_{table}")
        created = Declaration.objects.filter(remarks="bench-synthetic", id__gt=first_id)
        eartags_bench.arrived_claims(
            [tag_ref(pk) for pk in created.order_by("id").values_list("id", flat=True)],
            SYNTHETIC_TAGS,
        )
        return
    chunk = 5000
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        with transaction.atomic():
            declarations = Declaration.objects.bulk_create(
                [
                    Declaration(
                        farm=farms[g % len(farms)],
                        category="fattening_pig",
                        species="pig",
                        quantity=1,
                        purpose="rearing",
                        destination_region_id=VILLAGE,
                        destination_place="bench",
                        destination_kind="farm",
                        destination_farm=farms[(g * 7 + 3) % len(farms)],
                        departure_date=(now - timedelta(days=g % 365)).date(),
                        vehicle="BENCH",
                        remarks="bench-synthetic",
                        status="certified",
                        declared_by=vet,
                        declared_at=now - timedelta(days=g % 365, minutes=g % 1440),
                    )
                    for g in range(start, start + size)
                ]
            )
            eartags_bench.arrived_claims(
                [tag_ref(d.pk) for d in declarations], SYNTHETIC_TAGS + start
            )
            Certificate.objects.bulk_create(
                [
                    Certificate(
                        number=f"S{d.pk:018d}",
                        kind="B",
                        declaration=d,
                        farm=d.farm,
                        owner_name="bench",
                        species="pig",
                        category="fattening_pig",
                        quantity=1,
                        unit="头",
                        origin_region_id=VILLAGE,
                        origin_place="bench",
                        destination_region_id=VILLAGE,
                        destination_place="bench",
                        destination_kind="farm",
                        destination_farm=d.destination_farm,
                        purpose="rearing",
                        transport_mode="road",
                        vehicle="BENCH",
                        valid_days=1,
                        vet=vet,
                        vet_name="bench",
                        issued_at=d.declared_at,
                        valid_until=d.declared_at + timedelta(days=1),
                        status="arrived",
                        arrived_at=d.declared_at + timedelta(hours=5),
                        received_quantity=1,
                    )
                    for d in declarations
                ]
            )


def run(ctx: BenchContext) -> list[Result]:
    # The test Client speaks as host "testserver".
    with override_settings(ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
        return _run(ctx)


def _run(ctx: BenchContext) -> list[Result]:
    declarations = 40 * ctx.factor if ctx.factor < 100 else 1000
    station, vet, farms, network, base = setup(ctx, declarations)
    station_client, station_headers = _client(station)
    vet_client, vet_headers = _client(vet)
    _me_samples(vet_client, vet_headers, 20)  # warm up

    departure = (timezone.localdate() + timedelta(days=3)).isoformat()
    numbers = []
    start = time.perf_counter()
    for i in range(declarations):
        codes = [tag_code(base + i * TAGS_PER_DECLARATION + k) for k in range(TAGS_PER_DECLARATION)]
        created = _post(
            station_client,
            "/api/v1/declarations",
            declaration_body(farms[0].pk, codes, departure),
            station_headers,
        )
        _post(vet_client, f"/api/v1/declarations/{created['id']}/accept", {}, vet_headers)
        inspected = _post(
            vet_client,
            f"/api/v1/declarations/{created['id']}/inspect",
            {"result": "pass"},
            vet_headers,
        )
        numbers.append(inspected["certificate"]["number"])
    elapsed = time.perf_counter() - start
    me = _me_samples(vet_client, vet_headers, 300)
    me_rps = len(me) / sum(me)
    results = [
        Result(
            "quarantine.certificates_per_second",
            declarations / elapsed,
            "1/s",
            "GET /api/v1/auth/me requests per second / 3",
            me_rps / 3,
        ),
    ]

    public = Client()
    verify = []
    lifted = {**settings.SMARTVET, "QUARANTINE": {"VERIFY_RATE_PER_MINUTE": 10**9}}
    with override_settings(SMARTVET=lifted):
        for _ in range(500):
            number = random.choice(numbers)
            t0 = time.perf_counter()
            response = public.get(f"/api/v1/public/certificates/{number}")
            verify.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content
    results += [
        Result(
            "quarantine.verify_per_second",
            len(verify) / sum(verify),
            "1/s",
            "GET /api/v1/auth/me requests per second",
            me_rps,
        ),
        Result(
            "quarantine.verify_p95", p95_ms(verify), "ms", "GET /api/v1/auth/me p95", p95_ms(me)
        ),
    ]

    _synthetic(ctx, network, vet, 10_000 * ctx.factor)
    me = _me_samples(vet_client, vet_headers, 300)
    tag_samples, farm_samples = [], []
    for _ in range(200):
        i = random.randrange(declarations)
        code = tag_code(base + i * TAGS_PER_DECLARATION)
        t0 = time.perf_counter()
        response = vet_client.get(f"/api/v1/trace/eartags/{code}", **vet_headers)
        tag_samples.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.content
    for _ in range(50):
        t0 = time.perf_counter()
        response = vet_client.get(
            f"/api/v1/trace/farms/{random.choice(network).pk}",
            {"direction": random.choice(["forward", "backward"]), "days": 30},
            **vet_headers,
        )
        farm_samples.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.content
    results += [
        Result(
            "quarantine.trace_tag_p95",
            p95_ms(tag_samples),
            "ms",
            "GET /api/v1/auth/me p95",
            p95_ms(me),
        ),
        Result(
            "quarantine.trace_farm_p95",
            p95_ms(farm_samples),
            "ms",
            "GET /api/v1/auth/me p95",
            p95_ms(me),
        ),
    ]
    return results
