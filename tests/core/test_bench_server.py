"""`smartvet bench --server` at a tiny size: it starts the real server on a throw-away data
dir, drives it with concurrent clients and writes the in-process bench's JSON shape, each
figure with the same load on /auth/me of the same server as its bound (CONTRACT.md)."""

import json
import os
import subprocess
import sys

import pytest

# The server runs on SQLite in a data dir of its own, whichever database the suite uses.
pytestmark = pytest.mark.any_database

FIGURES = {
    "quarantine.certificates_per_second",
    "quarantine.verify_per_second",
    "quarantine.verify_p95",
    "quarantine.queue_page_p95",
}
FIELDS = {"name", "value", "unit", "bound", "bound_value", "ratio"}


def test_the_server_bench_runs_through_gunicorn_and_reports_every_figure(tmp_path):
    env = {**os.environ, "SMARTVET_DATA_DIR": str(tmp_path / "never-used")}
    for name in ("SMARTVET_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    out = tmp_path / "server.json"
    argv = ["bench", "--server", "--users", "2", "--seconds", "1", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "smartvet", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    assert json.loads(result.stdout) == report
    assert report["scale"] == "small" and report["database"] == "sqlite"
    assert report["server"] == {"workers": 2, "users": 2}
    rows = {row["name"]: row for row in report["results"]}
    assert set(rows) == FIGURES
    for row in rows.values():
        assert set(row) == FIELDS
        assert row["value"] > 0 and row["bound_value"] > 0 and row["ratio"] > 0, row
    # the run filled a data dir of its own, removed after it: never the configured one
    assert not (tmp_path / "never-used" / "smartvet.sqlite3").exists()
