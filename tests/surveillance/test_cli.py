"""`smartvet aberration --method ears-c1|ears-c2|ears-c3 INPUT.json` (CONTRACT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "ears_r_1.20.3.json").read_text())


def run(tmp_path, capsys, method, data):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    call_command("aberration", "--method", method, str(path))
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("method", ["ears-c1", "ears-c2", "ears-c3"])
def test_the_output_equals_r_s(tmp_path, capsys, method):
    fixture = FIXTURES["burst"]
    out = run(tmp_path, capsys, method, {"counts": fixture["counts"]})
    r = fixture[method[-2:].upper()]
    assert out["method"] == method
    assert [d["upperbound"] for d in out["days"]] == pytest.approx(r["upperbound"], rel=1e-12)
    assert [d["alarm"] for d in out["days"]] == r["alarm"]
    first = {"ears-c1": 8, "ears-c2": 10, "ears-c3": 12}[method]
    assert [d["t"] for d in out["days"]] == list(range(first, len(fixture["counts"]) + 1))
    assert all(set(d) == {"t", "observed", "expected", "upperbound", "alarm"} for d in out["days"])


def test_a_flat_c3_reference_gives_null_not_nan(tmp_path, capsys):
    out = run(tmp_path, capsys, "ears-c3", {"counts": FIXTURES["flat_then_cases"]["counts"]})
    assert out["days"][0]["upperbound"] is None and out["days"][0]["alarm"] is None


def test_too_short_a_series_judges_no_day(tmp_path, capsys):
    assert run(tmp_path, capsys, "ears-c1", {"counts": [1, 2, 3]})["days"] == []


@pytest.mark.parametrize(
    "raw, message",
    [
        ("{not json", "JSON"),
        ('{"counts": [1, -2]}', "第2个"),
        ('{"counts": [1, 2.5]}', "第2个"),
        ('{"counts": "1,2"}', "counts"),
        ("[1, 2]", "counts"),
        ('{"counts": [1], "extra": 1}', "counts"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, raw, message):
    with pytest.raises(SystemExit) as exited:
        run(tmp_path, capsys, "ears-c1", raw)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_a_missing_file_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("aberration", "--method", "ears-c2", str(tmp_path / "nope.json"))
    assert exited.value.code == 2
    assert "无法读取" in capsys.readouterr().err
