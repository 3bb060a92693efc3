"""Dealers and brokers (贩运经纪人, seed 002) and their trade records (购销台账): who they bought
from and sold to, with the certificates that went along. Registered by the county; a trade is
recorded by the county or a checkpoint that sees it on the road."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.enforcement.commands.carriers import RecordTrade, RegisterDealer
from smartvet.enforcement.models import Dealer, DealerRecord
from smartvet.enforcement.permissions import RECORD_TRADE, REGISTER_DEALER
from smartvet.enforcement.queries import carriers as queries
from smartvet.registry import queries as registry_queries
from smartvet.registry import rules as registry_rules


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        message, [{"field": field, "code": "VALIDATION_ERROR", "message": message}]
    )


def _county(code: str) -> Region:
    county = Region.objects.filter(code=regions.county_of(code) or "").first()
    if county is None:
        raise _invalid("region", _("请填写县级区划代码"))
    return county


def _checked(command: RegisterDealer) -> list[Problem]:
    problems = []
    if not registry_rules.identity_valid(command.id_number):
        problems.append(
            Problem(
                "VALIDATION_ERROR", _("身份证号或统一社会信用代码不正确"), {"field": "id_number"}
            )
        )
    if not registry_rules.phone_valid(command.phone):
        problems.append(Problem("VALIDATION_ERROR", _("联系电话格式不正确"), {"field": "phone"}))
    return problems


@transaction.atomic(durable=True)
def register_dealer(*, actor: User, command: RegisterDealer) -> Dealer:
    """贩运经纪人备案: once per county and identity; the vehicles it uses must be registered."""
    county = _county(command.region or actor.region_id)
    require(actor, REGISTER_DEALER, region=county.code)
    problems = _checked(command)
    vehicles = [
        registry_queries.vehicle_status(plate, region=county.code) for plate in command.vehicles
    ]
    problems += [
        Problem(
            "VEHICLE_UNREGISTERED",
            _("车辆%(plate)s未备案，请先办理车辆备案") % {"plate": status.plate},
            {"field": "vehicles"},
        )
        for status in vehicles
        if not status.registered
    ]
    if problems:
        raise DomainError.from_problems(problems)
    try:
        with transaction.atomic():
            dealer = Dealer.objects.create(
                name=command.name,
                id_number=registry_rules.normalize_identity(command.id_number),
                phone=command.phone,
                licence_no=command.licence_no,
                county=county,
                registered_by=actor,
            )
    except IntegrityError:
        raise DomainError("DEALER_REGISTERED", _("该经纪人已在本县备案"), status=409) from None
    dealer.vehicles.set(registry_queries.vehicle_ids([status.plate for status in vehicles]))
    ledger.record(
        actor=actor,
        action="dealer.registered",
        obj=dealer,
        region=county.code,
        summary={"name": dealer.name, "vehicles": [status.plate for status in vehicles]},
    )
    return dealer


@transaction.atomic(durable=True)
def record_trade(*, actor: User, dealer_id: int, command: RecordTrade) -> DealerRecord:
    """购销台账: one purchase or sale; a farm it names must lie within the actor's reach, and a
    certificate it names must exist."""
    require(actor, RECORD_TRADE)
    dealer = queries.dealer(actor, dealer_id)
    farm = registry_queries.farm(actor, command.farm) if command.farm else None
    number = queries.certificate_number(command.certificate_number)
    record = DealerRecord.objects.create(
        dealer=dealer,
        direction=command.direction,
        date=command.date,
        counterparty=command.counterparty,
        farm=farm,
        category=command.category,
        quantity=command.quantity,
        certificate_number=number,
        recorded_by=actor,
    )
    ledger.record(
        actor=actor,
        action="dealer.trade_recorded",
        obj=dealer,
        region=dealer.county_id,
        summary={
            "direction": record.direction,
            "category": record.category,
            "quantity": record.quantity,
            "certificate": number,
        },
    )
    return record
