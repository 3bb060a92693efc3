"""Violation cases (执法办案; seed 001: punish violations firmly and hold people to account).
Each action: the case's workflow (enforcement.permissions.CASE) refuses what the actor may
not do or the stage does not allow (a closed case refuses every change: INVALID_TRANSITION),
one durable transaction, one ledger event."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, photos, regions, workdays
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.core.workflow import move, next_number
from smartvet.enforcement import rules
from smartvet.enforcement.commands.cases import DecideCase, LinkRecord, OpenCase, OpenCaseFromCheck
from smartvet.enforcement.models import Case, CaseEvidence, CaseSource, EvidenceKind, RecordKind
from smartvet.enforcement.permissions import CASE, OPEN_CASE
from smartvet.enforcement.queries import cases as queries
from smartvet.quarantine import queries as quarantine_queries
from smartvet.registry import queries as registry_queries
from smartvet.subsidy import steps as subsidy_steps

MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 10 << 20


def _due(stage: str, today: date | None = None) -> date | None:
    days = rules.STAGE_WORKDAYS.get(stage)
    if not days:
        return None
    return workdays.add_workdays(today or timezone.localdate(), days, workdays.overrides())


def _number(region: str) -> str:
    """夷陵区's third case of 2026: 420506-2026-0003 (gap-free per county and year)."""
    county = regions.county_of(region) or region
    year = timezone.localdate().year
    return f"{county}-{year}-{next_number(f'enforcement.case:{county}:{year}'):04d}"


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        message = _("区划代码%(code)s不存在") % {"code": code}
        raise ValidationFailed(
            message, [{"field": "region", "code": "VALIDATION_ERROR", "message": message}]
        )
    return region


def _record(actor: User, case: Case, action: str, **summary) -> None:
    ledger.record(
        actor=actor,
        action=action,
        obj=case,
        region=case.region_id,
        summary={"number": case.number, **summary},
    )


def _create(actor: User, **fields) -> Case:
    region = fields["region"]
    return Case.objects.create(
        number=_number(region.code), opened_by=actor, due_on=_due("open"), **fields
    )


def _link(actor: User, case: Case, kind: str, ref: str, note: str = "") -> CaseEvidence:
    return CaseEvidence.objects.create(
        case=case,
        kind=EvidenceKind.RECORD,
        record_kind=kind,
        record_ref=ref,
        note=note,
        added_by=actor,
    )


@transaction.atomic(durable=True)
def open_case(*, actor: User, command: OpenCase) -> Case:
    """立案 by hand (a report, a patrol, a slaughter entry held for tags that do not match, an
    anomaly on the supervision desk), in a region of the actor's reach; a farm and a
    certificate it names become the first evidence."""
    region = _region(command.region)
    require(actor, OPEN_CASE, region=region.code)
    farm = registry_queries.farm(actor, command.farm) if command.farm else None
    certificate = (
        quarantine_queries.certificate_by_number(command.certificate)
        if command.certificate
        else None
    )
    case = _create(
        actor,
        kind=command.kind,
        source=command.source,
        region=region,
        farm=farm,
        certificate_number=certificate.number if certificate else "",
        vehicle=command.vehicle,
        summary=command.summary,
    )
    if certificate:
        _link(actor, case, RecordKind.CERTIFICATE, certificate.number)
    if farm:
        _link(actor, case, RecordKind.FARM, str(farm.pk), farm.name)
    _record(actor, case, "case.opened", kind=case.kind, source=case.source)
    return case


@transaction.atomic(durable=True)
def open_case_from_check(*, actor: User, command: OpenCaseFromCheck) -> Case:
    """立案 from a failed checkpoint check (指定通道): the check, its certificate and the
    certificate's farm are the case's first evidence; the kind comes from what the check
    found. One case per check."""
    require(actor, OPEN_CASE)
    check = queries.check_to_case(actor, command.check)
    if check.result != "fail":
        raise DomainError("VALIDATION_ERROR", _("该次查验未发现问题，不能据此立案"), status=422)
    if Case.objects.filter(check_record=check).exists():
        raise DomainError("CASE_EXISTS", _("该次查验已立案"), status=409)
    # None for another province's certificate: the farm is the origin's, not on record here.
    certificate = check.certificate
    case = _create(
        actor,
        kind=rules.kind_from_flags(check.flags),
        source=CaseSource.CHECK,
        region=check.checked_by.region,
        farm=certificate.farm if certificate else None,
        certificate_number=check.number,
        check_record=check,
        vehicle=check.vehicle,
        summary=command.summary or queries.check_summary(check),
    )
    _link(actor, case, RecordKind.CHECK, str(check.pk), queries.check_summary(check))
    _link(actor, case, RecordKind.CERTIFICATE, check.number)
    if certificate:
        _link(actor, case, RecordKind.FARM, str(certificate.farm_id), certificate.farm.name)
    _record(actor, case, "case.opened", kind=case.kind, source=case.source, check=check.pk)
    return case


def _case(actor: User, case_id: int) -> Case:
    return queries.case(actor, case_id)


@transaction.atomic(durable=True)
def investigate(*, actor: User, case_id: int) -> Case:
    """调查取证 begins; the investigation's deadline starts."""
    case = _case(actor, case_id)
    CASE.require(actor, case, "investigate")
    move(case, to="investigating", transitions=CASE.transitions, due_on=_due("investigating"))
    _record(actor, case, "case.investigating")
    return case


def _record_ref(actor: User, kind: str, ref: str) -> str:
    """The record a link names, found within the actor's reach (NOT_FOUND otherwise)."""
    if kind == RecordKind.CERTIFICATE:
        return quarantine_queries.certificate_for_checkpoint(actor, ref).number
    if not ref.isdigit():
        raise NotFound()
    if kind == RecordKind.CHECK:
        return str(queries.check_to_case(actor, int(ref)).pk)
    if kind == RecordKind.DECLARATION:
        return str(quarantine_queries.declaration(actor, int(ref)).pk)
    return str(registry_queries.farm(actor, int(ref)).pk)


@transaction.atomic(durable=True)
def link_record(*, actor: User, case_id: int, command: LinkRecord) -> CaseEvidence:
    """Evidence: a record of another app (a certificate, a check, a declaration, a farm)."""
    case = _case(actor, case_id)
    CASE.require(actor, case, "add_evidence")
    ref = _record_ref(actor, command.record_kind, command.record_ref)
    evidence = _link(actor, case, command.record_kind, ref, command.note)
    _record(actor, case, "case.evidence_added", record=f"{command.record_kind}:{ref}")
    return evidence


@transaction.atomic(durable=True)
def add_photos(*, actor: User, case_id: int, uploads: list[bytes], note: str = "") -> Case:
    """Evidence photos, stored re-encoded without EXIF (core.photos: no GPS of whoever took
    them); at most MAX_PHOTOS per case."""
    case = _case(actor, case_id)
    CASE.require(actor, case, "add_evidence")
    held = case.evidence.filter(kind=EvidenceKind.PHOTO).count()
    if held + len(uploads) > MAX_PHOTOS:
        raise photos.too_many(held + len(uploads), MAX_PHOTOS)
    cleaned = [
        photos.clean(data, index=i, max_bytes=MAX_PHOTO_BYTES) for i, data in enumerate(uploads)
    ]
    for index, photo in enumerate(cleaned, start=held + 1):
        row = CaseEvidence(case=case, kind=EvidenceKind.PHOTO, note=note[:200], added_by=actor)
        row.image.save(f"{case.number}-{index}.jpg", _content(photo.image), save=False)
        row.thumbnail.save(f"{case.number}-{index}.jpg", _content(photo.thumbnail), save=False)
        row.save()
    _record(actor, case, "case.evidence_added", photos=len(cleaned))
    return case


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


@transaction.atomic(durable=True)
def decide(*, actor: User, case_id: int, command: DecideCase) -> Case:
    """处理决定: warning, fine (with its amount), confiscation, transfer to the judiciary, or
    no violation. Fraud and illegal vaccine, decided, disqualify the farm in the subsidy app
    (seed 003 五(五)) in the same transaction."""
    case = _case(actor, case_id)
    CASE.require(actor, case, "decide")
    problems = rules.decision_problems(command.decision, command.amount)
    if problems:
        raise DomainError.from_problems(problems)
    move(
        case,
        to="decided",
        transitions=CASE.transitions,
        decision=command.decision,
        amount=command.amount,
        reasons=command.reasons,
        decided_by=actor,
        decided_at=timezone.now(),
        due_on=_due("decided"),
    )
    _record(
        actor,
        case,
        "case.decided",
        decision=case.decision,
        amount=str(case.amount) if case.amount is not None else None,
    )
    if case.farm_id and rules.disqualifies(case.kind, case.decision):
        subsidy_steps.disqualify_for_violation(
            actor=actor,
            farm=case.farm,
            reason=_("执法案件%(number)s：%(reasons)s")
            % {"number": case.number, "reasons": case.reasons},
        )
    return case


@transaction.atomic(durable=True)
def close(*, actor: User, case_id: int) -> Case:
    """结案: the decision carried out; nothing of the case changes afterwards."""
    case = _case(actor, case_id)
    CASE.require(actor, case, "close")
    move(case, to="closed", transitions=CASE.transitions, closed_at=timezone.now(), due_on=None)
    _record(actor, case, "case.closed")
    return case
