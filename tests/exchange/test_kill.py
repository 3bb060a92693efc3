"""Issue 14 "done when": killing the deliverer or the reference receiver with SIGKILL at any
moment, while farms are being registered, loses no event and makes none appear twice at the
receiver. Real processes: `smartvet national-receiver`, `smartvet exchange deliver --loop`
and a writer registering farms through the registry's service, on a SQLite site of their
own; the test kills one of the two at random moments (seeded, so a failure can be replayed)
and starts it again."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

# The site is a SQLite data dir of its own: `make test` runs this in the SQLite pass only.
pytestmark = pytest.mark.any_database

FARMS = 400
KILLS = 12
TOKEN = "kill-test-token"

WRITER = """
import time
from smartvet.core.models import User
from tests.support.factories import make_farm
station = User.objects.get(username="station_longquan")
for n in range({farms}):
    make_farm(station, name=f"压力测试养殖场{{n}}")
    time.sleep(0.05)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smartvet(env, *args, **popen):
    return subprocess.Popen(
        [sys.executable, "-m", "smartvet", *args], env=env, start_new_session=True, **popen
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("outbox-kill")
    port = _free_port()
    env = {**os.environ, "SMARTVET_DATA_DIR": str(data_dir), "SMARTVET_NATIONAL_TOKEN": TOKEN}
    env["SMARTVET_NATIONAL_URL"] = f"http://127.0.0.1:{port}/events"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # the writer uses tests.support
    for name in ("SMARTVET_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    for args in (
        ["migrate", "-v0"],
        ["shell", "-c", "from smartvet.core import demo; demo.load('pw')"],
    ):
        assert _smartvet(env, *args).wait(timeout=600) == 0
    return {"env": env, "dir": data_dir, "port": port, "store": data_dir / "national.jsonl"}


class Child:
    """One of the two processes under test, killed and started again at will."""

    def __init__(self, site, *args):
        self.site, self.args, self.process, self.kills = site, args, None, 0
        self.log = open(site["dir"] / f"{args[0]}.log", "ab")  # noqa: SIM115

    def start(self):
        self.process = _smartvet(self.site["env"], *self.args, stdout=self.log, stderr=self.log)

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.kills += 1


def _db(site) -> sqlite3.Connection:
    return sqlite3.connect(site["dir"] / "smartvet.sqlite3", timeout=30)


def _pending(site) -> int:
    with _db(site) as db:
        return db.execute(
            "SELECT count(*) FROM core_outboxevent WHERE acknowledged_at IS NULL"
        ).fetchone()[0]


def _ids(site) -> list[str]:
    with _db(site) as db:
        # SQLite keeps a UUID as 32 hex digits
        return [str(uuid.UUID(row[0])) for row in db.execute("SELECT id FROM core_outboxevent")]


def _wait_for_receiver(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the receiver did not start")


def _send_waiting_now(site) -> None:
    """What the administrator's 立即重新发送 does: the test need not sit out the backoff
    that the receiver's downtime caused."""
    with _db(site) as db:
        db.execute("UPDATE core_outboxevent SET next_attempt_at = NULL")


@pytest.mark.skipif(not Path("/usr/bin/env").exists(), reason="needs a POSIX system")
def test_sigkill_of_deliverer_or_receiver_loses_nothing_and_doubles_nothing(site):
    rng = random.Random(14)
    receiver = Child(
        site,
        "national-receiver",
        "--addr",
        f"127.0.0.1:{site['port']}",
        "--store",
        str(site["store"]),
    )
    # small batches: many POSTs in flight for a kill to cut
    deliverer = Child(site, "exchange", "deliver", "--loop", "--idle", "0.05", "--batch", "5")
    writer = _smartvet(site["env"], "shell", "-c", WRITER.format(farms=FARMS))
    receiver.start()
    _wait_for_receiver(site["port"])
    deliverer.start()
    try:
        # kills all through the writer's stream, at least KILLS of them
        while writer.poll() is None or receiver.kills + deliverer.kills < KILLS:
            time.sleep(rng.uniform(0.5, 4))  # a fresh process takes a second or two to start
            victim = rng.choice([receiver, deliverer])
            victim.kill()
            time.sleep(rng.uniform(0, 0.3))
            victim.start()
            if victim is receiver:
                _wait_for_receiver(site["port"])
                _send_waiting_now(site)
        assert writer.wait(timeout=600) == 0
        deadline = time.monotonic() + 120
        while _pending(site) and time.monotonic() < deadline:
            _send_waiting_now(site)
            time.sleep(0.5)
    finally:
        for child in (deliverer, receiver):
            if child.process and child.process.poll() is None:
                child.kill()
        if writer.poll() is None:
            os.killpg(writer.pid, signal.SIGKILL)
    assert receiver.kills and deliverer.kills
    assert _pending(site) == 0
    stored = [json.loads(line)["id"] for line in site["store"].read_text().splitlines()]
    written = _ids(site)
    assert len(written) >= FARMS  # one farm.registered each
    assert len(stored) == len(set(stored)), "an event appears twice at the receiver"
    assert set(stored) == set(written), "an event was lost"
    with _db(site) as db:
        tries = db.execute("SELECT attempts, count(*) FROM core_outboxevent GROUP BY 1").fetchall()
    print(f"kills: receiver {receiver.kills}, deliverer {deliverer.kills}; attempts {tries}")
