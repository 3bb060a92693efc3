"""Typed inputs of the supervision services (core.commands): the API's payloads, the pages'
parsed forms."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from smartvet.core.commands import Command, label, text
from smartvet.core.models import Region
from smartvet.supervision.models import Attendance, CountyRollout, TrainingKind, TrainingSession


class EnableFeatures(Command):
    """Seed 002 §三(二): the province switches the functions on for a county (a blank date
    switches one off)."""

    tag_issue_enabled_on: date | None = Field(
        None, title=label(CountyRollout, "tag_issue_enabled_on")
    )
    quarantine_enabled_on: date | None = Field(
        None, title=label(CountyRollout, "quarantine_enabled_on")
    )


class ReportLive(Command):
    reported_live_on: date = Field(title=label(CountyRollout, "reported_live_on"))


class AttendanceLine(Command):
    station: text(Region, "code") = Field(title=label(Attendance, "station"))
    attendees: int = Field(ge=1, le=10_000, title=label(Attendance, "attendees"))
    farms_trained: int = Field(0, ge=0, le=1_000_000, title=label(Attendance, "farms_trained"))


class RecordTraining(Command):
    region: text(Region, "code") = Field(title=label(TrainingSession, "region"))
    kind: TrainingKind = Field(title=label(TrainingSession, "kind"))
    title: text(TrainingSession, "title")
    held_on: date = Field(title=label(TrainingSession, "held_on"))
    attendance: list[AttendanceLine] = Field(min_length=1, max_length=500, title=_("参训情况"))
