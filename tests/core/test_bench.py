"""`smartvet bench` runs end to end at the small scale and writes CONTRACT.md's format: every
app's figures with their bound, so a change that breaks a benchmark is seen before a
measurement is due."""

import json
import os
import subprocess
import sys

import pytest

# The bench runs on SQLite in a data dir of its own, whichever database the suite uses.
pytestmark = pytest.mark.any_database

EXPECTED = {
    "eartags.import_workbook_10000_rows",
    "eartags.issue_1m_range",
    "eartags.check_200_tags",
    "immunization.protection_gate_p95",
    "quarantine.certificates_per_second",
    "quarantine.trace_farm_p95",
    "subsidy.calculate_50000_farms",
}


def test_the_small_bench_runs_and_reports_every_app(tmp_path):
    env = {**os.environ, "SMARTVET_DATA_DIR": str(tmp_path / "data")}
    for name in ("SMARTVET_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "smartvet", "bench", "--scale", "small", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["scale"] == "small"
    figures = {row["name"]: row for row in report["results"]}
    assert set(figures) >= EXPECTED
    for row in figures.values():
        assert row["value"] > 0 and row["bound_value"] > 0 and row["ratio"] > 0, row
