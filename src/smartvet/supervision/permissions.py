"""Who may read supervision and keep its records (DOMAIN.md §9, seed 002 §三)."""

from __future__ import annotations

from typing import Any

from smartvet.core import regions
from smartvet.core.access import permission
from smartvet.core.models import Role


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
REPORT_LIVE = permission("supervision.report_live", Role.SUPERVISOR, Role.BUREAU)
RECORD_TRAINING = permission(
    "supervision.record_training", Role.SUPERVISOR, Role.BUREAU, Role.STATION
)
