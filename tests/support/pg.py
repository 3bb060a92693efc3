"""A throw-away PostgreSQL cluster for the test run, on a free loopback port.

initdb refuses to run as root, so as root the cluster runs as the `postgres` system user
with its data dir owned by that user (DESIGN.md, facts of the machines). It is stopped and
removed when the process that started it exits."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import dj_database_url

URL_VARIABLE = "SMARTVET_PG_URL"


def binaries() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    return Path(candidates[-1]).parent if candidates else None


def wanted() -> bool:
    return os.environ.get("SMARTVET_TEST_DB", "sqlite") == "postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def start_cluster() -> str:
    bindir = binaries()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin")
    workdir = Path(tempfile.mkdtemp(prefix="smartvet-pg-"))
    data = workdir / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
    port = _free_port()
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        _as_cluster_owner(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                # A linguistic collation, as a county's server in a Chinese locale has: code
                # that assumes ASCII ordering of strings fails here, not in production.
                "--locale=C.UTF-8",
                "--locale-provider=icu",
                "--icu-locale=zh",
                "--no-sync",
            ]
        ),
        **run,
    )
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
        "-c wal_level=logical"
    )
    subprocess.run(
        _as_cluster_owner(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(workdir / "log"),
                "-w",
                "start",
            ]
        ),
        **run,
    )

    def stop() -> None:
        subprocess.run(
            _as_cluster_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)

    atexit.register(stop)
    return f"postgres://postgres@127.0.0.1:{port}/postgres"


def configure_test_database() -> dict | None:
    """The PostgreSQL settings for this run, starting the cluster once per run; None when
    the run is on SQLite or the binaries are missing (the conftest then skips or fails)."""
    if not wanted():
        return None
    url = os.environ.get(URL_VARIABLE)
    if not url:
        if binaries() is None:
            return None
        url = start_cluster()
        os.environ[URL_VARIABLE] = url
    return dj_database_url.parse(url, conn_max_age=0)
