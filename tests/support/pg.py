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


class Cluster:
    """One throw-away cluster on a free loopback port, in its own temporary directory: made
    by `initdb` or copied from another cluster's (stopped) data dir, started and stopped at
    will (the federation tests stop a province or the hub and bring it back), removed at the
    end."""

    def __init__(self, workdir: Path, bindir: Path):
        self.workdir, self.bindir = workdir, bindir
        self.data = workdir / "data"
        self.port = _free_port()

    @classmethod
    def _new_workdir(cls) -> Path:
        workdir = Path(tempfile.mkdtemp(prefix="smartvet-pg-"))
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
        return workdir

    @classmethod
    def create(cls) -> Cluster:
        bindir = binaries()
        if bindir is None:
            raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin")
        cluster = cls(cls._new_workdir(), bindir)
        cluster.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(cluster.data, "postgres")
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data),
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
        )
        return cluster

    def copy(self) -> Cluster:
        """A new cluster holding this one's databases (this one must be stopped)."""
        twin = type(self)(self._new_workdir(), self.bindir)
        subprocess.run(["cp", "-a", str(self.data), str(twin.data)], check=True)
        return twin

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run(
            _as_cluster_owner([str(self.bindir / program), *arguments]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self) -> Cluster:
        options = (
            f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c wal_level=logical"
        )
        log = str(self.workdir / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        pg_ctl = str(self.bindir / "pg_ctl")
        subprocess.run(
            _as_cluster_owner([pg_ctl, "-D", str(self.data), "-m", mode, "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.workdir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


def start_cluster() -> str:
    cluster = Cluster.create().start()
    atexit.register(cluster.remove)
    return cluster.url()


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
