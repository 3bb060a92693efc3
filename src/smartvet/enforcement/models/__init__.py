"""Enforcement's tables, one module per subject."""

from smartvet.enforcement.models.carriers import Dealer, DealerRecord, TradeDirection
from smartvet.enforcement.models.cases import (
    Case,
    CaseDecision,
    CaseEvidence,
    CaseKind,
    CaseSource,
    CaseStatus,
    EvidenceKind,
    RecordKind,
)

__all__ = [
    "Case",
    "CaseDecision",
    "CaseEvidence",
    "CaseKind",
    "CaseSource",
    "CaseStatus",
    "Dealer",
    "DealerRecord",
    "EvidenceKind",
    "RecordKind",
    "TradeDirection",
]
