"""The refusal the supervision services share."""

from __future__ import annotations

from smartvet.core.errors import ValidationFailed


def invalid(message: str, field: str) -> ValidationFailed:
    return ValidationFailed(message, [{"field": field, "code": "VALIDATION_ERROR"}])
