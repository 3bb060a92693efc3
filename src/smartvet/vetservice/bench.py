"""Benchmarks of veterinary socialized services (issue 11 point 9, DOMAIN.md §12): a county's
monthly statements for all its providers over 20,000 orders (county scale) built by the
service and compared with a bare aggregate query over the same rows (their totals must be
equal to the cent); and the assignment of a new order (who serves it, at once), p95 at county
scale, against a bare indexed lookup of the roster."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from smartvet.bench import BenchContext, Result, p95_ms, timed
from smartvet.core import demo
from smartvet.core.models import Region, Role, User
from smartvet.core.services import create_account
from smartvet.registry.models import Farm
from smartvet.vetservice import rules
from smartvet.vetservice.commands import PrepareStatement, SetGuidePrice
from smartvet.vetservice.models import (
    Agreement,
    OrderStatus,
    Payer,
    Provider,
    Service,
    ServiceOrder,
    Vaccinator,
)
from smartvet.vetservice.queries.assignment import assignment_for
from smartvet.vetservice.queries.roster import covering_codes
from smartvet.vetservice.services import catalogue, statements

COUNTY = "420506"
ORDERS_PER_FACTOR = 2000  # county scale (factor 10): 20,000 orders
FARMS_PER_FACTOR = 200
VACCINATORS_PER_PROVIDER = 3


def _account(username: str, role: str, region: str, provider: User | None = None) -> User:
    return User.objects.filter(username=username).first() or create_account(
        actor=None,
        username=username,
        password=secrets.token_urlsafe(12),
        role=role,
        region=region,
        display_name=username,
        provider=provider,
    )


def _providers(tag: str) -> list[Provider]:
    townships = list(Region.objects.filter(parent_id=COUNTY, level="township"))
    found = []
    today = timezone.localdate()
    for township in townships:
        account = _account(f"bench_provider_{tag}_{township.code}", Role.PROVIDER, township.code)
        provider = Provider.objects.create(
            account=account,
            name=f"{township.name}服务主体{tag}",
            kind="organisation",
            township=township,
        )
        provider.villages.add(township)
        for n in range(VACCINATORS_PER_PROVIDER):
            vaccinator = _account(
                f"bench_vacc_{tag}_{township.code}_{n}", Role.VACCINATOR, township.code, account
            )
            entry = Vaccinator.objects.create(
                account=vaccinator,
                provider=provider,
                kind="epidemic_worker",
                qualification_no=f"B{tag}{n}",
                qualification_expires=today + timedelta(days=365 if n else -1),  # one expired
            )
            entry.villages.add(township)
        found.append(provider)
    return found


def _fill(ctx: BenchContext):
    demo.load(secrets.token_urlsafe(12))
    bureau = User.objects.get(username="bureau")
    today = timezone.localdate()
    month = rules.month_start(today)
    for entry in rules.STANDARD_CATALOGUE:
        catalogue.set_guide_price(
            actor=bureau,
            command=SetGuidePrice(
                service=entry.code,
                price=entry.guide_price,
                effective_from=month - timedelta(days=400),
            ),
        )
    service = Service.objects.get(county_id=COUNTY, code="immunization")
    tag = secrets.token_hex(3)
    providers = _providers(tag)
    farms = []
    for provider in providers:
        farms += Farm.objects.bulk_create(
            Farm(
                code=f"S{tag}{provider.township_id}{i:05d}",
                name=f"服务基准场{i}",
                kind="household",
                region_id=provider.township_id,
                is_complete=True,
            )
            for i in range(FARMS_PER_FACTOR * ctx.factor // len(providers) + 1)
        )
    by_township = {p.township_id: p for p in providers}
    agreements = Agreement.objects.bulk_create(
        Agreement(
            number=f"FWB{tag}{farm.pk}",
            provider=by_township[farm.region_id],
            farm=farm,
            starts_on=month - timedelta(days=30),
            ends_on=month + timedelta(days=365),
            status="active",
            proposed_by=bureau,
        )
        for farm in farms
    )
    Agreement.services.through.objects.bulk_create(
        Agreement.services.through(agreement_id=a.pk, service_id=service.pk) for a in agreements
    )
    rng = random.Random(11)
    vaccinators = {
        p.pk: list(p.vaccinators.values_list("account_id", flat=True)) for p in providers
    }
    count = ORDERS_PER_FACTOR * ctx.factor
    price = Decimal("1.50")
    rows = []
    for i in range(count):
        farm = rng.choice(farms)
        provider = by_township[farm.region_id]
        quantity = rng.randint(1, 60)
        status = rng.choices(
            [OrderStatus.CONFIRMED, OrderStatus.DISPUTED, OrderStatus.DONE], [90, 3, 7]
        )[0]
        rows.append(
            ServiceOrder(
                number=f"DB{tag}{i:07d}",
                farm=farm,
                service=service,
                category="fattening_pig",
                animals=quantity,
                preferred_date=month,
                status=status,
                assignee_id=rng.choice(vaccinators[provider.pk]),
                provider=provider,
                township_id=farm.region_id,
                basis="agreement_vaccinator",
                payer=Payer.COUNTY,
                quantity=quantity,
                unit_price=price,
                amount=rules.amount(price, quantity),
                served_on=month + timedelta(days=rng.randint(0, 27)),
                ordered_by=bureau,
            )
        )
    ServiceOrder.objects.bulk_create(rows, batch_size=5000)
    ctx.log(f"  vetservice: {len(providers)} providers, {len(farms)} farms, {count} orders")
    return bureau, providers, farms, service, month


def run(ctx: BenchContext) -> list[Result]:
    bureau, providers, farms, service, month = _fill(ctx)
    totals = {}

    def build_all():
        for provider in providers:
            statement = statements.prepare_statement(
                actor=bureau,
                command=PrepareStatement(
                    provider=provider.account.username, month=f"{month:%Y-%m}"
                ),
            )
            totals[provider.pk] = statement.total

    def bare():
        return dict(
            ServiceOrder.objects.filter(
                provider__in=providers,
                payer=Payer.COUNTY,
                status=OrderStatus.CONFIRMED,
                served_on__gte=month,
                served_on__lt=rules.next_month(month),
            )
            .values_list("provider_id")
            .annotate(total=Sum("amount"))
        )

    build_s = timed(build_all)
    bare_s = min(timed(bare) for _ in range(3))
    aggregate = bare()
    mismatched = [pk for pk, total in totals.items() if rules.money(aggregate.get(pk, 0)) != total]
    if mismatched:
        raise AssertionError(f"statement totals differ from the bare aggregate: {mismatched}")
    rng = random.Random(5)
    sample = [rng.choice(farms) for _ in range(200)]
    today = timezone.localdate()
    assign = [timed(lambda f=farm: assignment_for(f, service, today)) for farm in sample]
    lookup = [
        timed(
            lambda f=farm: list(
                Vaccinator.objects.filter(
                    on_roster=True,
                    qualification_expires__gte=today,
                    villages__code__in=covering_codes(f.region_id),
                ).values_list("account_id", flat=True)
            )
        )
        for farm in sample
    ]
    orders = ServiceOrder.objects.filter(provider__in=providers).count()
    return [
        Result(
            f"vetservice.statements_county_{len(providers)}_providers_{orders}_orders",
            build_s,
            "s",
            "one bare SUM(amount) GROUP BY provider over the same rows (totals equal)",
            bare_s,
        ),
        Result(
            "vetservice.order_assignment_p95",
            p95_ms(assign),
            "ms",
            "bare indexed lookup of the roster covering the farm",
            p95_ms(lookup),
        ),
    ]
