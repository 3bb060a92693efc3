"""`smartvet bench` figures for core (issue 16 point 2, DOMAIN.md §12: writes in different
counties never wait on each other).

- core.ledger_two_counties_per_second: ledger writes per second of two writers at once, one
  in 夷陵区 and one in 济源市, each its own process (its own connection, no shared
  interpreter lock) committing one transaction per event. Each transaction stays open
  HOLD_SECONDS after recording, as a service's transaction does while it writes its rows and
  commits: that is the time the head stays locked, and the time another writer would wait.
  (The wait is a sleep, not CPU work, so the figure measures waiting, not how many cores the
  machine has free.) Bound: one writer alone, the same loop. Goal on PostgreSQL: ratio >= 1.6
  (the two chains' heads are separate rows). On SQLite the database has one writer at a time
  by design, so the ratio is about 1.
- core.ledger_one_county_per_second: the same two writers in one county, for contrast: they
  share the county's head, so they queue (ratio about 1, the price of one chain).

Run on a throw-away database: it writes ledger events.
"""

from __future__ import annotations

import multiprocessing
import time

from django.db import connections, transaction

from smartvet.bench import BenchContext, Result
from smartvet.core import ledger

YILING, JIYUAN = "420506107", "419001100"
HOLD_SECONDS = 0.005


def _writer(region: str, seconds: float, start, results) -> None:
    """Record one event per transaction for `seconds` after every writer is ready."""
    try:
        with transaction.atomic():  # connect and warm up outside the window
            ledger.record(actor=None, action="bench.ledger_write", region=region)
        start.wait()
        count, began = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - began) < seconds:
            with transaction.atomic():
                ledger.record(
                    actor=None, action="bench.ledger_write", region=region, summary={"n": count}
                )
                time.sleep(HOLD_SECONDS)
            count += 1
        results.put(count / elapsed)
    finally:
        connections.close_all()


def _rate(regions: list[str], seconds: float) -> float:
    """Events per second of all writers together, each writer a forked process."""
    context = multiprocessing.get_context("fork")
    connections.close_all()  # a child must open its own connection, never share the parent's
    start, results = context.Barrier(len(regions)), context.Queue()
    writers = [
        context.Process(target=_writer, args=(region, seconds, start, results))
        for region in regions
    ]
    for writer in writers:
        writer.start()
    rates = [results.get(timeout=seconds + 120) for _ in writers]
    for writer in writers:
        writer.join()
    return sum(rates)


def run(context: BenchContext) -> list[Result]:
    seconds = 2.0 * context.factor**0.5
    one = _rate([YILING], seconds)
    two_counties = _rate([YILING, JIYUAN], seconds)
    one_county = _rate([YILING, YILING], seconds)
    context.log(
        f"ledger writes/s: one writer {one:.0f}, two counties {two_counties:.0f}, "
        f"two in one county {one_county:.0f}"
    )
    return [
        Result("core.ledger_two_counties_per_second", two_counties, "events/s", "one writer", one),
        Result("core.ledger_one_county_per_second", one_county, "events/s", "one writer", one),
    ]
