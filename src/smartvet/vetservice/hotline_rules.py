"""Pure rules of the hotline: its statuses, who answers which topic, and which clock a ticket
has let run out (no Django ORM here)."""

from __future__ import annotations

from datetime import datetime

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
