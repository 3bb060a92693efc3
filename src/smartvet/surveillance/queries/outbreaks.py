"""Outbreak events: the list with their clocks, one event, and its WOAH-shaped content."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from smartvet.core.access import require
from smartvet.core.models import User
from smartvet.surveillance import rules
from smartvet.surveillance.models import OutbreakEvent
from smartvet.surveillance.permissions import VIEW_OUTBREAKS


def events_visible_to(actor: User) -> QuerySet[OutbreakEvent]:
    require(actor, VIEW_OUTBREAKS)
    return OutbreakEvent.objects.visible_to(actor).order_by("-suspected_at")


def event_for(actor: User, event_id: int, *, lock: bool = False) -> OutbreakEvent:
    events = OutbreakEvent.objects.all()
    if lock:
        events = events.select_for_update(of=("self",))  # not the outer-joined report
    require(actor, VIEW_OUTBREAKS)
    return events.get_visible(actor, pk=event_id)


def clocks(event: OutbreakEvent, now: Any = None) -> dict[str, Any]:
    """The two reporting deadlines and whether each is overdue."""
    now = now or timezone.now()
    province = rules.Clock(event.province_due, event.province_reported_at)
    ministry = (
        rules.Clock(event.ministry_due, event.ministry_reported_at) if event.ministry_due else None
    )
    return {
        "province": {
            "due": province.due,
            "done": province.done,
            "overdue": province.overdue(now),
        },
        "ministry": ministry
        and {"due": ministry.due, "done": ministry.done, "overdue": ministry.overdue(now)},
    }


def woah_event(event: OutbreakEvent) -> dict[str, Any]:
    """The event in the shape of a WOAH WAHIS immediate notification: event -> outbreaks ->
    per species susceptible, cases, deaths, killed and disposed of, slaughtered."""
    outbreaks = event.outbreaks.prefetch_related("counts").select_related("region")
    return {
        "event": {
            "reference": event.number,
            "disease": event.disease,
            "status": event.status,
            "start_date": event.started_on.isoformat(),
            "administrative_division": event.region_id,
            "outbreaks": [
                {
                    "location": outbreak.region_id,
                    "location_name": outbreak.region.name,
                    "farm": outbreak.farm_id,
                    "start_date": outbreak.started_on.isoformat(),
                    "end_date": outbreak.ended_on.isoformat() if outbreak.ended_on else None,
                    "species": [
                        {
                            "species": count.species,
                            "susceptible": count.susceptible,
                            "cases": count.cases,
                            "deaths": count.deaths,
                            "killed_and_disposed": count.destroyed,
                            "slaughtered": count.slaughtered,
                        }
                        for count in outbreak.counts.all()
                    ],
                }
                for outbreak in outbreaks
            ],
        }
    }
