"""The append-only, hash-chained ledger (DESIGN.md, Conventions).

Every service calls `record(...)` inside its own transaction, so the event commits or rolls
back with the change it describes. `verify()` walks the chain and names the first event
whose digest, link or number does not fit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import transaction
from django.utils import timezone

from smartvet.core.access import owners_of
from smartvet.core.models import LedgerEvent, LedgerHead

GENESIS = "0" * 64


def _canonical(event: LedgerEvent) -> bytes:
    body = [
        event.seq,
        event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        event.actor_name,
        event.role,
        event.region,
        event.action,
        event.object_type,
        event.object_id,
        event.summary,
        event.prev_digest,
    ]
    if event.owner_id is not None:  # events written before owners were kept have none
        body.append(event.owner_id)
    return json.dumps(
        body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode()


def digest_of(event: LedgerEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _json_safe(value: Any) -> Any:
    """Summaries are stored as JSON; dates, decimals and lazy strings become text."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    region: str = "",
    summary: dict[str, Any] | None = None,
    object_type: str = "",
    object_id: Any = "",
) -> LedgerEvent:
    """Append one event. Must run inside the service's transaction (it locks the head)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.record must be called inside a service transaction")
    head = LedgerHead.objects.select_for_update().get(pk=1)
    owner = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        owner = next(iter(owners_of(obj)), None) if getattr(obj, "region_path", None) else None
    event = LedgerEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "system",
        role=getattr(actor, "role", "") or "",
        region=region or getattr(actor, "region_id", "") or "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        owner_id=owner,
        summary=_json_safe(summary or {}),
        prev_digest=head.digest,
    )
    event.digest = digest_of(event)
    event.save(force_insert=True)
    LedgerHead.objects.filter(pk=1).update(seq=event.seq, digest=event.digest)
    return event


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def verify(batch_size: int = 5000) -> ChainBreak | None:
    """Walk the chain in order; return the first break, or None when it is intact."""
    expected_seq = 1
    previous = GENESIS
    events = LedgerEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    for event in events:
        if event.seq != expected_seq:
            return ChainBreak(expected_seq, "missing")
        if event.prev_digest != previous:
            return ChainBreak(event.seq, "link")
        if digest_of(event) != event.digest:
            return ChainBreak(event.seq, "altered")
        previous = event.digest
        expected_seq += 1
    head = LedgerHead.objects.get(pk=1)
    if head.seq != expected_seq - 1 or head.digest != previous:
        return ChainBreak(expected_seq, "truncated")
    return None
