"""Suspected major outbreaks (国家突发重大动物疫情应急预案): the event, its reporting clocks
(to the province within 2 h, the province to the ministry within 1 h: policy data), its
outbreaks with counts per species, and the immediate, follow-up and final reports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError
from smartvet.core.models import Region, User
from smartvet.core.workflow import next_number
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.commands import OutbreakIn, OutbreakReportIn
from smartvet.surveillance.models import (
    EventStatus,
    Outbreak,
    OutbreakCount,
    OutbreakEvent,
    OutbreakReport,
    Report,
)
from smartvet.surveillance.permissions import OUTBREAKS, REPORT_TO_MINISTRY
from smartvet.surveillance.queries.outbreaks import event_for, woah_event
from smartvet.surveillance.queries.policy import policy_for


def open_event(*, actor: User, report: Report, policy: dict[str, Any]) -> OutbreakEvent:
    """A step of submitting a suspected major outbreak (inside that transaction): the event
    of the county, its first outbreak from the report, the province's clock started."""
    now = timezone.now()
    county = regions.county_of(report.region_id) or report.region_id
    number = f"YQ{now:%Y}{county}{next_number(f'outbreak:{county}:{now:%Y}'):04d}"
    event = OutbreakEvent.objects.create(
        number=number,
        disease=report.disease,
        region_id=county,
        source_report=report,
        started_on=report.onset_date,
        suspected_at=now,
        province_due=now + timedelta(hours=policy["PROVINCE_REPORT_HOURS"]),
        created_by=actor,
    )
    outbreak = Outbreak.objects.create(
        event=event, farm=report.farm, region_id=report.region_id, started_on=report.onset_date
    )
    OutbreakCount.objects.create(
        outbreak=outbreak,
        species=report.species,
        susceptible=report.at_risk,
        cases=report.sick,
        deaths=report.dead,
    )
    ledger.record(
        actor=actor,
        action="outbreak.suspected",
        obj=event,
        region=county,
        summary={"number": number, "disease": event.disease, "due": event.province_due},
    )
    return event


@transaction.atomic(durable=True)
def report_to_province(*, actor: User, event_id: int) -> OutbreakEvent:
    """The county has reported the suspected outbreak to the province: its clock stops, the
    province's clock to the ministry starts."""
    require(actor, OUTBREAKS)
    event = event_for(actor, event_id, lock=True)
    require(actor, OUTBREAKS, event)
    if event.province_reported_at is not None:
        raise DomainError("ALREADY_REPORTED", _("已报告省级"))
    now = timezone.now()
    hours = policy_for(event.region_id)["MINISTRY_REPORT_HOURS"]
    event.province_reported_at = now
    event.ministry_due = now + timedelta(hours=hours)
    event.save(update_fields=["province_reported_at", "ministry_due"])
    ledger.record(
        actor=actor,
        action="outbreak.reported_province",
        obj=event,
        region=event.region_id,
        summary={"late": now > event.province_due},
    )
    return event


@transaction.atomic(durable=True)
def report_to_ministry(*, actor: User, event_id: int) -> OutbreakEvent:
    require(actor, REPORT_TO_MINISTRY)
    event = event_for(actor, event_id, lock=True)
    require(actor, REPORT_TO_MINISTRY, event)
    if event.province_reported_at is None:
        raise DomainError("INVALID_TRANSITION", _("县级尚未报告省级"))
    if event.ministry_reported_at is not None:
        raise DomainError("ALREADY_REPORTED", _("已报告农业农村部"))
    now = timezone.now()
    event.ministry_reported_at = now
    event.save(update_fields=["ministry_reported_at"])
    ledger.record(
        actor=actor,
        action="outbreak.reported_ministry",
        obj=event,
        region=event.region_id,
        summary={"late": event.ministry_due is not None and now > event.ministry_due},
    )
    return event


@transaction.atomic(durable=True)
def add_outbreak(*, actor: User, event_id: int, command: OutbreakIn) -> Outbreak:
    require(actor, OUTBREAKS)
    event = event_for(actor, event_id, lock=True)
    require(actor, OUTBREAKS, event)
    farm = registry_queries.farm(actor, command.farm) if command.farm else None
    code = farm.region_id if farm else command.region
    if (
        not regions.is_within(code, event.region_id)
        or not Region.objects.filter(code=code).exists()
    ):
        raise DomainError("VALIDATION_ERROR", _("疫点须在事件所在县内"), [{"field": "region"}])
    outbreak = Outbreak.objects.create(
        event=event, farm=farm, region_id=code, started_on=command.started_on
    )
    OutbreakCount.objects.bulk_create(
        [OutbreakCount(outbreak=outbreak, **count.model_dump()) for count in command.counts]
    )
    ledger.record(
        actor=actor,
        action="outbreak.site_added",
        obj=event,
        region=event.region_id,
        summary={"region": code, "species": [c.species for c in command.counts]},
    )
    return outbreak


@transaction.atomic(durable=True)
def submit_event_report(*, actor: User, event_id: int, command: OutbreakReportIn) -> OutbreakReport:
    """快报 first, then 续报 as often as needed, and one 终报 that resolves the event."""
    require(actor, OUTBREAKS)
    event = event_for(actor, event_id, lock=True)
    require(actor, OUTBREAKS, event)
    kinds = list(event.reports.values_list("kind", flat=True))
    if command.kind == OutbreakReport.Kind.IMMEDIATE and kinds:
        raise DomainError("INVALID_TRANSITION", _("快报只报一次"))
    if command.kind != OutbreakReport.Kind.IMMEDIATE and not kinds:
        raise DomainError("INVALID_TRANSITION", _("请先报送快报"))
    if OutbreakReport.Kind.FINAL in kinds:
        raise DomainError("INVALID_TRANSITION", _("已报送终报"))
    report = OutbreakReport.objects.create(
        event=event,
        kind=command.kind,
        number=len(kinds) + 1,
        content=woah_event(event),
        submitted_by=actor,
    )
    if command.kind == OutbreakReport.Kind.FINAL:
        event.status = EventStatus.RESOLVED
        event.save(update_fields=["status"])
    ledger.record(
        actor=actor,
        action="outbreak.report_submitted",
        obj=event,
        region=event.region_id,
        summary={"kind": command.kind, "number": report.number},
    )
    return report
