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
from smartvet.enforcement.models.coldchain import Shipment, ShipmentStatus
from smartvet.enforcement.models.disposal import (
    ClaimStatus,
    Disposal,
    DisposalPhoto,
    InsuranceClaim,
)
from smartvet.enforcement.models.purification import PurificationFarm, PurificationLevel

__all__ = [
    "Case",
    "CaseDecision",
    "CaseEvidence",
    "CaseKind",
    "CaseSource",
    "CaseStatus",
    "ClaimStatus",
    "Dealer",
    "DealerRecord",
    "Disposal",
    "DisposalPhoto",
    "EvidenceKind",
    "InsuranceClaim",
    "PurificationFarm",
    "PurificationLevel",
    "RecordKind",
    "Shipment",
    "ShipmentStatus",
    "TradeDirection",
]
