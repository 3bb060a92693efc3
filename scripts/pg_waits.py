"""What the PostgreSQL backends of one database wait for, sampled while a load runs.

    python scripts/pg_waits.py DSN SECONDS OUT.json

Every 20 ms for SECONDS: each backend of the database that is not idle, counted by state and
wait event; the ones waiting for a lock also by the first 60 characters of their statement.
Used to say which row a benchmark's writers queue on (docs/decisions/0004)."""

from __future__ import annotations

import collections
import json
import sys
import time

import psycopg

SAMPLE = (
    "SELECT state, wait_event_type, wait_event, left(query, 60) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'"
)


def main(dsn: str, seconds: float, out: str) -> None:
    states: collections.Counter[str] = collections.Counter()
    locks: collections.Counter[str] = collections.Counter()
    samples = 0
    with psycopg.connect(dsn, autocommit=True) as conn:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            rows = conn.execute(SAMPLE).fetchall()
            samples += bool(rows)
            for state, kind, event, statement in rows:
                states[f"{state}/{kind}/{event}"] += 1
                if kind == "Lock":
                    locks[statement] += 1
            time.sleep(0.02)
    report = {
        "samples": samples,
        "states": states.most_common(),
        "lock_waits_by_statement": locks.most_common(8),
    }
    with open(out, "w") as file:
        json.dump(report, file, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
