"""Training sessions (师资培训, 使用培训; seed 002 §三(一)(二)) with the attendance per station."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import NotFound, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.supervision.commands import RecordTraining
from smartvet.supervision.models import Attendance, TrainingSession
from smartvet.supervision.permissions import RECORD_TRAINING
from smartvet.supervision.services.errors import invalid


def record_training(*, actor: User, command: RecordTraining) -> TrainingSession:
    """A training session (师资培训 or 使用培训, seed 002 §三(一)(二)) with the attendance of
    each station under the organiser's region."""
    with transaction.atomic(durable=True):
        require(actor, RECORD_TRAINING, region=command.region)
        region = Region.objects.filter(code=command.region).first()
        if region is None:
            raise NotFound()
        stations = [line.station for line in command.attendance]
        known = set(
            Region.objects.filter(code__in=stations, level="township").values_list(
                "code", flat=True
            )
        )
        for index, code in enumerate(stations):
            if code not in known or not regions.is_within(code, region.code):
                raise ValidationFailed(
                    _("参训单位须为本辖区的乡镇"),
                    [{"field": f"attendance.{index}.station", "code": "VALIDATION_ERROR"}],
                )
        if len(set(stations)) != len(stations):
            raise invalid(_("同一乡镇只能登记一次"), "attendance")
        session = TrainingSession.objects.create(
            region=region,
            kind=command.kind,
            title=command.title,
            held_on=command.held_on,
            recorded_by=actor,
        )
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                station_id=line.station,
                attendees=line.attendees,
                farms_trained=line.farms_trained,
            )
            for line in command.attendance
        )
        ledger.record(
            actor=actor,
            action="supervision.training_recorded",
            obj=session,
            region=region.code,
            summary={
                "title": session.title,
                "kind": session.kind,
                "stations": len(stations),
                "attendees": sum(line.attendees for line in command.attendance),
            },
        )
    return session
