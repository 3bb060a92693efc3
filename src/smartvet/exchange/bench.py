"""`smartvet bench` figures for the outbox's delivery (issue 14 point 7).

- exchange.delivered_per_second: events written to the outbox (2,000 x factor, synthetic
  farm.registered events) delivered to the reference receiver, `smartvet national-receiver`
  in a process of its own on loopback, in the deliverer's batches of 200: read, POST, fsync
  at the receiver, acknowledged. Bound: the receiver's own rate for a bare POST (an empty
  batch on the same kept-alive connection) times the batch size — what delivery would reach
  if a full batch cost the receiver no more than an empty one and the outbox nothing.
- exchange.delivered_per_second_one_by_one: the same with batches of one event. Bound: the
  receiver's bare POSTs per second.

Run on a throw-away database: it writes (and removes its events afterwards).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from smartvet.bench import BenchContext, Result
from smartvet.core import outbox
from smartvet.core.models import OutboxEvent
from smartvet.exchange import delivery
from smartvet.exchange.federation import bench as federation_bench

# Above any ledger number, a province's id block (decision 0009: up to 99 x 10^16) included,
# so no real event shares a synthetic one's.
SEQ_BASE = 9 * 10**18


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _receiver(store: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = ["national-receiver", "--addr", f"127.0.0.1:{port}", "--store", str(store)]
    process = subprocess.Popen(
        [sys.executable, "-m", "smartvet", *command, "--token", "bench"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/events"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the reference receiver did not start")


def _fill(count: int, start: int) -> None:
    now = timezone.now() - timedelta(minutes=1)
    OutboxEvent.objects.bulk_create(
        [
            OutboxEvent(
                id=outbox.uuid7(),
                seq=SEQ_BASE + start + n,
                type="farm.registered",
                province=outbox.province(),
                object_type="farm",
                object_id=str(n),
                occurred_at=now,
                data={
                    "code": f"420506107{n:08d}",
                    "name": f"基准养殖场{n}",
                    "kind": "scale",
                    "region": "420506107201",
                    "complete": True,
                    "stock": {"sow": 50, "fattening_pig": 200},
                },
            )
            for n in range(count)
        ],
        batch_size=1000,
    )


def _delivered_per_second(platform: delivery.Platform, count: int, start: int, size: int):
    _fill(count, start)
    began = time.perf_counter()
    sent = delivery.run(platform, loop=False, size=size)
    elapsed = time.perf_counter() - began
    assert sent == count, f"delivered {sent} of {count}"
    return count / elapsed


def _bare_posts_per_second(platform: delivery.Platform, seconds: float = 2.0) -> float:
    body, count = b'{"events": []}', 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        assert platform.post(body).acknowledged
        count += 1
    return count / (time.perf_counter() - began)


def run(ctx: BenchContext) -> list[Result]:
    events = 2000 * ctx.factor
    one_by_one = min(events // 4, 2000)
    with tempfile.TemporaryDirectory(prefix="smartvet-bench-national-") as folder:
        process, url = _receiver(Path(folder) / "national.jsonl")
        platform = delivery.Platform(url, "bench")
        try:
            delivery.run(platform, loop=False)  # the other apps' bench writes, untimed
            _bare_posts_per_second(platform, 0.5)  # warm up
            bare = _bare_posts_per_second(platform)
            batched = _delivered_per_second(platform, events, 0, delivery.BATCH)
            single = _delivered_per_second(platform, one_by_one, events, 1)
        finally:
            platform.close()
            process.kill()
            process.wait()
            OutboxEvent.objects.filter(seq__gte=SEQ_BASE).delete()
    ctx.log(f"exchange: {events} events in batches, {one_by_one} one by one")
    return [
        Result(
            "exchange.delivered_per_second",
            batched,
            "events/s",
            f"reference receiver's bare POSTs/s x batch {delivery.BATCH}",
            bare * delivery.BATCH,
        ),
        Result(
            "exchange.delivered_per_second_one_by_one",
            single,
            "events/s",
            "reference receiver's bare POSTs/s",
            bare,
        ),
        # Replication lag to a subscriber (PostgreSQL with wal_level=logical; else none).
        *federation_bench.run(ctx),
    ]
