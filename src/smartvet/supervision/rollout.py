"""Rollout tracking (seed 002 §三, issue 13 point 4): per county the day it started issuing
tags and certificates on the platform (its first real event, from the rollups), the day it
reported, the functions the province switched on, and which counties are late against the
milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Min, Prefetch, QuerySet
from django.utils import timezone

from smartvet.core.access import require, within
from smartvet.core.models import Region, User
from smartvet.supervision import queries, rules
from smartvet.supervision.models import (
    Attendance,
    CountyRollout,
    Milestone,
    MilestoneScope,
    TrainingSession,
)
from smartvet.supervision.models import Rollup as RollupRow
from smartvet.supervision.permissions import VIEW

# seed 002 §三: (month, day, name, scope, share of a city's counties live)
SEED_MILESTONES = (
    (6, 30, "完成养殖场户信息核对和库存耳标导入", MilestoneScope.PREPARATION, 0),
    (7, 30, "每个市州至少1个县应用新功能", MilestoneScope.ONE_PER_CITY, 0),
    (9, 30, "每个市州50%的县应用新功能", MilestoneScope.SHARE_OF_COUNTIES, 50),
    (10, 30, "全省所有县应用新功能", MilestoneScope.SHARE_OF_COUNTIES, 100),
    (11, 30, "完成应用情况验收", MilestoneScope.ACCEPTANCE, 0),
)


@dataclass
class CountyState:
    code: str
    name: str
    city: str
    tags_live_on: date | None
    quarantine_live_on: date | None
    reported_live_on: date | None
    tag_issue_enabled_on: date | None
    quarantine_enabled_on: date | None
    prepared_on: date | None
    late: bool = False
    late_for: str = ""
    # what the reader may do on the page (set by the view from the permissions)
    may_enable: bool = False
    may_report: bool = False

    @property
    def live_on(self) -> date | None:
        """Live when both tag issue and origin quarantine run on the platform."""
        if self.tags_live_on and self.quarantine_live_on:
            return max(self.tags_live_on, self.quarantine_live_on)
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "tags_live_on": self.tags_live_on,
            "quarantine_live_on": self.quarantine_live_on,
            "reported_live_on": self.reported_live_on,
            "tag_issue_enabled_on": self.tag_issue_enabled_on,
            "quarantine_enabled_on": self.quarantine_enabled_on,
            "late": self.late,
            "late_for": self.late_for,
        }


def _first_days(codes: list[str], measure: str) -> dict[str, date]:
    rows = RollupRow.objects.filter(measure=measure, county__in=codes, value__gt=0)
    return dict(rows.values("county").annotate(first=Min("day")).values_list("county", "first"))


def milestones(province: str, year: int) -> list[tuple[date, str, str, int]]:
    """The province's milestones of the year, as stored, or seed 002's when none are."""
    stored = Milestone.objects.filter(region_id=province, due__year=year)
    if stored.exists():
        return [(m.due, m.name, m.scope, m.share) for m in stored]
    return [
        (date(year, month, day), name, scope, share)
        for month, day, name, scope, share in SEED_MILESTONES
    ]


def rollout(actor: User, code: str, *, today: date | None = None) -> list[CountyState]:
    region = queries.region_for(actor, code)
    today = today or timezone.localdate()
    counties = list(
        Region.objects.filter(within("code", region.code), level="county").order_by("code")
    )
    codes = [c.code for c in counties]
    tags = _first_days(codes, "tags_issued")
    certificates = _first_days(codes, "certificates")
    farms = _first_days(codes, "farms_registered")
    stock = _first_days(codes, "tags_in_stock")
    records = {r.county_id: r for r in CountyRollout.objects.filter(county_id__in=codes)}
    states = [
        CountyState(
            code=c.code,
            name=c.name,
            city=c.code[:4],
            tags_live_on=tags.get(c.code),
            quarantine_live_on=certificates.get(c.code),
            reported_live_on=getattr(records.get(c.code), "reported_live_on", None),
            tag_issue_enabled_on=getattr(records.get(c.code), "tag_issue_enabled_on", None),
            quarantine_enabled_on=getattr(records.get(c.code), "quarantine_enabled_on", None),
            prepared_on=max(farms[c.code], stock[c.code])
            if c.code in farms and c.code in stock
            else None,
        )
        for c in counties
    ]
    _mark_late(states, milestones(region.code[:2], today.year), today)
    return states


def _mark_late(
    states: list[CountyState], plan: list[tuple[date, str, str, int]], today: date
) -> None:
    by_city: dict[str, list[CountyState]] = {}
    for state in states:
        by_city.setdefault(state.city, []).append(state)
    for due, name, scope, share in sorted(plan):
        for members in by_city.values():
            if scope == MilestoneScope.PREPARATION:
                pairs = [(s.code, s.prepared_on) for s in members]
                late = rules.late_counties(pairs, due, len(members), today)
            elif scope in (MilestoneScope.ONE_PER_CITY, MilestoneScope.SHARE_OF_COUNTIES):
                needed = rules.counties_required(
                    len(members), share, scope == MilestoneScope.ONE_PER_CITY
                )
                late = rules.late_counties(
                    [(s.code, s.live_on) for s in members], due, needed, today
                )
            else:
                continue
            for state in members:
                if state.code in late and not state.late:
                    state.late, state.late_for = True, name


# --- training sessions (师资培训, 使用培训; seed 002 §三(一)(二)) --------------------------------


def trainings(
    actor: User, *, region: str, kind: str = "", q: str = ""
) -> QuerySet[TrainingSession]:
    """The sessions organised within `region` the actor may see, each with its attendance per
    station."""
    require(actor, VIEW, region=region)
    found = (
        TrainingSession.objects.visible_to(actor)
        .filter(within("region_id", region))
        .select_related("region")
        .prefetch_related(Prefetch("attendance", Attendance.objects.select_related("station")))
    )
    if kind:
        found = found.filter(kind=kind)
    if q:
        found = found.filter(title__icontains=q)
    return found


def stations_under(code: str) -> QuerySet[Region]:
    """The townships (their stations) a session organised by `code` may have trained."""
    return Region.objects.filter(within("code", code), level="township").order_by("code")
