"""Keys unique across provinces: the id sequence of every table a province publishes runs in
the province's own block, [code × 10^16, (code + 1) × 10^16), so the hub holds every
province's rows under the ids they were given (decision 0009). The block is the sequence's
MINVALUE and MAXVALUE too: a sequence reset to 1 (or run past its block) fails loudly instead
of handing out another province's ids.

Only the published tables: their ids are never typed by anyone (certificates go by number),
while the ids people do pass (a farm, a declaration) stay below core.bounds.MAX_ID."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from smartvet.exchange.federation import this_province

BLOCK = 10**16  # ids per province: 82 × 10^16 < 2^63, and 10^16 rows is ages of writes


def block(province: str) -> tuple[int, int]:
    first = int(province) * BLOCK
    return first, first + BLOCK - 1


def after_migrate(*, using: str = "default", **_signal) -> None:
    """post_migrate: a province's PostgreSQL database keeps its sequences in its block."""
    if settings.SMARTVET_PROVINCE and connections[using].vendor == "postgresql":
        from smartvet.exchange.federation import replication

        offset_sequences(this_province(), replication.published_tables(), using=using)


def offset_sequences(province: str, tables: list[str], *, using: str = "default") -> int:
    """Move the id sequences of `tables` into the province's block (those already in it keep
    their place); the number moved. Idempotent."""
    first, last = block(province)
    moved = 0
    with connections[using].cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT s.seqrelid::regclass::text, s.seqmin, s.seqmax FROM pg_sequence s "
                "WHERE s.seqrelid = pg_get_serial_sequence(%s, 'id')::regclass",
                [table],
            )
            name, low, high = cursor.fetchone()
            if (low, high) == (first, last):
                continue
            # In the block already (last_value ≥ first) it goes on from where it is.
            cursor.execute(
                f"SELECT setval(%s, greatest(last_value, %s), last_value >= %s) FROM {name}",
                [name, first, first],
            )
            cursor.execute(
                f"ALTER SEQUENCE {name} MINVALUE {first} MAXVALUE {last} START WITH {first}"
            )
            moved += 1
    return moved
