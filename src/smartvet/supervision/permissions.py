"""Who may read supervision and keep its records (DOMAIN.md §9, seed 002 §三)."""

from __future__ import annotations

from typing import Any

from smartvet.core import regions
from smartvet.core.access import Action, Workflow, permission
from smartvet.core.models import Role
from smartvet.supervision import rules


def _from_the_province(actor: Any, _obj: Any) -> bool:
    """Seed 002 §三(二): the province's 动物卫生监督所 switches the functions on."""
    return regions.level_of(actor.region_id) in {"nation", "province"}


# Dashboards, anomalies and rankings: every office that oversees a region, down to a township.
VIEW = permission(
    "supervision.view", Role.SUPERVISOR, Role.BUREAU, Role.STATION, Role.CDC, Role.ADMIN
)
ENABLE_FEATURES = permission(
    "supervision.enable_features", Role.SUPERVISOR, Role.ADMIN, condition=_from_the_province
)


def _the_county_itself(actor: Any, record: Any) -> bool:
    """Seed 002 §三(二): each county reports its own go-live date to the province."""
    return actor.region_id == record.county_id


REPORT_LIVE = permission(
    "supervision.report_live", Role.SUPERVISOR, Role.BUREAU, condition=_the_county_itself
)
RECORD_TRAINING = permission(
    "supervision.record_training", Role.SUPERVISOR, Role.BUREAU, Role.STATION
)


def _issued_within_reach(actor: Any, notice: Any) -> bool:
    """Only the office that issued a notice (or one above it) closes it: the criticised region
    sees its notice but cannot close it itself."""
    return regions.is_within(notice.issued_by.region_id, actor.region_id)


# 绩效考核 (seed 001 §三): schemes, scores and notices, by the offices above the assessed.
ASSESS = permission("supervision.assess", Role.SUPERVISOR, Role.BUREAU, Role.ADMIN)
CLOSE_NOTICE = permission(
    "supervision.close_notice",
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
    condition=_issued_within_reach,
)

NOTICE_WORKFLOW = Workflow(
    model="supervision.Notice",
    transitions=rules.NOTICE_TRANSITIONS,
    actions=(Action("close", CLOSE_NOTICE, to="closed"),),
)
