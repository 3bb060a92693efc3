"""Answers of enforcement's endpoints (CONTRACT.md Enforcement), one module per subject; what
several subjects answer is here."""

from ninja import Schema

from smartvet.core.access import available_actions


class IdOut(Schema):
    id: int


def actions(obj, context) -> list[str]:
    """The object's actions the asking user may take (buttons and API clients alike)."""
    return available_actions(context["request"].auth, obj).names
