"""The pure 先打后补 calculation (DOMAIN.md §5, seed 003; CONTRACT.md `smartvet subsidy-calc`).

Plain Python on plain values: no ORM, no Django settings. The services feed it counts read
from the platform's records; the command line feeds it a JSON file. Money is Decimal yuan;
the budget is shared out in whole cents.

Rules, in order, per farm:
1. Eligibility per species group (policy "groups"): the group's stock, summed over its
   categories, reaches the stock line, or its yearly output reaches the output line.
   Only eligible groups earn lines; a farm with none is BELOW_SCALE.
2. Count per rated category: basis "quarantined" -> min(quarantined, immunized); basis
   "stock" -> min(stock, immunized). Line amount = count x rate, rounded half-up to the cent.
3. Antibody gate: the average of the initial tests' pass rates under the policy's pass rate
   (70%) -> ANTIBODY_FAILED unless the re-tests after 补免 average at least that. A large
   farm (policy "large_farm") with no test at all -> ANTIBODY_REPORT_MISSING. A
   disqualified farm -> DISQUALIFIED. Every reason that applies is listed; a farm with any
   reason is ineligible: no lines, 0.00 entitled and allocated.
4. Budget: when the entitled total exceeds the budget, each farm gets entitled x budget /
   total, floored to the cent, and the cents left over go one each to the farms with the
   largest remainders; ties go to the lower farm id. Ids compare as given: integer ids (or
   strings of digits) numerically, before any other id, which compare as strings. So the sum
   is exactly the budget and no farm gets more than its entitlement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, gettext_noop

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_COUNT = 1_000_000_000
MAX_BUDGET = Decimal("1000000000000")
MAX_FARMS = 1_000_000
BASES = ("stock", "quarantined")
ROUNDS = ("initial", "retest")
REASONS = ("BELOW_SCALE", "ANTIBODY_FAILED", "ANTIBODY_REPORT_MISSING", "DISQUALIFIED")
COUNT_FIELDS = ("stock", "output", "quarantined", "immunized")


class InputError(ValueError):
    """Input the calculation cannot accept; the message says what and where. The message is a
    Chinese source string marked with gettext_noop and its %-parameters: it is translated into
    the active language when shown, and stays Chinese where Django is not configured.
    `field` names the policy field at fault when there is one (a page shows the message by
    that input)."""

    def __init__(self, message: str, *, field: str = "", **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.params = params

    def __str__(self) -> str:
        try:
            text = gettext(self.message)
        except ImproperlyConfigured:  # plain Python, without Django settings
            text = self.message
        return text % self.params if self.params else text


# ---------------------------------------------------------------------------- the policy


@dataclass(frozen=True)
class Group:
    name: str
    categories: tuple[str, ...]
    stock: int
    output: int | None = None


@dataclass(frozen=True)
class Rate:
    category: str
    rate: Decimal
    basis: str


@dataclass(frozen=True)
class Policy:
    code: str
    name: str
    cycle_start: date
    cycle_end: date
    qualification_deadline: date
    payment_deadline: date
    publicity_working_days: int
    budget: Decimal
    groups: tuple[Group, ...]
    rates: Mapping[str, Rate]
    antibody_pass_rate: Decimal
    large_farm: tuple[Group, ...]
    version: int = 1

    @cached_property
    def categories(self) -> frozenset[str]:
        found = {c for group in self.groups for c in group.categories}
        found |= set(self.rates)
        found |= {c for group in self.large_farm for c in group.categories}
        return frozenset(found)

    @cached_property
    def groups_of(self) -> dict[str, tuple[str, ...]]:
        """category -> the scale groups it counts in."""
        found: dict[str, tuple[str, ...]] = {}
        for group in self.groups:
            for category in group.categories:
                found[category] = (*found.get(category, ()), group.name)
        return found

    @cached_property
    def pass_line(self) -> Fraction:
        return Fraction(self.antibody_pass_rate)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, version: int = 1) -> Policy:
        """Build and check a policy from its plain-data form (policies.py, the DB copy)."""
        try:
            groups = tuple(
                Group(
                    name,
                    tuple(spec["categories"]),
                    _count(spec["stock"], name),
                    None if spec.get("output") is None else _count(spec["output"], name),
                )
                for name, spec in data["groups"].items()
            )
            rates = {
                category: Rate(category, _money(spec["rate"], f"rates.{category}"), spec["basis"])
                for category, spec in data["rates"].items()
            }
            large = tuple(
                Group(name, tuple(spec["categories"]), _count(spec["stock"], name))
                for name, spec in data["large_farm"].items()
            )
            policy = cls(
                code=str(data["code"]),
                name=str(data.get("name", "")),
                cycle_start=_date(data["cycle_start"]),
                cycle_end=_date(data["cycle_end"]),
                qualification_deadline=_date(data["qualification_deadline"]),
                payment_deadline=_date(data["payment_deadline"]),
                publicity_working_days=_count(data["publicity_working_days"], "publicity"),
                budget=_money(data["budget"], "budget"),
                groups=groups,
                rates=rates,
                antibody_pass_rate=Decimal(str(data["antibody_pass_rate"])),
                large_farm=large,
                version=version,
            )
        except (KeyError, TypeError, AttributeError, InvalidOperation) as exc:
            raise InputError(
                gettext_noop("补助政策数据不完整或格式错误：%(error)s"), error=exc
            ) from None
        for rate in rates.values():
            if rate.basis not in BASES:
                raise InputError(
                    gettext_noop("补助政策中%(category)s的计数依据应为 stock 或 quarantined"),
                    field=f"rates.{rate.category}.basis",
                    category=rate.category,
                )
        if not Decimal(0) <= policy.antibody_pass_rate <= Decimal(1):
            raise InputError(gettext_noop("抗体合格率标准应在0到1之间"), field="antibody_pass_rate")
        if policy.cycle_end < policy.cycle_start:
            raise InputError(gettext_noop("补助周期的结束日期早于开始日期"), field="cycle_end")
        return policy


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            gettext_noop("日期格式应为 YYYY-MM-DD：%(value)s"), value=repr(value)
        ) from None


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise InputError(
            gettext_noop("%(where)s：数量应为0到%(max)s之间的整数，收到 %(value)s"),
            where=where,
            max=MAX_COUNT,
            value=repr(value),
        )
    return value


def _money(value: Any, where: str) -> Decimal:
    """Amounts: a string or an integer (never a float), at most two decimals, not negative."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(
            gettext_noop('%(where)s：金额应为字符串，如 "600000.00"，收到 %(value)s'),
            where=where,
            value=repr(value),
        )
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(
            gettext_noop("%(where)s：金额格式错误：%(value)s"), where=where, value=repr(value)
        ) from None
    if not amount.is_finite() or amount < 0 or amount > MAX_BUDGET:
        raise InputError(
            gettext_noop("%(where)s：金额应为0到%(max)s之间的数：%(value)s"),
            where=where,
            max=MAX_BUDGET,
            value=repr(value),
        )
    if amount != amount.quantize(CENT):
        raise InputError(
            gettext_noop("%(where)s：金额最多两位小数：%(value)s"), where=where, value=repr(value)
        )
    return amount.quantize(CENT)


# ----------------------------------------------------------------------------- the farms


@dataclass(frozen=True)
class AntibodyTest:
    round: str
    samples: int
    qualified: int

    @property
    def pass_rate(self) -> Fraction:
        return Fraction(self.qualified, self.samples)


@dataclass(frozen=True)
class FarmInput:
    id: int | str
    name: str = ""
    stock: Mapping[str, int] = field(default_factory=dict)
    output: Mapping[str, int] = field(default_factory=dict)
    quarantined: Mapping[str, int] = field(default_factory=dict)
    immunized: Mapping[str, int] = field(default_factory=dict)
    antibody_tests: tuple[AntibodyTest, ...] = ()
    disqualified: bool = False


@dataclass(frozen=True)
class Line:
    category: str
    count: int
    rate: Decimal
    amount: Decimal
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "count": self.count,
            "rate": money(self.rate),
            "amount": money(self.amount),
            "basis": self.basis,
        }


@dataclass(frozen=True)
class FarmResult:
    id: int | str
    name: str
    eligible: bool
    reasons: tuple[str, ...]
    lines: tuple[Line, ...]
    entitled: Decimal
    allocated: Decimal
    groups: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "lines": [line.as_dict() for line in self.lines],
            "entitled": money(self.entitled),
            "allocated": money(self.allocated),
        }


@dataclass(frozen=True)
class Calculation:
    policy: str
    version: int
    budget: Decimal
    entitled_total: Decimal
    allocated_total: Decimal
    scale_factor: str
    farms: tuple[FarmResult, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "budget": money(self.budget),
            "entitled_total": money(self.entitled_total),
            "allocated_total": money(self.allocated_total),
            "scale_factor": self.scale_factor,
            "farms": [farm.as_dict() for farm in self.farms],
        }


def money(amount: Decimal) -> str:
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


# ----------------------------------------------------------------------------- the rules


def _total(counts: Mapping[str, int], categories: Sequence[str]) -> int:
    return sum(counts.get(category, 0) for category in categories)


def _group_totals(
    counts: Mapping[str, int], groups_of: Mapping[str, tuple[str, ...]]
) -> dict[str, int]:
    totals: dict[str, int] = {}
    for category, count in counts.items():
        for group in groups_of.get(category, ()):
            totals[group] = totals.get(group, 0) + count
    return totals


def eligible_groups(policy: Policy, farm: FarmInput) -> tuple[str, ...]:
    """seed 003 三(一): the groups whose stock or yearly output reaches the scale line."""
    stock = _group_totals(farm.stock, policy.groups_of)
    output = _group_totals(farm.output, policy.groups_of)
    return tuple(
        group.name
        for group in policy.groups
        if stock.get(group.name, 0) >= group.stock
        or (group.output is not None and output.get(group.name, 0) >= group.output)
    )


def is_large_farm(policy: Policy, stock: Mapping[str, int]) -> bool:
    return any(_total(stock, group.categories) >= group.stock for group in policy.large_farm)


def _average_below(tests: Sequence[AntibodyTest], line: Fraction) -> bool:
    """True when the mean of the tests' pass rates is under `line`, in exact integers."""
    numerator, denominator = 0, 1
    for test in tests:  # sum of qualified/samples as one fraction
        numerator = numerator * test.samples + test.qualified * denominator
        denominator *= test.samples
    return numerator * line.denominator < line.numerator * denominator * len(tests)


def antibody_reasons(policy: Policy, farm: FarmInput) -> list[str]:
    """seed 003 三(三): under 70% on average needs a passing re-test after 补免; a large farm
    must report at least one test in the cycle."""
    if not farm.antibody_tests:
        return ["ANTIBODY_REPORT_MISSING"] if is_large_farm(policy, farm.stock) else []
    line = policy.pass_line
    initial = [t for t in farm.antibody_tests if t.round == "initial"]
    retests = [t for t in farm.antibody_tests if t.round == "retest"]
    if (
        initial
        and _average_below(initial, line)
        and not (retests and not _average_below(retests, line))
    ):
        return ["ANTIBODY_FAILED"]
    return []


def farm_lines(policy: Policy, farm: FarmInput, groups: Sequence[str]) -> list[Line]:
    """seed 003 二(二)2: count = min(quarantined or stock, immunized); amount = count x rate."""
    lines = []
    for group in policy.groups:
        if group.name not in groups:
            continue
        for category in group.categories:
            rate = policy.rates.get(category)
            if rate is None:
                continue
            immunized = farm.immunized.get(category, 0)
            counted = (farm.stock if rate.basis == "stock" else farm.quarantined).get(category, 0)
            if not immunized and not counted:
                continue
            count = min(counted, immunized)
            amount = (rate.rate * count).quantize(CENT, rounding=ROUND_HALF_UP)
            lines.append(
                Line(category, count, rate.rate, amount, basis_text(rate.basis, counted, immunized))
            )
    return lines


_BASIS_TEXT = re.compile(r"min\((stock|quarantined) (\d+), immunized (\d+)\)")


def basis_text(counted_by: str, counted: int, immunized: int) -> str:
    """A line's basis as CONTRACT.md writes it: "min(stock 400, immunized 390)"."""
    return f"min({counted_by} {counted}, immunized {immunized})"


def read_basis(text: str) -> tuple[str, int, int] | None:
    """(counted by, counted, immunized) of a basis_text; None for any other text."""
    found = _BASIS_TEXT.fullmatch(text or "")
    return (found[1], int(found[2]), int(found[3])) if found else None


def evaluate_farm(policy: Policy, farm: FarmInput) -> FarmResult:
    """Eligibility, reasons, lines and entitlement of one farm (allocated = entitled)."""
    groups = eligible_groups(policy, farm)
    reasons = [] if groups else ["BELOW_SCALE"]
    reasons += antibody_reasons(policy, farm)
    if farm.disqualified:
        reasons.append("DISQUALIFIED")
    if reasons:
        return FarmResult(farm.id, farm.name, False, tuple(reasons), (), ZERO, ZERO, groups)
    lines = tuple(farm_lines(policy, farm, groups))
    entitled = sum((line.amount for line in lines), ZERO)
    return FarmResult(farm.id, farm.name, True, (), lines, entitled, entitled, groups)


_INTEGER = re.compile(r"-?[0-9]+")


def id_key(value: int | str) -> tuple[int, int, str]:
    """Order of farm ids for ties: numbers numerically first, then other ids as strings."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, value, str(value))
    text = str(value)
    if _INTEGER.fullmatch(text):
        return (0, int(text), text)
    return (1, 0, text)


def allocate(
    entitled: Sequence[Decimal], ids: Sequence[int | str], budget: Decimal
) -> list[Decimal]:
    """Share the budget in proportion to the entitlements, in whole cents, largest remainder
    first, ties to the lower id. Within budget, everyone gets their entitlement."""
    cents = [int((amount * 100).to_integral_exact()) for amount in entitled]
    total = sum(cents)
    cap = int((budget * 100).to_integral_exact())
    if total <= cap:
        return [amount.quantize(CENT) for amount in entitled]
    shares = [divmod(amount * cap, total) for amount in cents]
    result = [share for share, _remainder in shares]
    left = cap - sum(result)
    order = sorted(range(len(cents)), key=lambda i: (-shares[i][1], id_key(ids[i])))
    for index in order[:left]:
        result[index] += 1
    return [(Decimal(amount) / 100).quantize(CENT) for amount in result]


def scale_factor(entitled_total: Decimal, budget: Decimal) -> str:
    if entitled_total <= budget:
        return "1"
    return str((budget / entitled_total).quantize(Decimal("0.000001"), rounding=ROUND_DOWN))


def calculate(
    policy: Policy, farms: Sequence[FarmInput], budget: Decimal | None = None
) -> Calculation:
    """The whole calculation for a list of farms under one policy and budget."""
    budget = policy.budget if budget is None else budget
    results = [evaluate_farm(policy, farm) for farm in farms]
    entitled_total = sum((result.entitled for result in results), ZERO)
    allocated = allocate([r.entitled for r in results], [r.id for r in results], budget)
    results = [
        FarmResult(r.id, r.name, r.eligible, r.reasons, r.lines, r.entitled, amount, r.groups)
        for r, amount in zip(results, allocated, strict=True)
    ]
    return Calculation(
        policy.code,
        policy.version,
        budget,
        entitled_total,
        sum(allocated, ZERO),
        scale_factor(entitled_total, budget),
        tuple(results),
    )


# ------------------------------------------------------------------------ parsing input


def _counts(value: Any, where: str, known: frozenset[str]) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(gettext_noop('%(where)s 应为对象，如 {"sow": 400}'), where=where)
    counts = {}
    for category, count in value.items():
        if category not in known:
            names = ", ".join(sorted(known))
            raise InputError(
                gettext_noop("%(where)s：未知品种类别 %(category)s（可用：%(names)s）"),
                where=where,
                category=repr(category),
                names=names,
            )
        counts[category] = _count(count, f"{where}.{category}")
    return counts


def _tests(value: Any, where: str) -> tuple[AntibodyTest, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(gettext_noop("%(where)s 应为列表"), where=where)
    tests = []
    for index, item in enumerate(value):
        place = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise InputError(gettext_noop("%(where)s 应为对象"), where=place)
        round_ = item.get("round", "initial")
        if round_ not in ROUNDS:
            raise InputError(
                gettext_noop("%(where)s.round 应为 initial 或 retest，收到 %(value)s"),
                where=place,
                value=repr(round_),
            )
        samples = _count(item.get("samples"), f"{place}.samples")
        qualified = _count(item.get("qualified"), f"{place}.qualified")
        if samples == 0:
            raise InputError(gettext_noop("%(where)s.samples 应大于0"), where=place)
        if qualified > samples:
            raise InputError(gettext_noop("%(where)s.qualified 不能大于 samples"), where=place)
        tests.append(AntibodyTest(round_, samples, qualified))
    return tuple(tests)


def parse_farm(item: Any, index: int, policy: Policy) -> FarmInput:
    where = f"farms[{index}]"
    if not isinstance(item, dict):
        raise InputError(gettext_noop("%(where)s 应为对象"), where=where)
    farm_id = item.get("id")
    if isinstance(farm_id, bool) or not isinstance(farm_id, int | str) or str(farm_id) == "":
        raise InputError(gettext_noop("%(where)s.id 必填（字符串或整数）"), where=where)
    if isinstance(farm_id, str) and len(farm_id) > 100:
        raise InputError(gettext_noop("%(where)s.id 过长（最多100个字符）"), where=where)
    name = item.get("name", "")
    if not isinstance(name, str) or len(name) > 200:
        raise InputError(gettext_noop("%(where)s.name 应为不超过200个字符的字符串"), where=where)
    disqualified = item.get("disqualified", False)
    if not isinstance(disqualified, bool):
        raise InputError(gettext_noop("%(where)s.disqualified 应为 true 或 false"), where=where)
    known = policy.categories
    counts = {name_: _counts(item.get(name_), f"{where}.{name_}", known) for name_ in COUNT_FIELDS}
    return FarmInput(
        id=farm_id,
        name=name,
        antibody_tests=_tests(item.get("antibody_tests"), f"{where}.antibody_tests"),
        disqualified=disqualified,
        **counts,
    )


def parse_input(data: Any, policy: Policy) -> tuple[Decimal, list[FarmInput]]:
    """The CONTRACT.md input: {"budget"?, "farms": [...]} -> (budget, farms)."""
    if not isinstance(data, dict):
        raise InputError(gettext_noop('输入应为JSON对象：{"budget": ..., "farms": [...]}'))
    budget = policy.budget if data.get("budget") is None else _money(data["budget"], "budget")
    farms = data.get("farms")
    if not isinstance(farms, list):
        raise InputError(gettext_noop("farms 必填，应为列表"))
    if len(farms) > MAX_FARMS:
        raise InputError(gettext_noop("farms 最多 %(max)s 个"), max=MAX_FARMS)
    parsed = [parse_farm(item, index, policy) for index, item in enumerate(farms)]
    seen: set[str] = set()
    for farm in parsed:
        if str(farm.id) in seen:
            raise InputError(gettext_noop("养殖场编号重复：%(id)s"), id=repr(farm.id))
        seen.add(str(farm.id))
    return budget, parsed
