"""Surveillance's events for the national platform (docs/exchange/outbreak.*.schema.json,
alert.opened.schema.json): suspected major outbreaks, their 快报/续报/终报, and the alerts the
rules raise. Counts and places only; the reporting farmer stays in the province."""

from __future__ import annotations

from smartvet.core.outbox import Event
from smartvet.surveillance.models import Alert, OutbreakEvent


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def _outbreak(event: OutbreakEvent) -> dict:
    return {
        "number": event.number,
        "disease": event.disease,
        "county": event.region_id,
        "status": event.status,
        "started_on": event.started_on.isoformat() if event.started_on else None,
        "suspected_at": _moment(event.suspected_at),
        "places": [
            {"region": outbreak.region_id, "farm": outbreak.farm.code if outbreak.farm else ""}
            for outbreak in event.outbreaks.select_related("farm").order_by("pk")
        ],
    }


def outbreak_suspected(event: OutbreakEvent) -> Event:
    return Event("outbreak.suspected", "outbreak", event.pk, _outbreak(event))


def outbreak_reported(event: OutbreakEvent) -> Event:
    report = event.reports.order_by("-number").first()
    return Event(
        "outbreak.reported",
        "outbreak",
        event.pk,
        {**_outbreak(event), "report": {"kind": report.kind, "number": report.number}},
    )


def alert_opened(alert: Alert) -> Event:
    return Event(
        "alert.opened",
        "alert",
        alert.pk,
        {
            "rule": alert.rule.code,
            "region": alert.region_id,
            "severity": alert.severity,
            "observed": alert.observed,
            "expected": alert.expected,
            "summary": alert.summary,
            "opened_at": _moment(alert.opened_at),
        },
    )
