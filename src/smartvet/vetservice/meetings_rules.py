"""Pure rules of the monthly meetings (月例会)."""

from __future__ import annotations

from datetime import date

# A meeting is called (planned), then recorded once held; a recorded meeting is not edited.
MEETING_TRANSITIONS: dict[str, set[str]] = {"planned": {"held"}, "held": set()}


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"
