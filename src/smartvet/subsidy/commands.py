"""The inputs of the subsidy's services, validated once (core.commands): the API takes them as
payloads, the pages build them with `parse()` from the form, the services receive them valid.
Lengths and labels come from the model fields."""

from datetime import date
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.models import Region
from smartvet.subsidy.models import (
    AccountKind,
    Disqualification,
    Objection,
    PayeeKind,
    Payment,
    Publicity,
    Qualification,
    SubsidyApplication,
    SubsidyPolicy,
)

PolicyCode = text(SubsidyPolicy, "code")
FarmId = Annotated[int, Field(ge=1, le=MAX_ID, title=label(Qualification, "farm"))]


class CopyPolicy(Command):
    code: PolicyCode
    name: text(SubsidyPolicy, "name")
    region: text(Region, "code")
    shift_years: int = Field(0, ge=-5, le=5, title=_("日期平移年数"))


class UpdatePolicy(Command):
    rules: dict[str, Any] = Field(title=label(SubsidyPolicy, "rules"))
    name: text(SubsidyPolicy, "name", required=False)  # empty: the name stays


class SubmitQualification(Command):
    farm: FarmId
    policy: PolicyCode
    note: text(Qualification, "note", required=False)


class ResubmitQualification(Command):
    note: text(Qualification, "note", required=False)  # empty: the first note stays


class ReturnQualification(Command):
    reason: text(Qualification, "return_reason")


class SubmitApplication(Command):
    farm: FarmId
    policy: PolicyCode
    payee: PayeeKind = Field(PayeeKind.FARM, title=label(SubsidyApplication, "payee_kind"))
    evidence: text(SubsidyApplication, "evidence", required=False)


class ResubmitApplication(Command):
    evidence: text(SubsidyApplication, "evidence", required=False)  # empty: the first stays


class Review(Command):
    note: text(SubsidyApplication, "review_note", required=False)


class SendBack(Command):
    """Returned or refused: the reason is told to the applicant."""

    reason: text(SubsidyApplication, "return_reason")


class Disqualify(Command):
    farm: FarmId
    policy: PolicyCode
    reason: text(Disqualification, "reason")


class StartPublicity(Command):
    policy: PolicyCode
    starts_on: date | None = Field(None, title=label(Publicity, "starts_on"))  # none: today
    title: text(Publicity, "title", required=False)  # empty: named after the policy


class RecordObjection(Command):
    raised_by: text(Objection, "raised_by")
    contact: text(Objection, "contact", required=False)
    text: text(Objection, "text")


class ResolveObjection(Command):
    upheld: bool = Field(title=_("异议成立"))
    resolution: text(Objection, "resolution")


class RecordPayment(Command):
    account_kind: AccountKind = Field(title=label(Payment, "account_kind"))
    account_no: text(Payment, "account_no")
    paid_on: date = Field(title=label(Payment, "paid_on"))
    reference: text(Payment, "reference", required=False)
