"""Typed inputs of the supervision services (core.commands): the API's payloads, the pages'
parsed forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from smartvet.core.commands import Command, label, text
from smartvet.core.models import Region
from smartvet.supervision.models import (
    Attendance,
    CountyRollout,
    Notice,
    NoticeKind,
    Scheme,
    SchemeItem,
    TrainingKind,
    TrainingSession,
)


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


class SchemeItemLine(Command):
    indicator: text(SchemeItem, "indicator")
    weight: int = Field(ge=1, le=100, title=label(SchemeItem, "weight"))
    target: Decimal = Field(
        ge=0, max_digits=14, decimal_places=2, title=label(SchemeItem, "target")
    )
    lower_is_better: bool = False


class CreateScheme(Command):
    region: text(Region, "code") = Field(title=label(Scheme, "region"))
    name: text(Scheme, "name")
    starts_on: date = Field(title=label(Scheme, "starts_on"))
    ends_on: date = Field(title=label(Scheme, "ends_on"))
    items: list[SchemeItemLine] = Field(min_length=1, max_length=30, title=_("考核指标"))


class IssueNotice(Command):
    region: text(Region, "code") = Field(title=label(Notice, "region"))
    kind: NoticeKind = Field(title=label(Notice, "kind"))
    reason: text(Notice, "reason")
    rectify_by: date | None = Field(None, title=label(Notice, "rectify_by"))
    scheme: int | None = Field(None, ge=1, title=label(Notice, "scheme"))


class CloseNotice(Command):
    rectification: text(Notice, "rectification")
