"""Commands of the violation cases."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.enforcement.commands import RegionCode
from smartvet.enforcement.models import Case, CaseDecision, CaseEvidence, CaseKind, RecordKind


class OpenCase(Command):
    """CONTRACT.md Enforcement: POST /api/v1/cases."""

    kind: Literal[tuple(CaseKind.values)] = Field(title=label(Case, "kind"))
    region: RegionCode = Field(title=label(Case, "region"))
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(Case, "farm"))
    certificate: text(Case, "certificate_number", required=False)
    vehicle: text(Case, "vehicle", required=False)
    summary: text(Case, "summary")
    # Where it came from: a held slaughter entry, a supervision anomaly, a report or a patrol
    # (a checkpoint's check has its own command, OpenCaseFromCheck).
    source: Literal["manual", "slaughter", "anomaly"] = Field("manual", title=label(Case, "source"))


class OpenCaseFromCheck(Command):
    """A case from a failed checkpoint check: the check is its first evidence."""

    check: int = Field(ge=1, le=MAX_ID, title=label(Case, "check_record"))
    summary: text(Case, "summary", required=False)


class DecideCase(Command):
    decision: Literal[tuple(CaseDecision.values)] = Field(title=label(Case, "decision"))
    amount: Decimal | None = Field(
        None, ge=0, max_digits=12, decimal_places=2, title=label(Case, "amount")
    )
    reasons: text(Case, "reasons")


class LinkRecord(Command):
    record_kind: Literal[tuple(RecordKind.values)] = Field(title=label(CaseEvidence, "record_kind"))
    record_ref: text(CaseEvidence, "record_ref")
    note: text(CaseEvidence, "note", required=False)
