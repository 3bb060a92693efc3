"""Pure rules of the 先打后补 workflow (DOMAIN.md §5; seed 003 四): transition tables, the
anomaly flags of the preliminary review, payment methods. No ORM."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core.errors import Problem
from smartvet.core.species import CATEGORY_LABELS

# 资质申请: supervisor preliminary, bureau final; incomplete ones go back for resubmission.
QUALIFICATION_TRANSITIONS: dict[str, set[str]] = {
    "submitted": {"preliminary_approved", "returned"},
    "preliminary_approved": {"approved", "returned"},
    "returned": {"submitted"},
}

# 补贴申请: preliminary (supervisor) -> final (bureau) -> publicity 5 working days ->
# payment; returned ones are resubmitted; an upheld objection or a refusal ends it.
APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    "submitted": {"preliminary_approved", "returned", "rejected"},
    "preliminary_approved": {"approved", "returned", "rejected"},
    "returned": {"submitted"},
    "approved": {"in_publicity"},
    "in_publicity": {"publicized", "rejected"},
    "publicized": {"paid"},
}

PUBLICITY_TRANSITIONS: dict[str, set[str]] = {"open": {"closed"}}
OBJECTION_TRANSITIONS: dict[str, set[str]] = {"open": {"upheld", "dismissed"}}

_ID_CARD = re.compile(r"\d{17}[\dX]")


def is_individual(owner_id_number: str) -> bool:
    """An 18-character resident ID number names a person; a unified social credit code
    (with letters in it) names an organisation."""
    return bool(_ID_CARD.fullmatch((owner_id_number or "").strip().upper()))


def cycle_containing(day: date) -> tuple[date, date]:
    """The 先打后补 cycle `day` falls in (seed 003 三(三)): from 2025 a cycle runs from 11 March
    to 10 March of the next year."""
    year = day.year if (day.month, day.day) >= (3, 11) else day.year - 1
    return date(year, 3, 11), date(year + 1, 3, 10)


def payment_method_problem(*, payee_is_individual: bool, account_kind: str) -> Problem | None:
    """seed 003 四: 养殖主体是个人的，通过“一卡通”方式进行发放."""
    if payee_is_individual and account_kind != "yikatong":
        return Problem("PAYMENT_METHOD_INVALID", _("个人养殖户的补助须通过“一卡通”发放"))
    if not payee_is_individual and account_kind == "yikatong":
        return Problem("PAYMENT_METHOD_INVALID", _("单位收款须使用对公账户，不能使用“一卡通”"))
    return None


def qualification_deadline_problem(today: date, deadline: date) -> Problem | None:
    if today > deadline:
        return Problem(
            "QUALIFICATION_DEADLINE_PASSED",
            _("资质申请已于%(date)s截止") % {"date": deadline.isoformat()},
        )
    return None


def _named(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


# The anomaly flags' messages; a flag keeps its numbers so a page reads it in its own language.
FLAG_MESSAGES = {
    "IMMUNIZED_ABOVE_STOCK": gettext_noop("%(c)s免疫数量%(i)d超过存栏%(s)d"),
    "IMMUNIZED_ABOVE_DOSES": gettext_noop("免疫数量合计%(i)d超过购入疫苗%(d)d头份"),
    "VACCINE_USED_ABOVE_BOUGHT": gettext_noop("疫苗使用量%(u)d超过购入量%(d)d头份"),
    "QUARANTINED_ABOVE_IMMUNIZED": gettext_noop("%(c)s产地检疫数量%(q)d超过免疫数量%(i)d"),
    "ANTIBODY_TEST_MISSING": gettext_noop("本周期没有抗体检测记录"),
}


def flag_message(flag: Mapping[str, Any]) -> str:
    """A flag's message in the active language (a flag stored without its numbers keeps the
    message it was stored with)."""
    if "numbers" not in flag or flag.get("code") not in FLAG_MESSAGES:
        return str(flag.get("message", ""))
    return _(FLAG_MESSAGES[flag["code"]]) % {"c": _named(flag["category"]), **flag["numbers"]}


def _flag(code: str, category: str = "", **numbers: int) -> dict[str, Any]:
    flag = {"code": code, "category": category, "numbers": numbers}
    return {**flag, "message": flag_message(flag)}


def anomaly_flags(
    *,
    stock: Mapping[str, int],
    quarantined: Mapping[str, int],
    immunized: Mapping[str, int],
    doses_bought: int,
    doses_used: int,
    antibody_tests: Sequence[Any],
    stock_basis: Sequence[str],
) -> list[dict[str, Any]]:
    """seed 003 四(四): 信息异常 for the preliminary review — immunized above stock (for the
    categories counted by stock) or above the doses bought, vaccine used above vaccine
    bought, quarantined above immunized, no antibody test. An application with any flag
    passes the preliminary review only with evidence (佐证材料)."""
    flags = [
        _flag("IMMUNIZED_ABOVE_STOCK", category, i=immunized[category], s=stock.get(category, 0))
        for category in sorted(set(immunized) & set(stock_basis))
        if immunized[category] > stock.get(category, 0)
    ]
    total_immunized = sum(immunized.values())
    if total_immunized > doses_bought:
        flags.append(_flag("IMMUNIZED_ABOVE_DOSES", i=total_immunized, d=doses_bought))
    if doses_used > doses_bought:
        flags.append(_flag("VACCINE_USED_ABOVE_BOUGHT", u=doses_used, d=doses_bought))
    flags += [
        _flag(
            "QUARANTINED_ABOVE_IMMUNIZED",
            category,
            q=quarantined[category],
            i=immunized.get(category, 0),
        )
        for category in sorted(quarantined)
        if quarantined[category] > immunized.get(category, 0)
    ]
    if not antibody_tests:
        flags.append(_flag("ANTIBODY_TEST_MISSING"))
    return flags


def evidence_problem(flags: Sequence[Mapping[str, Any]], evidence: str) -> Problem | None:
    """seed 003 四(四): 信息异常且无法提供有效佐证材料的按审核不通过处理."""
    if flags and not evidence.strip():
        return Problem("EVIDENCE_REQUIRED", _("申请存在异常提示，须填写佐证材料说明后才能通过初审"))
    return None


def payment_is_late(paid_on: date, deadline: date) -> bool:
    return paid_on > deadline
