"""Pure rules of the farm registry (DOMAIN.md §2): identity numbers, completeness, stock."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.errors import Problem

STOCK_EVENT_SIGN = {
    "opening": 1,
    "birth": 1,
    "purchase": 1,
    "death": -1,
    "sale": -1,
    "slaughter": -1,
}

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")


def id_card_valid(number: str) -> bool:
    """GB 11643 居民身份证号码: 17 digits and a check character (ISO 7064 MOD 11-2)."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def uscc_valid(code: str) -> bool:
    """GB 32100 统一社会信用代码: 18 characters, the last a MOD 31 check character."""
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def normalize_identity(number: str) -> str:
    return number.strip().upper().replace(" ", "")


def identity_valid(number: str) -> bool:
    """An owner is a person (ID card) or an organization (unified social credit code)."""
    number = normalize_identity(number)
    return id_card_valid(number) or uscc_valid(number)


def phone_valid(phone: str) -> bool:
    phone = phone.strip()
    return bool(_MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone))


def is_mobile(phone: str) -> bool:
    """A mobile number can be a farmer's login (a landline is an office's, shared)."""
    return bool(_MOBILE.fullmatch(phone.strip()))


# What a person reads for each basic field `missing_fields` names (the API keeps the names).
MISSING_FIELD_LABELS = {
    "name": gettext_lazy("名称"),
    "phone": gettext_lazy("联系电话"),
    "address": gettext_lazy("地址"),
    "species": gettext_lazy("饲养品种"),
    "stock": gettext_lazy("存栏数量"),
}


def missing_fields(*, name: str, phone: str, address: str, stock: Mapping[str, int]) -> list[str]:
    """Which of the basic fields seed 002 §二(一) requires are missing; a farm with any
    missing cannot declare quarantine or be issued a certificate."""
    missing = []
    if not name.strip():
        missing.append("name")
    if not phone.strip():
        missing.append("phone")
    if not address.strip():
        missing.append("address")
    if not stock:
        missing.append("species")
    if sum(stock.values()) <= 0:
        missing.append("stock")
    return missing


def stock_after(current: int, kind: str, quantity: int) -> int:
    return current + STOCK_EVENT_SIGN[kind] * quantity


def stock_event_problems(
    *,
    kind: str,
    category: str,
    on: date,
    today: date,
    certificate_no: str,
    disposal: str,
    known_categories: set[str],
) -> list[Problem]:
    """A stock event names a known category and a real past date; a death its harmless
    disposal, a purchase or a sale its quarantine certificate (DOMAIN.md §2)."""
    problems = []
    if category not in known_categories:
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("未知品种类别：%(c)s") % {"c": category},
                {"field": "category"},
            )
        )
    if on > today:
        problems.append(Problem("VALIDATION_ERROR", _("日期不能晚于今天"), {"field": "date"}))
    if on.year < 2000:
        problems.append(Problem("VALIDATION_ERROR", _("日期不合理"), {"field": "date"}))
    if kind == "death" and not disposal:
        problems.append(
            Problem("VALIDATION_ERROR", _("死亡须登记无害化处理方式"), {"field": "disposal"})
        )
    if kind in {"purchase", "sale"} and not certificate_no:
        problems.append(
            Problem(
                "VALIDATION_ERROR", _("购入和出售须填写检疫证明编号"), {"field": "certificate_no"}
            )
        )
    return problems


def stock_event_problem(current: int, kind: str, quantity: int) -> Problem | None:
    """The stock ledger never goes negative (DOMAIN.md §2)."""
    if quantity <= 0:
        return Problem("VALIDATION_ERROR", _("数量必须大于0"))
    if stock_after(current, kind, quantity) < 0:
        return Problem(
            "STOCK_INSUFFICIENT",
            _("存栏不足：现有%(current)d，本次减少%(quantity)d")
            % {"current": current, "quantity": quantity},
            {"available": current, "requested": quantity},
        )
    return None


def farm_problems(
    *, owner_id_number: str, phone: str, stock: Mapping[str, object], known_categories: set[str]
) -> list[Problem]:
    """What a farm's typed fields cannot say about themselves: an identity number's check
    character, a phone number's shape, and the stock's categories and quantities. Every
    problem names its field, so a form shows them all at once."""
    problems = []
    if owner_id_number and not identity_valid(owner_id_number):
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("身份证号或统一社会信用代码校验不通过"),
                {"field": "owner_id_number"},
            )
        )
    if phone and not phone_valid(phone):
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("联系电话应为11位手机号或带区号的固定电话"),
                {"field": "phone"},
            )
        )
    for category, quantity in stock.items():
        if category not in known_categories:
            problems.append(
                Problem(
                    "VALIDATION_ERROR",
                    _("未知品种类别：%(c)s") % {"c": category},
                    {"field": f"stock.{category}"},
                )
            )
        elif not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
            problems.append(
                Problem(
                    "VALIDATION_ERROR",
                    _("存栏数量必须是不小于0的整数"),
                    {"field": f"stock.{category}"},
                )
            )
    return problems


# --- vehicles ---------------------------------------------------------------------------------


def normalize_plate(plate: str) -> str:
    """One spelling per plate: upper case, no spaces and no separators ("鄂E·A1234", "鄂e a1234"
    and "鄂E-A1234" are one vehicle)."""
    return "".join(plate.split()).upper().replace("·", "").replace("-", "")


def disinfected_in_time(last: date | None, on: date, days: int) -> bool:
    """The county's rule: the vehicle was disinfected within `days` days before `on` (that day
    included); a vehicle never disinfected never is."""
    return last is not None and 0 <= (on - last).days <= days
