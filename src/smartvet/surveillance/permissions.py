"""Who may take the surveillance app's actions, and the alert workflow (core.access)."""

from __future__ import annotations

from typing import Any

from smartvet.core import regions
from smartvet.core.access import Action, Workflow, can, permission
from smartvet.core.models import Role
from smartvet.registry import queries as registry_queries
from smartvet.registry.models import Farm
from smartvet.surveillance import rules

# Who reports for every farm and village it sees (a farmer for its own farms, the township's
# station and vets for the township's); a vaccinator reports for the farms it serves and, with
# no farm, for the villages of its region.
REPORT_IN_REACH = permission(
    "surveillance.report_in_reach", Role.FARMER, Role.STATION, Role.OFFICIAL_VET
)


def _reports_for(actor: Any, place: Any) -> bool:
    if not isinstance(place, Farm):
        return True
    return can(actor, REPORT_IN_REACH) or registry_queries.is_served_by(place, actor)


REPORT = permission(
    "surveillance.report",
    Role.FARMER,
    Role.VACCINATOR,
    Role.STATION,
    Role.OFFICIAL_VET,
    condition=_reports_for,
)
# Photos go on a report by whoever sent it.
ADD_PHOTOS = permission(
    "surveillance.add_photos",
    Role.FARMER,
    Role.VACCINATOR,
    Role.STATION,
    Role.OFFICIAL_VET,
    condition=lambda actor, report: report.reported_by_id == actor.pk,
)
# 疫情零报告: the village's responsible vaccinator, or the station for its township.
ZERO_REPORT = permission("surveillance.zero_report", Role.VACCINATOR, Role.STATION)
_WATCHERS = (Role.STATION, Role.OFFICIAL_VET, Role.SUPERVISOR, Role.BUREAU, Role.CDC, Role.ADMIN)
VIEW_REPORTS = permission("surveillance.view_reports", *_WATCHERS, Role.FARMER, Role.VACCINATOR)
# The zero-reporting board: who reported, who is missing.
FOLLOW_ZERO_REPORTS = permission("surveillance.follow_zero_reports", *_WATCHERS)
# The zero-reporting page: the reporter's villages, the watchers' board.
ZERO_PAGE = permission("surveillance.zero_page", Role.VACCINATOR, *_WATCHERS)

# The CDC's work: sampling plans, samples, lab results.
LAB = permission("surveillance.lab", Role.CDC)
VIEW_LAB = permission("surveillance.view_lab", Role.CDC, Role.BUREAU, Role.SUPERVISOR, Role.STATION)

# Alerts: who sees them, who is told, who handles them.
VIEW_ALERTS = permission("surveillance.view_alerts", *_WATCHERS)
RECEIVE_ALERTS = permission(
    "surveillance.receive_alerts", Role.STATION, Role.SUPERVISOR, Role.CDC, Role.BUREAU
)
HANDLE_ALERTS = permission(
    "surveillance.handle_alerts", Role.STATION, Role.SUPERVISOR, Role.CDC, Role.BUREAU
)


def _county_or_province(actor: Any, region: Any) -> bool:
    """Rules are set for a county or a province (a township follows its county's)."""
    return regions.level_of(actor.region_id) in {"county", "province"}


def _provincial(actor: Any, event: Any) -> bool:
    return regions.level_of(actor.region_id) == "province"


EDIT_RULES = permission(
    "surveillance.edit_rules", Role.CDC, Role.BUREAU, condition=_county_or_province
)
VIEW_RULES = permission("surveillance.view_rules", *_WATCHERS)

# Suspected major outbreaks and their reports up the line.
OUTBREAKS = permission("surveillance.outbreaks", Role.CDC, Role.BUREAU, Role.SUPERVISOR)
VIEW_OUTBREAKS = permission("surveillance.view_outbreaks", *_WATCHERS)
# The province reports to the ministry (a provincial account).
REPORT_TO_MINISTRY = permission(
    "surveillance.report_to_ministry",
    Role.CDC,
    Role.BUREAU,
    Role.SUPERVISOR,
    condition=_provincial,
)

ALERT = Workflow(
    model="surveillance.Alert",
    transitions=rules.ALERT_TRANSITIONS,
    actions=(
        Action("acknowledge", HANDLE_ALERTS, to="acknowledged"),
        Action("investigate", HANDLE_ALERTS, applies_in=frozenset({"acknowledged"})),
        Action("close", HANDLE_ALERTS, to="closed"),
    ),
)
