"""Training (seed 004 §10 田间课堂, seed 002 §二(三) 师资培训 and 使用培训): events with a QR
code the attendees scan to sign in on their own phones, names entered for those without one,
and the materials handed out."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.consult import queries
from smartvet.consult.commands import AttendeeIn, MaterialIn, TrainingIn
from smartvet.consult.models import Attendance, Material, TrainingEvent
from smartvet.consult.permissions import SIGN_IN, TRAIN
from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import Region, User

# Sign-in opens an hour before the event and closes six hours after its end.
OPENS_BEFORE, CLOSES_AFTER = timedelta(hours=1), timedelta(hours=6)
MATERIAL_TYPES = {".pdf", ".docx", ".pptx", ".xlsx", ".jpg", ".jpeg", ".png", ".mp4"}
MAX_MATERIAL_BYTES = 50 << 20


def _refuse(code: str, message: str, field: str) -> DomainError:
    return DomainError.from_problems([Problem(code, message, {"field": field})])


def _place(code: str, field: str) -> str:
    if regions.level_of(code) not in {"county", "township", "village"}:
        raise _refuse("VALIDATION_ERROR", _("请填写县、乡镇或村的区划代码"), field)
    if not Region.objects.filter(code=code).exists():
        raise _refuse("REGION_UNKNOWN", _("没有这个区划：%(code)s") % {"code": code}, field)
    return code


@transaction.atomic(durable=True)
def create_event(*, actor: User, command: TrainingIn) -> TrainingEvent:
    """举办培训: the event, with a fresh sign-in key for its QR code."""
    region = _place(command.region, "region")
    require(actor, TRAIN, region=region)
    if command.ends_at <= command.starts_at:
        raise _refuse("VALIDATION_ERROR", _("结束时间须晚于开始时间"), "ends_at")
    event = TrainingEvent.objects.create(
        kind=command.kind,
        title=command.title,
        region_id=region,
        place=command.place,
        starts_at=command.starts_at,
        ends_at=command.ends_at,
        teacher=command.teacher,
        summary=command.summary,
        sign_in_key=secrets.token_urlsafe(16),
        organised_by=actor,
    )
    ledger.record(
        actor=actor,
        action="training.created",
        obj=event,
        region=region,
        summary={"kind": event.kind, "title": event.title, "starts_at": event.starts_at},
    )
    return event


def sign_in_open(event: TrainingEvent, now=None) -> bool:  # type: ignore[no-untyped-def]
    now = now or timezone.now()
    return event.starts_at - OPENS_BEFORE <= now <= event.ends_at + CLOSES_AFTER


@transaction.atomic(durable=True)
def sign_in(*, actor: User, key: str) -> Attendance:
    """扫码签到: the attendee's own account signs in (once), counted at its home region."""
    require(actor, SIGN_IN)
    event = queries.event_by_key(key)
    if not sign_in_open(event):
        raise _refuse("TRAINING_CLOSED", _("不在签到时间内（培训开始前1小时至结束后6小时）"), "key")
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                event=event,
                attendee=actor,
                name=str(actor),
                village_id=actor.region_id,
                by_qr=True,
            )
    except IntegrityError:
        raise _refuse("ALREADY_SIGNED_IN", _("您已签到"), "key") from None
    ledger.record(
        actor=actor,
        action="training.signed_in",
        obj=event,
        region=event.region_id,
        summary={"attendee": actor.username},
    )
    return row


@transaction.atomic(durable=True)
def add_attendee(*, actor: User, event_id: int, command: AttendeeIn) -> Attendance:
    """代签: the organiser enters an attendee who has no phone."""
    event = queries.event(actor, event_id)
    require(actor, TRAIN, event)
    village = _place(command.village, "village")
    row = Attendance.objects.create(event=event, name=command.name, village_id=village)
    ledger.record(
        actor=actor,
        action="training.attendee_added",
        obj=event,
        region=event.region_id,
        summary={"name": command.name, "village": village},
    )
    return row


@transaction.atomic(durable=True)
def add_material(
    *, actor: User, event_id: int, command: MaterialIn, filename: str, data: bytes
) -> Material:
    """培训资料: a file handed out at the event (documents, slides, pictures, a video)."""
    event = queries.event(actor, event_id)
    require(actor, TRAIN, event)
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in MATERIAL_TYPES:
        raise _refuse("FILE_INVALID", _("资料须为PDF、Word、PPT、Excel、图片或MP4文件"), "file")
    if not data or len(data) > MAX_MATERIAL_BYTES:
        raise _refuse("FILE_INVALID", _("资料文件为空或超过50MB"), "file")
    material = Material(event=event, title=command.title)
    material.file.save(f"t{event.pk}-{secrets.token_hex(4)}{suffix}", ContentFile(data), save=False)
    material.save()
    ledger.record(
        actor=actor,
        action="training.material_added",
        obj=event,
        region=event.region_id,
        summary={"title": command.title, "bytes": len(data)},
    )
    return material
