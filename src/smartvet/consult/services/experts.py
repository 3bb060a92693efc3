"""The expert directory and pairings (科技特派员一对一; "龙头企业+特派员+基地+农户")."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.consult import queries
from smartvet.consult.commands import ExpertIn, PairingIn, VisitIn
from smartvet.consult.models import Expert, Pairing, PairingKind, Visit
from smartvet.consult.permissions import EDIT_OWN_ENTRY, MANAGE_EXPERTS, PAIR, RECORD_VISIT
from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import Region, User
from smartvet.core.queries import account_who_may
from smartvet.registry import queries as registry_queries


def _refuse(message: str, field: str) -> DomainError:
    return DomainError.from_problems([Problem("VALIDATION_ERROR", message, {"field": field})])


def _the_expert(actor: User, username: str) -> User:
    """The expert account an entry is about: one's own, or one in the county's reach."""
    account = account_who_may(username, EDIT_OWN_ENTRY)
    if account is None:
        raise _refuse(_("没有这个专家账号：%(name)s") % {"name": username}, "username")
    if account.pk == actor.pk:
        require(actor, EDIT_OWN_ENTRY)
    else:
        require(actor, MANAGE_EXPERTS, region=account.region_id)
    return account


def _regions(codes: list[str]) -> list[Region]:
    found = list(Region.objects.filter(code__in=set(codes)))
    missing = sorted(set(codes) - {r.code for r in found})
    if missing:
        raise _refuse(_("没有这些区划代码：%(codes)s") % {"codes": "、".join(missing)}, "regions")
    return found


@transaction.atomic(durable=True)
def save_entry(*, actor: User, command: ExpertIn) -> Expert:
    """专家入库: the directory entry (an expert keeps its own; the county any of its experts')."""
    account = _the_expert(actor, command.username)
    served = _regions(command.regions)
    entry, created = Expert.objects.update_or_create(
        account=account,
        defaults={
            "title": command.title,
            "employer": command.employer,
            "species": sorted(set(command.species)),
            "topics": sorted(set(command.topics)),
            "available": command.available,
            "availability": command.availability,
            "introduction": command.introduction,
        },
    )
    entry.regions.set(served)
    ledger.record(
        actor=actor,
        action="expert.saved",
        obj=entry,
        region=account.region_id,
        summary={
            "created": created,
            "species": entry.species,
            "topics": entry.topics,
            "regions": sorted(r.code for r in served),
            "available": entry.available,
        },
    )
    return entry


def _pairing_place(actor: User, command: PairingIn):  # type: ignore[no-untyped-def]
    if command.kind == PairingKind.FARM:
        if command.farm is None:
            raise _refuse(_("结对养殖场户须选择养殖场户"), "farm")
        farm = registry_queries.farm(actor, command.farm)
        return farm, farm.region_id
    if regions.level_of(command.region) not in {"village", "township"}:
        raise _refuse(_("请填写村或乡镇的区划代码"), "region")
    if not Region.objects.filter(code=command.region).exists():
        raise _refuse(_("没有这个村或乡镇：%(code)s") % {"code": command.region}, "region")
    if command.kind == PairingKind.BASE and not command.company:
        raise _refuse(_("请填写龙头企业名称"), "company")
    return None, command.region


@transaction.atomic(durable=True)
def create_pairing(*, actor: User, command: PairingIn) -> Pairing:
    """结对: an expert and a village, a farm or a company's base, with the plan."""
    require(actor, PAIR)
    farm, region = _pairing_place(actor, command)
    require(actor, PAIR, region=region)
    account = account_who_may(command.expert, EDIT_OWN_ENTRY)
    entry = queries.entry_of(account) if account else None
    if entry is None:
        raise _refuse(_("专家库中没有这位专家：%(name)s") % {"name": command.expert}, "expert")
    if command.ends_on < command.starts_on:
        raise _refuse(_("结束日期不能早于开始日期"), "ends_on")
    pairing = Pairing.objects.create(
        expert=entry,
        kind=command.kind,
        region_id=region,
        farm=farm,
        company=command.company,
        plan=command.plan,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        created_by=actor,
    )
    ledger.record(
        actor=actor,
        action="pairing.created",
        obj=pairing,
        region=region,
        summary={"expert": command.expert, "kind": command.kind, "company": command.company},
    )
    return pairing


@transaction.atomic(durable=True)
def record_visit(*, actor: User, pairing_id: int, command: VisitIn) -> Visit:
    """走访: what the expert did on a visit to its pairing."""
    pairing = queries.pairing(actor, pairing_id)
    require(actor, RECORD_VISIT, pairing)
    if not pairing.starts_on <= command.visited_on <= pairing.ends_on:
        raise _refuse(_("走访日期不在结对期内"), "visited_on")
    visit = Visit.objects.create(
        pairing=pairing,
        visited_on=command.visited_on,
        farmers=command.farmers,
        notes=command.notes,
        recorded_by=actor,
    )
    ledger.record(
        actor=actor,
        action="pairing.visited",
        obj=pairing,
        region=pairing.region_id,
        summary={"visited_on": command.visited_on, "farmers": command.farmers},
    )
    return visit
