"""The surveillance models, by subject."""

from smartvet.surveillance.models.alerts import (
    Alert,
    AlertEntry,
    AlertNotice,
    AlertRule,
    AlertStatus,
    Indicator,
    Method,
    Outcome,
    SurveillancePolicy,
)
from smartvet.surveillance.models.choices import Disease, RegionLevelChoice, Severity
from smartvet.surveillance.models.lab import LabResult, SamplingPlan, Season
from smartvet.surveillance.models.outbreaks import (
    EventStatus,
    Outbreak,
    OutbreakCount,
    OutbreakEvent,
    OutbreakReport,
)
from smartvet.surveillance.models.reports import DisposalMethod, Report, ReportKind, ReportPhoto

__all__ = [
    "Alert",
    "AlertEntry",
    "AlertNotice",
    "AlertRule",
    "AlertStatus",
    "Disease",
    "DisposalMethod",
    "EventStatus",
    "Indicator",
    "LabResult",
    "Method",
    "Outbreak",
    "OutbreakCount",
    "OutbreakEvent",
    "OutbreakReport",
    "Outcome",
    "RegionLevelChoice",
    "Report",
    "ReportKind",
    "ReportPhoto",
    "SamplingPlan",
    "Season",
    "Severity",
    "SurveillancePolicy",
]
