"""The append-only, hash-chained ledger (DESIGN.md, Conventions; docs/decisions/0004).

Events form one hash chain per county: the chain of an event is the county of its region
(`chain_of`), so a writer locks only its county's head and writers of different counties
never wait on each other. Every service calls `record(...)` inside its own transaction, so
the event commits or rolls back with the change it describes. `verify()` walks every chain
and names the first event whose digest, link or position does not fit, and finds a chain
whose tail is gone from its head's length.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from smartvet.core import offline, outbox
from smartvet.core.access import owners_of
from smartvet.core.models import LedgerEvent, LedgerHead

GENESIS = "0" * 64
NATIONAL_CHAIN = "CN"
COUNTY_CODE_LENGTH = 6


def chain_of(region: str) -> str:
    """The chain an event of `region` joins: its county (the first six digits of a county,
    township or village code), or the region itself above county level."""
    if len(region) >= COUNTY_CODE_LENGTH and region[:COUNTY_CODE_LENGTH].isdigit():
        return region[:COUNTY_CODE_LENGTH]
    return region or NATIONAL_CHAIN


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
        event.chain,
        event.chain_seq,
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
    """Append one event. Must run inside the service's transaction (it locks the head of
    the event's chain until the transaction ends). Inside `appended_last` the event is
    complete once the block has ended."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.record must be called inside a service transaction")
    region = region or getattr(actor, "region_id", "") or ""
    owner = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        owner = next(iter(owners_of(obj)), None) if getattr(obj, "region_path", None) else None
    event = LedgerEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "system",
        role=getattr(actor, "role", "") or "",
        region=region,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        owner_id=owner,
        summary=_json_safe(summary or {}),
        client_id=offline.take_client_id(),
    )
    # what the nation is told is the object as it is now, even when appended later
    national = outbox.build(action, obj)
    pending = _pending.get()
    if pending is None:
        _append_all([(event, national)])
    else:
        pending.append((event, national))
    return event


_pending: ContextVar[list[tuple[LedgerEvent, outbox.Event | None]] | None] = ContextVar(
    "ledger_pending", default=None
)


@contextmanager
def appended_last() -> Iterator[None]:
    """The events recorded inside are appended to their chains when the block ends, still
    inside the service's transaction (decorate the service below its `transaction.atomic`).
    A chain's head is then locked from the appends to the commit instead of from the first
    event to the commit: officials of one county issuing certificates at once do their work
    side by side and queue only for the appends (issue 16 point 2; decision 0004). A block
    that raises appends nothing; a block inside another leaves the appends to the outer."""
    if _pending.get() is not None:
        yield
        return
    pending: list[tuple[LedgerEvent, outbox.Event | None]] = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        _append_all(pending)


def _append_all(pending: list[tuple[LedgerEvent, outbox.Event | None]]) -> None:
    """Events (one, or a block's) at the ends of their chains, numbered and dated under
    their heads' locks, so a chain's positions, numbers and times follow one another. Each
    chain's head is locked once, in the chains' order (two blocks that write the same
    counties cannot lock them crosswise), the events are inserted together and each head
    moves once. A nationally relevant write tells the nation in its transaction."""
    chains = sorted({chain_of(event.region) for event, _ in pending})
    heads = {chain: _locked_head(chain) for chain in chains}
    numbers = _next_numbers(heads[chains[0]], len(pending))
    for (event, _), number in zip(pending, numbers, strict=True):
        _link(event, heads[chain_of(event.region)], number)
    LedgerEvent.objects.bulk_create([event for event, _ in pending])
    for head in heads.values():
        LedgerHead.objects.filter(pk=head.pk).update(seq=head.seq, digest=head.digest)
    for event, national in pending:
        if national is not None:
            outbox.store(event, national)


def _link(event: LedgerEvent, head: LedgerHead, number: int) -> None:
    """Number, date and chain `event` after its (locked) head, and move the head in memory."""
    event.id = event.seq = number
    event.chain = head.chain
    event.chain_seq = head.seq + 1
    event.at = timezone.now()
    event.prev_digest = head.digest
    event.digest = digest_of(event)
    head.seq, head.digest = event.chain_seq, event.digest


def _locked_head(chain: str) -> LedgerHead:
    """The chain's head, locked until the transaction ends; a chain's first writer makes it
    (ON CONFLICT DO NOTHING: two first writers of one county both end up on the one row).
    On SQLite the head brings the next number with it (`_next_numbers`)."""
    heads = LedgerHead.objects.select_for_update()
    if connection.vendor != "postgresql":
        heads = heads.annotate(next_number=RawSQL(LARGEST_PLUS_ONE, ()))
    head = heads.filter(chain=chain).first()
    if head is None:
        LedgerHead.objects.bulk_create(
            [LedgerHead(chain=chain, seq=0, digest=GENESIS)], ignore_conflicts=True
        )
        head = heads.get(chain=chain)
    return head


LARGEST_PLUS_ONE = "SELECT COALESCE(MAX(id), 0) + 1 FROM core_ledgerevent"


def _next_numbers(head: LedgerHead, count: int) -> list[int]:
    """The next `count` numbers across chains, ascending, taken without a lock that lasts
    the transaction: PostgreSQL's sequence of the id, once the head is locked (nextval never
    waits and is never rolled back, so numbers may skip, but within a chain they follow the
    positions); SQLite has one writer at a time (IMMEDIATE transactions), so they follow the
    largest, read with the (first) head in one statement."""
    if connection.vendor != "postgresql":
        return list(range(head.next_number, head.next_number + count))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('core_ledgerevent', 'id')) "
            "FROM generate_series(1, %s)",
            [count],
        )
        return sorted(row[0] for row in cursor.fetchall())


@dataclass(frozen=True)
class ChainBreak:
    """Where a chain stops fitting: `position` in `chain`; `seq` the number of the event at
    fault (None when it is gone: a deleted tail)."""

    chain: str
    position: int
    reason: str
    seq: int | None = None


def verify(batch_size: int = 5000) -> ChainBreak | None:
    """Walk every chain in order; return the first break by the events' numbers (the
    earliest written), or None when all are intact."""
    heads = {head.chain: head for head in LedgerHead.objects.all()}
    walks: dict[str, _Walk] = {}
    events = LedgerEvent.objects.order_by("chain", "chain_seq").iterator(chunk_size=batch_size)
    for event in events:
        walk = walks.setdefault(event.chain, _Walk(event.chain))
        walk.take(event)
    for chain in heads.keys() | walks.keys():
        walks.setdefault(chain, _Walk(chain)).end(heads.get(chain))
    breaks = [walk.breaks for walk in walks.values() if walk.breaks]
    if not breaks:
        return None
    return min(breaks, key=lambda found: (found.seq is None, found.seq or 0, found.chain))


@dataclass
class _Walk:
    """One chain's walk: the position and digest expected next, and the first break."""

    chain: str
    position: int = 1
    previous: str = GENESIS
    breaks: ChainBreak | None = None

    def take(self, event: LedgerEvent) -> None:
        if self.breaks:
            return
        if event.chain_seq != self.position:
            self.breaks = ChainBreak(self.chain, self.position, "missing", event.seq)
        elif event.prev_digest != self.previous:
            self.breaks = ChainBreak(self.chain, self.position, "link", event.seq)
        elif digest_of(event) != event.digest:
            self.breaks = ChainBreak(self.chain, self.position, "altered", event.seq)
        else:
            self.previous = event.digest
            self.position += 1

    def end(self, head: LedgerHead | None) -> None:
        """Compare the walked chain with its head: a head that counts more events than are
        left lost its tail; events past the head's count (or without a head) were added
        behind the ledger's back."""
        if self.breaks:
            return
        walked = self.position - 1
        if head is not None and head.seq > walked:
            self.breaks = ChainBreak(self.chain, self.position, "truncated")
        elif head is None or head.seq < walked or head.digest != self.previous:
            # the first event the head does not vouch for
            position = 1 if head is None else min(head.seq + 1, max(walked, 1))
            event = LedgerEvent.objects.filter(chain=self.chain, chain_seq=position)
            seq = event.values_list("seq", flat=True).first()
            self.breaks = ChainBreak(self.chain, position, "unheaded", seq)
