"""Benchmarks of the 先打后补 calculation (DOMAIN.md §12: "the yearly subsidy for 50,000
farms in seconds"). Pure computation, no database: the figures are the calculation itself
(eligibility, counts, antibody gate, lines, budget allocation to the cent) and the whole
`smartvet subsidy-calc` path (parse, calculate, write JSON), each compared with the bare
JSON parse and dump of the same farms — the least any program reading that input must do."""

from __future__ import annotations

import json
import random
from decimal import Decimal

from smartvet.bench import BenchContext, Result, timed
from smartvet.subsidy import calc, policies

CATEGORIES = ["sow", "fattening_pig", "dairy_cattle", "beef_cattle", "sheep", "layer", "broiler"]


def synthetic_input(farms: int, seed: int = 2024) -> dict:
    rng = random.Random(seed)
    rows = []
    for index in range(farms):
        stock = {c: rng.choice([0, 0, rng.randint(50, 6000)]) for c in CATEGORIES}
        output = {
            c: rng.randint(0, 12000) for c in ("fattening_pig", "beef_cattle", "sheep", "broiler")
        }
        quarantined = {c: int(v * rng.uniform(0.8, 1.0)) for c, v in output.items()}
        immunized = {
            c: int(v * rng.uniform(0.85, 1.05)) for c, v in {**stock, **output}.items() if v
        }
        tests = [
            {"round": "initial", "samples": 20, "qualified": rng.randint(10, 20)}
            for _ in range(rng.randint(0, 2))
        ]
        rows.append(
            {
                "id": f"F{index:06d}",
                "stock": stock,
                "output": output,
                "quarantined": quarantined,
                "immunized": immunized,
                "antibody_tests": tests,
                "disqualified": rng.random() < 0.01,
            }
        )
    return {"budget": "600000.00", "farms": rows}


def run(ctx: BenchContext) -> list[Result]:
    farms = 50_000 * ctx.factor // 10 if ctx.factor > 1 else 50_000
    policy = calc.Policy.from_dict(policies.default("jiyuan-2024"))
    data = synthetic_input(farms)
    text = json.dumps(data)
    ctx.log(f"subsidy: {farms} synthetic farms")
    budget, parsed = calc.parse_input(data, policy)
    result_holder = {}

    def calculate():
        result_holder["result"] = calc.calculate(policy, parsed, budget)

    calc_seconds = min(timed(calculate) for _ in range(3))
    result = result_holder["result"]
    assert result.allocated_total == min(budget, result.entitled_total)
    assert result.allocated_total <= Decimal(budget)

    def whole_command():
        loaded = json.loads(text, parse_float=Decimal)
        got_budget, got_farms = calc.parse_input(loaded, policy)
        json.dumps(calc.calculate(policy, got_farms, got_budget).as_dict(), ensure_ascii=False)

    def bare_json():
        json.dumps(json.loads(text, parse_float=Decimal), ensure_ascii=False)

    command_seconds = min(timed(whole_command) for _ in range(3))
    json_seconds = min(timed(bare_json) for _ in range(3))
    return [
        Result(
            f"subsidy.calculate_{farms}_farms",
            calc_seconds,
            "s",
            "json parse+dump of the same farms",
            json_seconds,
        ),
        Result(
            f"subsidy.subsidy_calc_command_{farms}_farms",
            command_seconds,
            "s",
            "json parse+dump of the same farms",
            json_seconds,
        ),
    ]
