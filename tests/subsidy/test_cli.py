"""`smartvet subsidy-calc --policy jiyuan-2024 INPUT.json` (CONTRACT.md)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

EXAMPLE = {
    "budget": "600000.00",
    "farms": [
        {
            "id": "F001",
            "name": "示例场",
            "stock": {
                "sow": 400,
                "fattening_pig": 900,
                "dairy_cattle": 0,
                "beef_cattle": 0,
                "sheep": 0,
                "layer": 0,
                "broiler": 0,
            },
            "output": {"fattening_pig": 1500, "beef_cattle": 0, "sheep": 0, "broiler": 0},
            "quarantined": {"fattening_pig": 1450, "beef_cattle": 0, "sheep": 0, "broiler": 0},
            "immunized": {"sow": 390, "fattening_pig": 1500},
            "antibody_tests": [{"round": "initial", "samples": 20, "qualified": 17}],
            "disqualified": False,
        }
    ],
}


def run(tmp_path, capsys, data, policy="jiyuan-2024", raw=None):
    path = tmp_path / "in.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    call_command("subsidy_calc", "--policy", policy, str(path))
    return json.loads(capsys.readouterr().out)


def test_the_contract_example(tmp_path, capsys):
    out = run(tmp_path, capsys, EXAMPLE)
    assert out["policy"] == "jiyuan-2024"
    assert out["budget"] == "600000.00"
    assert out["entitled_total"] == out["allocated_total"] == "17170.00"
    assert out["scale_factor"] == "1"
    (farm,) = out["farms"]
    assert farm["eligible"] is True and farm["reasons"] == []
    assert farm["lines"][0] == {
        "category": "sow",
        "count": 390,
        "rate": "18.00",
        "amount": "7020.00",
        "basis": "min(stock 400, immunized 390)",
    }
    assert farm["entitled"] == farm["allocated"] == "17170.00"


def test_a_binding_budget_and_an_ineligible_farm(tmp_path, capsys):
    farms = [{"id": i, "stock": {"sow": 400}, "immunized": {"sow": 400}} for i in (1, 2, 3)]
    farms.append({"id": 4, "stock": {"sow": 10}, "immunized": {"sow": 10}, "disqualified": True})
    out = run(tmp_path, capsys, {"budget": "100.00", "farms": farms})
    assert [f["allocated"] for f in out["farms"]] == ["33.34", "33.33", "33.33", "0.00"]
    assert out["allocated_total"] == "100.00"
    assert out["farms"][3] == {
        "id": 4,
        "name": "",
        "eligible": False,
        "reasons": ["BELOW_SCALE", "DISQUALIFIED"],
        "lines": [],
        "entitled": "0.00",
        "allocated": "0.00",
    }


@pytest.mark.parametrize(
    ("raw", "policy", "message"),
    [
        ("{not json", "jiyuan-2024", "JSON"),
        ('{"farms": [{"id": 1, "stock": {"sow": -1}}]}', "jiyuan-2024", "sow"),
        ('{"farms": []}', "no-such-policy", "no-such-policy"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, raw, policy, message):
    with pytest.raises(SystemExit) as exit_info:
        run(tmp_path, capsys, None, policy=policy, raw=raw)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_a_missing_file_exits_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        call_command("subsidy_calc", "--policy", "jiyuan-2024", str(tmp_path / "nope.json"))
    assert exit_info.value.code == 2
    assert "无法读取" in capsys.readouterr().err
