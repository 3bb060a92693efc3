"""Crash safety with real processes (DOMAIN.md §13, issue 16 point 6): `smartvet serve` on
127.0.0.1 is killed with SIGKILL — the whole process group, web workers and task worker
alike, as a power cut would — in the middle of a 100,000-row import and in the middle of
issuing certificates. Nothing may be half-written, and the next start is clean: the ledger
verifies, no range of the import exists, no tag travels without its certificate, and the
import is shown as failed rather than running for ever.

The same tests run on SQLite (a data dir) and, in the PostgreSQL pass, on a fresh database of
the test run's cluster (the database server stays up: the application's processes die).

The moment of the kill is taken from the database itself: SQLite's write-ahead log grows by
megabytes only while the import's one transaction inserts its ranges; on PostgreSQL the
import's COPY of ranges is running, or its transaction holds the ranges' block lock."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

START_SECONDS = 180
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fresh_postgres_database() -> str:
    """A database of its own on the test run's cluster, for the server under test."""
    url = os.environ["SMARTVET_PG_URL"]
    name = f"crash_{os.getpid()}_{time.monotonic_ns()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


def _env(data_dir: Path) -> dict:
    env = {**os.environ, "SMARTVET_DATA_DIR": str(data_dir)}
    for name in ("SMARTVET_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    if ON_POSTGRES:
        env["DATABASE_URL"] = _fresh_postgres_database()
    return env


def _read(site, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows read from the site's database without writing, as the server runs."""
    if ON_POSTGRES:
        with psycopg.connect(site["env"]["DATABASE_URL"], autocommit=True) as db:
            return db.execute(sql, params).fetchall()
    database = site["dir"] / "smartvet.sqlite3"
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return db.execute(sql.replace("%s", "?"), params).fetchall()


def _smartvet(
    env: dict, *args: str, check: bool = True, timeout: int = 300
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "smartvet", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check:
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def _shell(env: dict, code: str) -> dict:
    """Run `code` in the site's Django (smartvet shell); it prints one JSON line last."""
    out = _smartvet(env, "shell", "-c", code).stdout.strip().splitlines()
    return json.loads(out[-1])


class Server:
    """`smartvet serve` in a process group of its own, so one SIGKILL takes all of it."""

    def __init__(self, env: dict, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "a") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "smartvet", "serve", "--addr", f"127.0.0.1:{self.port}"],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{self.url}/login/", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise AssertionError(f"smartvet serve did not answer within {START_SECONDS} s")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


SETUP = """
import json
from smartvet.bench import BenchContext
from smartvet.core.models import User
from smartvet.eartags import bench as eartags_bench
from smartvet.quarantine import bench as quarantine_bench
station, vet, farms, _network, base = quarantine_bench.setup(BenchContext("small", "sqlite"), 12)
open("{workbook}", "wb").write(eartags_bench._workbook(100_000))
print(json.dumps({{
    "station": quarantine_bench.bearer_token(station),
    "vet": quarantine_bench.bearer_token(vet),
    "farm": farms[0].pk,
    "codes": [quarantine_bench.tag_code(base + i) for i in range(120)],
}}))
"""

STATE = """
import json
from django.db import connection
from smartvet.core.models import LedgerEvent
from smartvet.eartags.models import ImportBatch, ImportJob, TagClaim, TagRange
from smartvet.quarantine.models import Certificate, Declaration
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
numbers = set(Certificate.objects.values_list("number", flat=True))
transit = TagClaim.objects.filter(status="in_transit")
print(json.dumps({
    "ranges": TagRange.objects.count(),
    "batches": ImportBatch.objects.count(),
    "jobs": {str(pk): status for pk, status in ImportJob.objects.values_list("pk", "status")},
    # what people did: the periodic jobs beside the server (e.g. missing zero reports) write
    # system events of their own while it runs
    "events": LedgerEvent.objects.exclude(actor=None).count(),
    "certificates": len(numbers),
    "certified": Declaration.objects.filter(status="certified").count(),
    "transit_without_certificate": transit.exclude(certificate_no__in=numbers).count(),
    "short_certificates": [
        c.number for c in Certificate.objects.all()
        if TagClaim.objects.filter(certificate_no=c.number, status="in_transit").count()
        != c.quantity
    ],
}))
"""

QUEUE_IMPORT = """
import json
from smartvet.core.models import User
from smartvet.eartags import services
job = services.start_import_job(
    actor=User.objects.get(username="county_supervisor"),
    data=open("{workbook}", "rb").read(),
    filename="100000.xlsx",
)
print(json.dumps({{"job": job.pk}}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A data dir with the demo accounts, the quarantine bench's farms and tags, and a
    100,000-row stock workbook."""
    data_dir = tmp_path_factory.mktemp("crash")
    env = _env(data_dir)
    _smartvet(env, "migrate", "-v0", timeout=900)  # every migration, on PostgreSQL minutes
    _smartvet(env, "shell", "-c", "from smartvet.core import demo; demo.load('crash-pw')")
    workbook = data_dir / "100000.xlsx"
    facts = _shell(env, SETUP.format(workbook=workbook))
    return {"env": env, "dir": data_dir, "workbook": workbook, **facts}


def _state(site) -> dict:
    return _shell(site["env"], STATE)


def _wait_until_running(site, job: int, seconds: float) -> bool:
    """The task worker has taken the import job."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = _read(site, "SELECT status FROM eartags_importjob WHERE id = %s", (job,))
        if rows and rows[0][0] == "running":
            return True
        time.sleep(0.01)
    return False


def _kill_when(server: Server, writing, seconds: float) -> bool:
    """SIGKILL the server once `writing()` says the import's transaction is writing; False
    if that did not happen within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if writing():
            server.kill()
            return True
        time.sleep(0.005)
    return False


def _import_writing(site):
    """SQLite: the write-ahead log has grown by 4 MB from now. PostgreSQL: the ranges' COPY
    runs, or a transaction holds the block lock its trigger takes (eartags migration 0007)."""
    if ON_POSTGRES:
        probe = (
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND query LIKE 'COPY eartags_tagrange%%' "
            "UNION ALL SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 8405"
        )
        return lambda: bool(_read(site, probe))
    wal = site["dir"] / "smartvet.sqlite3-wal"
    start = wal.stat().st_size if wal.exists() else 0
    return lambda: wal.exists() and wal.stat().st_size > start + 4 * 1024 * 1024


def _clean_restart(site) -> None:
    """The next start answers, and the ledger verifies."""
    server = Server(site["env"], site["dir"] / "serve.log")
    server.stop()
    verified = _smartvet(site["env"], "verify-ledger", check=False)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_server_killed_during_a_100000_row_import_leaves_nothing_half_written(site):
    before = _state(site)  # also empties the write-ahead log
    server = Server(site["env"], site["dir"] / "serve.log")
    try:
        job = _shell(site["env"], QUEUE_IMPORT.format(workbook=site["workbook"]))["job"]
        # the periodic jobs beside the server write too: wait for the import to run first
        assert _wait_until_running(site, job, 120)
        killed = _kill_when(server, _import_writing(site), 120)
    finally:
        server.stop()
    assert killed, "the import never reached its write transaction"

    _clean_restart(site)
    after = _state(site)
    assert after["ranges"] == before["ranges"] and after["batches"] == before["batches"]
    # queued (one event) but never registered: the job is failed, not running for ever
    assert after["events"] == before["events"] + 1
    assert after["jobs"][str(job)] == "failed"


def test_a_server_killed_while_issuing_certificates_leaves_no_tag_without_one(site):
    server = Server(site["env"], site["dir"] / "serve.log")
    try:
        station = {"Authorization": f"Bearer {site['station']}"}
        vet = {"Authorization": f"Bearer {site['vet']}"}
        departure = time.strftime("%Y-%m-%d", time.localtime(time.time() + 3 * 86400))
        accepted = []
        for i in range(12):
            body = {
                "farm": site["farm"],
                "category": "fattening_pig",
                "quantity": 10,
                "purpose": "slaughter",
                "destination": {"region": "419001", "place": "济源市交易市场", "kind": "market"},
                "departure_date": departure,
                "vehicle": "豫U·B0001",
                "ear_tags": site["codes"][i * 10 : i * 10 + 10],
            }
            created = requests.post(
                f"{server.url}/api/v1/declarations", json=body, headers=station, timeout=30
            )
            assert created.status_code < 300, created.text
            number = created.json()["id"]
            answer = requests.post(
                f"{server.url}/api/v1/declarations/{number}/accept", headers=vet, timeout=30
            )
            assert answer.status_code < 300, answer.text
            accepted.append(number)

        issued = []

        def inspect(number: int) -> None:
            try:
                answer = requests.post(
                    f"{server.url}/api/v1/declarations/{number}/inspect",
                    json={"result": "pass"},
                    headers=vet,
                    timeout=60,
                )
            except requests.RequestException:
                return  # the server died under it
            if answer.status_code < 300:
                issued.append(number)

        threads = [threading.Thread(target=inspect, args=(n,)) for n in accepted]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while not issued and time.monotonic() < deadline:
            time.sleep(0.002)
        server.kill()  # some certificates issued, the others on their way
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.stop()
    assert issued and len(issued) < len(accepted), "the kill did not fall among the inspections"

    _clean_restart(site)
    after = _state(site)
    assert after["certificates"] == after["certified"] >= len(issued)
    assert after["transit_without_certificate"] == 0
    assert after["short_certificates"] == []
