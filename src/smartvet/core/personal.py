"""Personal data (ID-card and phone numbers) masked for roles that do not work with the
person (DESIGN.md Conventions): on pages, in the API, in exports and in the ledger alike."""

from __future__ import annotations

import re
from typing import Any

# Summary and record fields that hold personal data, wherever an app writes them.
PERSONAL_FIELDS = frozenset(
    {"phone", "owner_id_number", "id_number", "carrier_phone", "owner_phone", "contact_phone"}
)


def mask_identity(number: str) -> str:
    """Keep the first 4 and last 4 characters, the way 政务 systems print an ID."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


# A farmer's account is named by the mobile number: such a value is personal under any key.
MOBILE = re.compile(r"1\d{10}")
IDENTITY = re.compile(r"\d{17}[\dXx]")


def mask_field(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if MOBILE.fullmatch(value) or (name in PERSONAL_FIELDS and "phone" in name):
        return mask_phone(value)
    if IDENTITY.fullmatch(value) or name in PERSONAL_FIELDS:
        return mask_identity(value)
    return value


def masked(data: Any) -> Any:
    """A summary with every personal field masked, at any depth."""
    if isinstance(data, dict):
        return {key: masked(mask_field(key, value)) for key, value in data.items()}
    if isinstance(data, list):
        return [masked(item) for item in data]
    return data
