"""`smartvet serve` as a county runs it: a fresh data dir, the Chinese login page from the
production server, and the background task worker and the periodic jobs' loop started and
stopped with it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# The server runs on SQLite in a data dir of its own, whichever database the suite uses.
pytestmark = pytest.mark.any_database


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[tuple[int, str]]:
    """Every descendant of pid with its command line (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            child = int(entry.name)
            found.append((child, cmdline))
            found.extend(_children(child))
    return found


def _wait_for_page(url: str, server: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_serve_answers_in_chinese_and_runs_the_task_worker_and_the_periodic_jobs(tmp_path):
    port = _free_port()
    env = {**os.environ, "SMARTVET_DATA_DIR": str(tmp_path)}
    for name in ("SMARTVET_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    server = subprocess.Popen(
        [sys.executable, "-m", "smartvet", "serve", "--addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _wait_for_page(f"http://127.0.0.1:{port}/login/", server, 120)
        assert '<html lang="zh-hans"' in page and "登录" in page
        children = _children(server.pid)
        beside = [pid for pid, cmd in children if cmd.split()[-1:] in (["db_worker"], ["periodic"])]
        assert sorted(cmd.split()[-1] for pid, cmd in children if pid in beside) == [
            "db_worker",
            "periodic",
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    for pid in beside:
        assert not Path(f"/proc/{pid}").exists(), "a process beside the server outlived it"
