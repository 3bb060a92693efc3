"""Replication lag under a steady write load (issue 14 point 7), on the bench's PostgreSQL
database: a publication of a table of certificate-sized rows, subscribed from a second
database of the same cluster (a stand-in for the hub: the same walsender, decoding and apply
path, without a network). Each row carries the moment it was written; the subscriber's copy
adds the moment it was applied (a column the publisher does not have takes its default). The
p95 of the difference is compared with the 2 s in which a certificate issued in one province
must be verifiable in another. Called by exchange/bench.py; on SQLite there is nothing to do."""

from __future__ import annotations

import secrets
import statistics
import threading
import time

import psycopg
from django.db import connection

from smartvet.bench import BenchContext, Result

TABLE = "smartvet_bench_replication"
RATE = 50  # rows a second, a province's busiest hour of certificates ×10
SECONDS = 20
ROW = 1500  # bytes of text: a certificate row with its tag claims

SCHEMA = (
    f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, sent timestamptz NOT NULL, body text)",
    f"ALTER TABLE {TABLE} ADD COLUMN applied timestamptz DEFAULT clock_timestamp()",
)


def _dsn(database: str) -> str:
    settings = connection.settings_dict
    parts = {
        "host": settings["HOST"] or "",
        "port": str(settings["PORT"] or ""),
        "user": settings["USER"] or "",
        "password": settings["PASSWORD"] or "",
        "dbname": database,
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


def _write(dsn: str, stop: threading.Event) -> int:
    """Steady inserts at RATE a second until stopped; the number written."""
    body = secrets.token_hex(ROW // 2)
    written = 0
    with psycopg.connect(dsn, autocommit=True) as conn:
        start = time.monotonic()
        while not stop.is_set():
            conn.execute(
                f"INSERT INTO {TABLE} (id, sent, body) VALUES (%s, clock_timestamp(), %s)",
                [written, body],
            )
            written += 1
            time.sleep(max(0.0, start + written / RATE - time.monotonic()))
    return written


def run(ctx: BenchContext) -> list[Result]:
    if connection.vendor != "postgresql":
        return []
    source = connection.settings_dict["NAME"]
    replica = f"{source}_bench_hub"[:63]
    name = f"smartvet_bench_{secrets.token_hex(3)}"
    with psycopg.connect(_dsn(source), autocommit=True) as main:
        if main.execute("SHOW wal_level").fetchone()[0] != "logical":
            ctx.log("replication lag: skipped (wal_level is not logical)")
            return []
        main.execute(f"DROP TABLE IF EXISTS {TABLE}")
        main.execute(SCHEMA[0])
        main.execute(f"CREATE PUBLICATION {name} FOR TABLE {TABLE}")
        main.execute(f'DROP DATABASE IF EXISTS "{replica}"')
        main.execute(f'CREATE DATABASE "{replica}"')
        # A subscription to a database of its own cluster needs its slot made beforehand.
        main.execute("SELECT pg_create_logical_replication_slot(%s, 'pgoutput')", [name])
        try:
            lags = _measure(ctx, source, replica, name)
        finally:
            main.execute(f'DROP DATABASE IF EXISTS "{replica}" WITH (FORCE)')
            main.execute(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                "WHERE slot_name = %s",
                [name],
            )
            main.execute(f"DROP PUBLICATION IF EXISTS {name}")
            main.execute(f"DROP TABLE IF EXISTS {TABLE}")
    p95 = statistics.quantiles(lags, n=20)[-1] * 1000
    median = statistics.median(lags) * 1000
    ctx.log(f"replication lag: {len(lags)} rows at {RATE}/s, median {median:.1f} ms")
    return [
        Result(
            "exchange.federation_lag_p95",
            p95,
            "ms",
            "a certificate verifiable in another province within 2 s",
            2000,
        )
    ]


def _measure(ctx: BenchContext, source: str, replica: str, name: str) -> list[float]:
    with psycopg.connect(_dsn(replica), autocommit=True) as hub:
        for statement in SCHEMA:
            hub.execute(statement)
        conninfo, slot = _literal(hub, _dsn(source)), _literal(hub, name)
        hub.execute(
            f"CREATE SUBSCRIPTION {name} CONNECTION {conninfo} PUBLICATION {name} "
            f"WITH (create_slot = false, slot_name = {slot}, copy_data = false)"
        )
        try:
            time.sleep(1)  # the apply worker starts
            stop = threading.Event()
            done: list[int] = []
            writer = threading.Thread(target=lambda: done.append(_write(_dsn(source), stop)))
            writer.start()
            time.sleep(SECONDS)
            stop.set()
            writer.join()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if hub.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] >= done[0]:
                    break
                time.sleep(0.1)
            rows = hub.execute(f"SELECT extract(epoch FROM applied - sent) FROM {TABLE}")
            return [float(lag) for (lag,) in rows.fetchall()]
        finally:
            hub.execute(f"ALTER SUBSCRIPTION {name} DISABLE")
            hub.execute(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
            hub.execute(f"DROP SUBSCRIPTION {name}")


def _literal(conn, value: str) -> str:
    return conn.execute("SELECT quote_literal(%s)", [value]).fetchone()[0]
