"""Every write of supervision, by subject: the rollups kept equal to the facts (rollups),
the dashboards prepared from them (dashboards),
the rollout's records (rollout), training (training), assessment schemes (schemes) and
notices (notices). Callers name the function here: `services.refresh()`."""

from smartvet.supervision.services.notices import close_notice, issue_notice
from smartvet.supervision.services.rollout import enable_features, report_live
from smartvet.supervision.services.rollups import (
    OVERLAP,
    Difference,
    Outcome,
    check,
    rebuild,
    recompute,
    refresh,
    summarise,
    touched_units,
)
from smartvet.supervision.services.schemes import create_scheme
from smartvet.supervision.services.training import record_training

__all__ = [
    "OVERLAP",
    "Difference",
    "Outcome",
    "check",
    "close_notice",
    "create_scheme",
    "enable_features",
    "issue_notice",
    "rebuild",
    "recompute",
    "record_training",
    "refresh",
    "report_live",
    "summarise",
    "touched_units",
]
