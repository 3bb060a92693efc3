"""Pure rules of the farm registry (DOMAIN.md §2): identity numbers, completeness, stock."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.errors import Problem

KINDS = ("scale", "household", "village_unit")
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


def mask_identity(number: str) -> str:
    """Keep the first 4 and last 4 characters, the way 政务 systems print an ID."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


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


FIELD_LIMITS = {
    "name": 100,
    "owner_name": 50,
    "owner_id_number": 18,
    "phone": 20,
    "address": 200,
    "epidemic_certificate_no": 50,
}
FIELD_LABELS = {
    "name": gettext_lazy("名称"),
    "owner_name": gettext_lazy("负责人"),
    "owner_id_number": gettext_lazy("身份证号或统一社会信用代码"),
    "phone": gettext_lazy("联系电话"),
    "address": gettext_lazy("地址"),
    "epidemic_certificate_no": gettext_lazy("动物防疫条件合格证编号"),
}
# Roles that work with owners in person and so see ID and phone numbers unmasked.
PERSONAL_DATA_ROLES = {"station", "supervisor", "bureau", "official_vet", "admin"}


def farm_field_problems(
    values: Mapping[str, str], *, categories: Mapping[str, int], known_categories: set[str]
) -> list[Problem]:
    """Every problem with a farm's fields, each naming its field."""
    problems = []
    for field, limit in FIELD_LIMITS.items():
        value = values.get(field, "")
        if len(value) > limit:
            problems.append(
                Problem(
                    "VALIDATION_ERROR",
                    _("%(field)s不能超过%(limit)d个字符")
                    % {"field": FIELD_LABELS[field], "limit": limit},
                    {"field": field},
                )
            )
    if not values.get("name", "").strip():
        problems.append(Problem("VALIDATION_ERROR", _("名称不能为空"), {"field": "name"}))
    if values.get("kind") not in KINDS:
        problems.append(
            Problem(
                "VALIDATION_ERROR", _("类型应为规模养殖场、散养户或村级单元"), {"field": "kind"}
            )
        )
    identity = values.get("owner_id_number", "")
    if identity and len(identity) <= 18 and not identity_valid(identity):
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("身份证号或统一社会信用代码校验不通过"),
                {"field": "owner_id_number"},
            )
        )
    phone = values.get("phone", "")
    if phone and len(phone) <= 20 and not phone_valid(phone):
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("联系电话应为11位手机号或带区号的固定电话"),
                {"field": "phone"},
            )
        )
    for category, quantity in categories.items():
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
