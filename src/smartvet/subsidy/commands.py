"""The inputs of the subsidy's services, validated once (core.commands): the API takes them as
payloads, the pages build them with `parse()` from the form, the services receive them valid.
Lengths and labels come from the model fields."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import Field, StringConstraints

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.models import Region
from smartvet.core.species import CATEGORIES
from smartvet.subsidy import calc
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


Category = Literal[tuple(CATEGORIES)]
Basis = Literal[calc.BASES]
Money = Annotated[Decimal, Field(ge=0, le=calc.MAX_BUDGET, max_digits=15, decimal_places=2)]
Threshold = Annotated[int, Field(ge=0, le=calc.MAX_COUNT)]
Categories = Annotated[list[Category], Field(min_length=1, max_length=len(CATEGORIES))]
GroupName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,29}$")]


class RateIn(Command):
    rate: Money
    basis: Basis


class ScaleLineIn(Command):
    categories: Categories
    stock: Threshold
    output: Threshold | None = None  # none: the group has no output line


class LargeFarmIn(Command):
    categories: Categories
    stock: Threshold


class EditPolicy(Command):
    """A county's policy as its form sends it (issue 10 point 10): every value typed, amounts
    in yuan, the antibody line in percent. `as_rules()` gives the policy's plain data; the
    service checks it as a whole (calc.Policy.from_dict)."""

    name: text(SubsidyPolicy, "name")
    cycle_start: date = Field(title=_("补助周期开始"))
    cycle_end: date = Field(title=_("补助周期结束"))
    qualification_deadline: date = Field(title=_("资质申请截止"))
    payment_deadline: date = Field(title=_("拨付期限"))
    publicity_working_days: int = Field(ge=1, le=30, title=_("公示期（工作日）"))
    budget: Money = Field(title=_("年度补助总额（元）"))
    antibody_pass_percent: Decimal = Field(
        ge=0, le=100, max_digits=5, decimal_places=2, title=_("抗体合格率标准（%）")
    )
    rates: dict[Category, RateIn] = Field(max_length=len(CATEGORIES), title=_("补助标准"))
    groups: dict[GroupName, ScaleLineIn] = Field(min_length=1, max_length=20, title=_("规模标准"))
    large_farm: dict[GroupName, LargeFarmIn] = Field(max_length=20, title=_("大型规模养殖场"))

    def as_rules(self) -> dict[str, Any]:
        """The plain JSON form of policies.py: amounts as strings with two decimals, the pass
        rate as a fraction ("0.70"), categories in the order of core.species."""

        def ordered(categories: list[str]) -> list[str]:
            return sorted(set(categories), key=CATEGORIES.index)

        return {
            "name": self.name,
            "cycle_start": self.cycle_start.isoformat(),
            "cycle_end": self.cycle_end.isoformat(),
            "qualification_deadline": self.qualification_deadline.isoformat(),
            "payment_deadline": self.payment_deadline.isoformat(),
            "publicity_working_days": self.publicity_working_days,
            "budget": calc.money(self.budget),
            "antibody_pass_rate": fraction(self.antibody_pass_percent),
            "rates": {
                category: {"rate": calc.money(rate.rate), "basis": rate.basis}
                for category, rate in self.rates.items()
            },
            "groups": {
                name: {
                    "categories": ordered(line.categories),
                    "stock": line.stock,
                    "output": line.output,
                }
                for name, line in self.groups.items()
            },
            "large_farm": {
                name: {"categories": ordered(line.categories), "stock": line.stock}
                for name, line in self.large_farm.items()
            },
        }


def fraction(percent: Decimal) -> str:
    """70 -> "0.70", 72.5 -> "0.725": at least two decimals, as the shipped policy writes it."""
    value = (percent / 100).quantize(Decimal("0.0001")).normalize()
    return f"{value:.2f}" if value.as_tuple().exponent > -2 else f"{value:f}"


def percent(fraction_text: Any) -> Decimal:
    """The inverse of fraction(): "0.70" -> 70, "0.725" -> 72.5."""
    value = (Decimal(str(fraction_text)) * 100).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


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
