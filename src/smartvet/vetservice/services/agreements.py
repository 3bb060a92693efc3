"""Writes of service agreements (服务协议, seed 003 §五(三)): the provider drafts, the farmer
confirms on a phone, and from then on the provider and the vaccinators it names serve the farm
(registry.steps.serve_by_agreement) for the agreement's period."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.core.workflow import move, next_number
from smartvet.registry import queries as registry_queries
from smartvet.registry import steps as registry_steps
from smartvet.vetservice import rules
from smartvet.vetservice.commands import ProposeAgreement
from smartvet.vetservice.models import (
    AgreedPrice,
    Agreement,
    AgreementStatus,
    Provider,
    Service,
    ServiceKind,
    Vaccinator,
)
from smartvet.vetservice.permissions import AGREEMENT_WORKFLOW, PROPOSE_AGREEMENT
from smartvet.vetservice.services.common import invalid, refused


def _services(county: str, codes: list[str]) -> list[Service]:
    wanted = list(dict.fromkeys(codes))
    found = {s.code: s for s in Service.objects.filter(county_id=county, code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise invalid(
            "services", _("本县服务目录中没有这些服务：%(c)s") % {"c": "、".join(missing)}
        )
    return [found[code] for code in wanted]


def _vaccinators(provider: Provider, usernames: list[str]) -> list[User]:
    wanted = list(dict.fromkeys(usernames))
    entries = Vaccinator.objects.filter(
        provider=provider, on_roster=True, account__username__in=wanted
    ).select_related("account")
    found = {entry.account.username: entry for entry in entries}
    strays = [name for name in wanted if name not in found]
    if strays:
        raise invalid(
            "vaccinators",
            _("这些防疫员不在该服务主体的花名册上：%(n)s") % {"n": "、".join(strays)},
        )
    today = timezone.localdate()
    expired = [
        entry for entry in found.values() if not rules.qualified(entry.qualification_expires, today)
    ]
    if expired:
        raise refused(
            "QUALIFICATION_EXPIRED",
            _("%(who)s的资格证已于%(d)s过期，不能承接服务")
            % {"who": expired[0].account, "d": expired[0].qualification_expires},
            field="vaccinators",
        )
    return [found[name].account for name in wanted]


@transaction.atomic(durable=True)
def propose_agreement(*, actor: User, command: ProposeAgreement) -> Agreement:
    """A provider (or the station for it) drafts an agreement with a farm or village unit of
    its own township: services from the county's catalogue, its own qualified vaccinators,
    duties, quality requirements, targets (density 100%, antibody pass ≥70%), period and the
    agreed prices of commercial services. It serves no one until the farmer confirms."""
    farm = registry_queries.farm(actor, command.farm)
    provider = (
        Provider.objects.select_related("account")
        .filter(account__username=command.provider, is_active=True)
        .first()
    )
    if provider is None:
        raise NotFound(_("服务主体不存在"))
    require(actor, PROPOSE_AGREEMENT, provider)
    if provider.township_id != farm.region_id[:9]:
        raise refused(
            "PROVIDER_OUTSIDE_TOWNSHIP",
            _("%(p)s不在该养殖场所在乡镇提供服务") % {"p": provider},
            field="provider",
        )
    if command.ends_on < command.starts_on:
        raise invalid("ends_on", _("截止日期不能早于起始日期"))
    services = _services(provider.township_id[:6], command.services)
    commercial = {s.code: s for s in services if s.kind == ServiceKind.COMMERCIAL}
    unpriced = [code for code in command.prices if code not in commercial]
    if unpriced:
        raise invalid("prices", _("只有协议中的经营性服务可以约定价格"))
    vaccinators = _vaccinators(provider, command.vaccinators)
    agreement = Agreement.objects.create(
        number=f"FW{provider.township_id}{next_number(f'agreement:{provider.township_id}'):05d}",
        provider=provider,
        farm=farm,
        categories=list(command.categories),
        provider_duties=command.provider_duties,
        farm_duties=command.farm_duties,
        quality_requirements=command.quality_requirements,
        density_target=command.density_target,
        antibody_target=command.antibody_target,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        proposed_by=actor,
    )
    agreement.services.set(services)
    agreement.vaccinators.set(vaccinators)
    AgreedPrice.objects.bulk_create(
        AgreedPrice(agreement=agreement, service=commercial[code], price=rules.money(price))
        for code, price in command.prices.items()
    )
    ledger.record(
        actor=actor,
        action="agreement.proposed",
        obj=agreement,
        region=farm.region_id,
        summary={
            "number": agreement.number,
            "provider": provider.account.username,
            "farm": farm.pk,
            "services": [s.code for s in services],
            "vaccinators": [v.username for v in vaccinators],
            "starts_on": command.starts_on,
            "ends_on": command.ends_on,
        },
    )
    return agreement


def _agreement(actor: User, agreement_id: int) -> Agreement:
    return Agreement.objects.select_related("farm", "provider__account").get_visible(
        actor, id=agreement_id
    )


@transaction.atomic(durable=True)
def confirm_agreement(*, actor: User, agreement_id: int) -> Agreement:
    """The farm's farmer confirms: the agreement is in force and the provider and its named
    vaccinators serve the farm from its first to its last day."""
    agreement = _agreement(actor, agreement_id)
    AGREEMENT_WORKFLOW.require(actor, agreement, "confirm")
    move(
        agreement,
        to=AgreementStatus.ACTIVE,
        transitions=rules.AGREEMENT_TRANSITIONS,
        confirmed_at=timezone.now(),
    )
    registry_steps.serve_by_agreement(
        actor=actor,
        farm=agreement.farm,
        accounts=[agreement.provider.account, *agreement.vaccinators.all()],
        agreement=agreement.pk,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
    )
    ledger.record(
        actor=actor,
        action="agreement.confirmed",
        obj=agreement,
        region=agreement.farm.region_id,
        summary={"number": agreement.number},
    )
    return agreement


@transaction.atomic(durable=True)
def end_agreement(*, actor: User, agreement_id: int) -> Agreement:
    """Either side ends an agreement in force today: its people stop serving the farm after
    today; the agreement stays as history."""
    agreement = _agreement(actor, agreement_id)
    AGREEMENT_WORKFLOW.require(actor, agreement, "end")
    today = timezone.localdate()
    move(
        agreement, to=AgreementStatus.ENDED, transitions=rules.AGREEMENT_TRANSITIONS, ended_on=today
    )
    registry_steps.end_agreement_service(
        actor=actor, farm=agreement.farm, agreement=agreement.pk, on=today
    )
    ledger.record(
        actor=actor,
        action="agreement.ended",
        obj=agreement,
        region=agreement.farm.region_id,
        summary={"number": agreement.number, "on": today},
    )
    return agreement
