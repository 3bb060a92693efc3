"""`smartvet bench --server`: the figures a county sees through the real server.

The database is filled in process by the in-process bench's own fillers
(quarantine.bench.server_plan, found by the bench command as it finds each app's `run`:
farms, a lot, immunizations, a block of tags issued to the township). Then `smartvet
serve` (gunicorn, N workers, the task worker beside it) starts on a free loopback port over
the same database, and the load driver (smartvet.bench.load, its own
process) sends concurrent clients at it. Each figure is compared with the same load on the
minimal authenticated view GET /api/v1/auth/me of the same server:

- quarantine.certificates_per_second: declaration -> acceptance -> inspection, `users`
  officials at once; bound: /auth/me requests per second with as many clients, / 3.
- quarantine.verify_per_second / quarantine.verify_p95: public verification by `users`
  clients, each request from another address behind the trusted loopback proxy, so the rate
  limiter counts as it does in the field; bound: /auth/me requests per second and p95.
- quarantine.queue_page_p95: a vet's work queue page (/quarantine/declarations/, a session
  login) while the officials work; bound: /auth/me p95.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from smartvet.bench import BenchContext, Result, p95_ms

START_SECONDS = 180  # migrate + collectstatic + gunicorn on a loaded machine


class ServerBenchError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerBenchError(f"smartvet serve exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise ServerBenchError(f"{url} did not answer within {START_SECONDS} s")


@contextlib.contextmanager
def serving(workers: int, log: Path) -> Iterator[str]:
    """`smartvet serve` over this process's database on a free loopback port, stopped (the
    task worker with it) on the way out. The loopback address is a trusted proxy, so the
    driver's X-Forwarded-For names the client the rate limiter counts."""
    port = free_port()
    env = {
        **os.environ,
        "SMARTVET_DATA_DIR": str(settings.DATA_DIR),
        "SMARTVET_TRUSTED_PROXIES": "127.0.0.1",
    }
    with open(log, "w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "smartvet",
                "serve",
                "--addr",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    host = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{host}/login/", server, log)
        yield host
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _drive(plan: dict, workdir: Path, seconds: float) -> dict:
    plan_path, out_path = workdir / "plan.json", workdir / "load.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    driver = subprocess.run(
        [sys.executable, "-m", "smartvet.bench.load", str(plan_path), str(out_path)],
        capture_output=True,
        text=True,
        # three phases, the officials' three times as long, each allowed to straggle a minute
        timeout=seconds * 6 + 300,
    )
    if driver.returncode != 0:
        raise ServerBenchError(f"load driver failed: {driver.stderr[-3000:]}")
    return json.loads(out_path.read_text(encoding="utf-8"))


def _p95(times_ms: list[float]) -> float:
    return p95_ms([t / 1000 for t in times_ms])


def figures(report: dict) -> list[Result]:
    errors = [line for phase in report.values() for line in phase["errors"]]
    if errors or "verify" not in report:
        raise ServerBenchError("requests failed under load: " + "; ".join(errors[:5]))
    me, chain, verify = report["me"], report["chain"], report["verify"]
    idle = [name for name, phase in report.items() if not phase["units"]]
    if idle:
        raise ServerBenchError("no request answered in phase " + ", ".join(idle))
    me_rps = me["units"] / me["seconds"]
    me_p95 = _p95(me["times_ms"]["me"])
    return [
        Result(
            "quarantine.certificates_per_second",
            chain["units"] / chain["seconds"],
            "1/s",
            "GET /api/v1/auth/me requests per second / 3 (same clients, same server)",
            me_rps / 3,
        ),
        Result(
            "quarantine.verify_per_second",
            verify["units"] / verify["seconds"],
            "1/s",
            "GET /api/v1/auth/me requests per second (same clients, same server)",
            me_rps,
        ),
        Result(
            "quarantine.verify_p95",
            _p95(verify["times_ms"]["verify"]),
            "ms",
            "GET /api/v1/auth/me p95 (same clients, same server)",
            me_p95,
        ),
        Result(
            "quarantine.queue_page_p95",
            _p95(chain["times_ms"].get("queue", [0.0])),
            "ms",
            "GET /api/v1/auth/me p95 (same clients, same server)",
            me_p95,
        ),
    ]


def run(ctx: BenchContext, plan: dict, *, workers: int, seconds: float) -> list[Result]:
    """Serve, drive with the plan an app's bench made (quarantine.bench.server_plan: tokens,
    a session cookie, the prepared declarations), and compute the figures."""
    users = plan["users"]
    plan = {**plan, "seconds": seconds}
    with tempfile.TemporaryDirectory(prefix="smartvet-bench-") as tmp:
        workdir = Path(tmp)
        ctx.log(f"  server: {workers} workers, {users} clients, {seconds:g} s a phase …")
        with serving(workers, workdir / "serve.log") as host:
            plan["host"] = host
            report = _drive(plan, workdir, seconds)
    return figures(report)
