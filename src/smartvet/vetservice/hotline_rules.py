"""Pure rules of the hotline: its statuses, who answers which topic, its clocks' policy (counted
in working hours by core.working_hours) and which clock a ticket has let run out (no Django ORM
here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from smartvet.core.working_hours import Overrides, WorkingHours, add_working_time

# open (待响应) -> in_progress (处理中, after the first response) -> closed (已办结); a call
# answered and settled at once closes straight from open.
TICKET_TRANSITIONS: dict[str, set[str]] = {
    "open": {"in_progress", "closed"},
    "in_progress": {"closed"},
    "closed": set(),
}

# Routing by topic: what the township's service provider answers (the paid, technical side of
# seed 000's 产前/产中/产后 services) and what stays with the station (compulsory work, tags
# and quarantine, policy, and complaints about the providers it supervises).
PROVIDER_TOPICS = frozenset({"disease", "technique", "service"})
STATION_TOPICS = frozenset({"immunization", "eartags", "policy", "complaint", "other"})


def answered_by(topic: str) -> str:
    """ "provider" or "station": who answers a topic in the caller's township."""
    if topic in PROVIDER_TOPICS:
        return "provider"
    if topic in STATION_TOPICS:
        return "station"
    raise ValueError(f"unknown topic {topic!r}")


def overdue_clock(
    *,
    now: datetime,
    status: str,
    first_response_due: datetime,
    first_responded_at: datetime | None,
    next_update_due: datetime | None,
    resolution_due: datetime,
) -> str:
    """The first clock of an unclosed ticket that has run out ("first_response",
    "next_update", "resolution"), or "" when none has (or the ticket is closed)."""
    if status == "closed":
        return ""
    if first_responded_at is None and now > first_response_due:
        return "first_response"
    if first_responded_at is not None and next_update_due is not None and now > next_update_due:
        return "next_update"
    if now > resolution_due:
        return "resolution"
    return ""


# The defaults a county's hotline policy starts from (HotlinePolicy copies them): the desk's
# hours, and each clock's limit in working hours.
DEFAULT_POLICY: dict[str, Any] = {
    "working_hours": "08:30-12:00,14:00-17:30",
    "first_response_hours": 2,
    "next_update_hours": 7,
    "resolution_hours": 21,
}


@dataclass(frozen=True)
class ClockPolicy:
    """A county's hotline policy read from plain values (HotlinePolicy or DEFAULT_POLICY)."""

    hours: WorkingHours
    first_response: timedelta
    next_update: timedelta
    resolution: timedelta

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> ClockPolicy:
        return cls(
            hours=WorkingHours.parse(str(values["working_hours"])),
            first_response=timedelta(hours=float(values["first_response_hours"])),
            next_update=timedelta(hours=float(values["next_update_hours"])),
            resolution=timedelta(hours=float(values["resolution_hours"])),
        )

    def due(self, start: datetime, limit: timedelta, overrides: Overrides = None) -> datetime:
        return add_working_time(start, limit, self.hours, overrides)
