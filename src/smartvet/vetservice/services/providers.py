"""Writes of providers ("1+N" per township) and the vaccinator roster (seed 000)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.core.queries import account_who_may
from smartvet.vetservice import rules
from smartvet.vetservice.commands import (
    EnrolVaccinator,
    RecordAssessment,
    RecordTraining,
    RegisterProvider,
)
from smartvet.vetservice.models import (
    Assessment,
    Provider,
    ProviderKind,
    Training,
    Vaccinator,
)
from smartvet.vetservice.permissions import (
    BE_ON_ROSTER,
    BE_PROVIDER,
    MANAGE_PROVIDERS,
    MANAGE_ROSTER,
)
from smartvet.vetservice.services.common import invalid, regions_under


def _account(username: str, permission, township: str) -> User:
    account = account_who_may(username, permission)
    county = township[:6]
    if account is None or not (
        regions.is_within(account.region_id, county) or regions.is_within(county, account.region_id)
    ):
        raise NotFound(_("账号不存在或不在本县"))
    return account


@transaction.atomic(durable=True)
def register_provider(*, actor: User, command: RegisterProvider) -> Provider:
    """The county registers a provider of a township, or updates it. Choosing a new lead
    company (牵头管理公司) for a contract period makes the previous lead an ordinary service
    organisation: one lead per township ("1+N", seed 000 2025)."""
    require(actor, MANAGE_PROVIDERS, region=command.township)
    if regions.level_of(command.township) != "township":
        raise invalid("township", _("请选择乡镇"))
    if command.lead_from and command.lead_until and command.lead_until < command.lead_from:
        raise invalid("lead_until", _("牵头截止日期不能早于起始日期"))
    account = _account(command.account, BE_PROVIDER, command.township)
    villages = regions_under("villages", command.villages, command.township)
    demoted = []
    if command.kind == ProviderKind.LEAD:
        leads = Provider.objects.filter(
            township_id=command.township, kind=ProviderKind.LEAD, is_active=True
        ).exclude(account=account)
        demoted = list(leads.values_list("account__username", flat=True))
        leads.update(kind=ProviderKind.ORGANISATION)
    provider, created = Provider.objects.update_or_create(
        account=account,
        defaults={
            "name": command.name,
            "kind": command.kind,
            "township_id": command.township,
            "legal_representative": command.legal_representative,
            "credit_code": command.credit_code,
            "address": command.address,
            "phone": command.phone,
            "lead_from": command.lead_from,
            "lead_until": command.lead_until,
            "is_active": True,
        },
    )
    provider.villages.set(villages)
    ledger.record(
        actor=actor,
        action="provider.registered" if created else "provider.updated",
        obj=provider,
        region=command.township,
        summary={
            "account": account.username,
            "kind": command.kind,
            "villages": len(villages),
            "lead_replaced": demoted,
        },
    )
    return provider


@transaction.atomic(durable=True)
def enrol_vaccinator(*, actor: User, command: EnrolVaccinator) -> Vaccinator:
    """Put a vaccinator on the roster (or update its entry): qualification and its expiry,
    villages covered, duty days, birth year. A provider enrols only its own vaccinators."""
    account = account_who_may(command.account, BE_ON_ROSTER)
    if account is None:
        raise NotFound(_("防疫员账号不存在"))
    entry = Vaccinator.objects.filter(account=account).first() or Vaccinator(account=account)
    entry.provider = Provider.objects.filter(account_id=account.provider_id).first()
    require(actor, MANAGE_ROSTER, entry)
    if not rules.duty_days_valid(command.duty_days):
        raise invalid("duty_days", _("值班日用1至7表示星期一至星期日，例如12345"))
    township = account.region_id[:9] if len(account.region_id) >= 9 else account.region_id
    villages = regions_under("villages", command.villages, township)
    created = entry.pk is None
    entry.kind = command.kind
    entry.qualification_no = command.qualification_no
    entry.qualification_expires = command.qualification_expires
    entry.duty_days = "".join(sorted(command.duty_days))
    entry.birth_year = command.birth_year
    entry.on_roster = True
    entry.save()
    entry.villages.set(villages)
    ledger.record(
        actor=actor,
        action="vaccinator.enrolled" if created else "vaccinator.updated",
        obj=entry,
        region=account.region_id,
        summary={
            "account": account.username,
            "kind": command.kind,
            "qualification_no": command.qualification_no,
            "qualification_expires": command.qualification_expires,
            "villages": [village.code for village in villages],
            "duty_days": entry.duty_days,
        },
    )
    return entry


def _entry(actor: User, vaccinator_id: int) -> Vaccinator:
    entry = Vaccinator.objects.select_related("account", "provider").get_visible(
        actor, id=vaccinator_id
    )
    require(actor, MANAGE_ROSTER, entry)
    return entry


@transaction.atomic(durable=True)
def record_training(*, actor: User, vaccinator_id: int, command: RecordTraining) -> Training:
    entry = _entry(actor, vaccinator_id)
    training = Training.objects.create(
        vaccinator=entry, name=command.name, taken_on=command.taken_on, hours=command.hours
    )
    ledger.record(
        actor=actor,
        action="vaccinator.training_recorded",
        obj=entry,
        region=entry.account.region_id,
        summary={"name": command.name, "taken_on": command.taken_on, "hours": command.hours},
    )
    return training


@transaction.atomic(durable=True)
def record_assessment(*, actor: User, vaccinator_id: int, command: RecordAssessment) -> Assessment:
    """One score per assessment period; scoring the period again replaces it."""
    entry = _entry(actor, vaccinator_id)
    assessment, _created = Assessment.objects.update_or_create(
        vaccinator=entry,
        period=command.period,
        defaults={"score": command.score, "notes": command.notes},
    )
    ledger.record(
        actor=actor,
        action="vaccinator.assessed",
        obj=entry,
        region=entry.account.region_id,
        summary={"period": command.period, "score": command.score},
    )
    return assessment
