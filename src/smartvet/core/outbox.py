"""The outbox to the national platform (DOMAIN.md §10; docs/decisions/0008-outbox.md).

An app declares which of its ledger actions the nation must hear of, and who builds the
event from the written object, on its AppConfig:

    outbox_events = {"certificate.issued": "smartvet.quarantine.outbox.certificate_issued"}

A builder takes the object the service passed to `ledger.record` and returns an `Event` (or
None when this write is of no national interest, e.g. a zero report). `ledger.record` calls
`add` in the write's own transaction, so the event commits or rolls back with the write and
no service needs to know the outbox exists. `smartvet.exchange` delivers the events.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string

from smartvet.core.models import OutboxEvent

if TYPE_CHECKING:
    from collections.abc import Callable

    from smartvet.core.models import LedgerEvent

# The demo's counties (夷陵区) are in 湖北省: a database that names no province is the demo's.
DEMO_PROVINCE = "42"


@dataclass(frozen=True)
class Event:
    """What a builder makes of a write: the event's type, the national object whose story
    it advances (a certificate's check and arrival are events of the certificate) and the
    data its schema (docs/exchange/<type>.schema.json) describes."""

    type: str
    object_type: str
    object_id: Any
    data: dict[str, Any] = field(default_factory=dict)
    schema_version: int = 1


def province() -> str:
    return getattr(settings, "SMARTVET_PROVINCE", "") or DEMO_PROVINCE


def uuid7() -> uuid.UUID:
    """A UUIDv7 (RFC 9562): unique without coordination between provinces, and ordered by
    time, so the national platform's index of ids grows at its end."""
    millis = time.time_ns() // 1_000_000
    value = (millis & (2**48 - 1)) << 80 | int.from_bytes(os.urandom(10), "big")
    value = value & ~(0xF << 76) | 0x7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # variant RFC 9562
    return uuid.UUID(int=value)


@cache
def builders() -> dict[str, Callable[[Any], Event | None]]:
    """Every app's `outbox_events`: ledger action -> builder."""
    found: dict[str, Callable[[Any], Event | None]] = {}
    for config in apps.get_app_configs():
        for action, path in getattr(config, "outbox_events", {}).items():
            found[action] = import_string(path)
    return found


def build(action: str, obj: Any) -> Event | None:
    """The national event a ledger action makes of its object, as the object is now; None
    for an action no app declared."""
    builder = builders().get(action)
    if builder is None or obj is None:
        return None
    return builder(obj)


def store(ledger_event: LedgerEvent, event: Event) -> OutboxEvent:
    """The outbox row of `event`, numbered by its ledger event. Runs inside the ledger's
    transaction (the caller's)."""
    return OutboxEvent.objects.create(
        id=uuid7(),
        seq=ledger_event.seq,
        type=event.type,
        province=province(),
        object_type=event.object_type,
        object_id=str(event.object_id),
        occurred_at=ledger_event.at,
        data=event.data,
        schema_version=event.schema_version,
    )
