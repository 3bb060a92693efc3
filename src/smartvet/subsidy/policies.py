"""The default 先打后补 policy, `jiyuan-2024` (seed 003; DOMAIN.md §5), as plain data.

This dict is the one place the defaults live: the pure calculation (`calc.Policy.from_dict`)
reads it for `smartvet subsidy-calc --policy jiyuan-2024`, and the data migration loads it
into the `SubsidyPolicy` table, where a county copies and edits its own. Plain JSON values
only (amounts as strings), so a copy stored in the database round-trips unchanged.
"""

from __future__ import annotations

import copy
from typing import Any

JIYUAN_2024: dict[str, Any] = {
    "code": "jiyuan-2024",
    "name": "济源示范区强制免疫“先打后补”（2024年度）",
    # seed 003 三(三): the 2024 cycle is counted up to 2025-03-10; from 2025 a cycle runs
    # 11 March to 10 March of the next year, qualification before 10 March.
    "cycle_start": "2024-03-11",
    "cycle_end": "2025-03-10",
    "qualification_deadline": "2024-10-30",
    # seed 003 四: paid by 30 April after the cycle.
    "payment_deadline": "2025-04-30",
    "publicity_working_days": 5,
    # seed 003 二(二)3: at most 600,000 yuan a year, shared in proportion when exceeded.
    "budget": "600000.00",
    # seed 003 三(一): scale lines of the 直联直报 system. A group is eligible when its stock
    # (summed over its categories) or its yearly output reaches the line; null: no output line.
    "groups": {
        "pig": {
            "categories": ["sow", "fattening_pig", "breeding_boar"],
            "stock": 300,
            "output": 500,
        },
        "dairy_cattle": {"categories": ["dairy_cattle"], "stock": 100, "output": None},
        "beef_cattle": {"categories": ["beef_cattle"], "stock": 100, "output": 50},
        "sheep": {"categories": ["sheep", "goat"], "stock": 100, "output": 100},
        # "鸭、鹅、鸟类可参照蛋鸡执行": ducks and geese use the layer line.
        "layer": {"categories": ["layer", "duck", "goose"], "stock": 2000, "output": None},
        "broiler": {"categories": ["broiler"], "stock": 5000, "output": 10000},
    },
    # seed 003 二(二)1-2: maximum rates (yuan) and what is counted. basis "quarantined":
    # min(origin-quarantine count in the cycle, immunized); "stock": min(stock, immunized).
    # breeding_boar has no rate in seed 003, so it earns no line (it counts for the pig line).
    "rates": {
        "sow": {"rate": "18.00", "basis": "stock"},
        "fattening_pig": {"rate": "7.00", "basis": "quarantined"},
        "dairy_cattle": {"rate": "9.00", "basis": "stock"},
        "beef_cattle": {"rate": "9.00", "basis": "quarantined"},
        "sheep": {"rate": "7.00", "basis": "quarantined"},
        "goat": {"rate": "7.00", "basis": "quarantined"},
        "layer": {"rate": "0.50", "basis": "stock"},
        "duck": {"rate": "0.50", "basis": "stock"},
        "goose": {"rate": "0.50", "basis": "stock"},
        "broiler": {"rate": "0.20", "basis": "quarantined"},
    },
    # seed 003 三(三): a farm under 70% average pass rate needs a re-test after 补免.
    "antibody_pass_rate": "0.70",
    # seed 003 三(三): large farms must report at least one antibody test a year.
    "large_farm": {
        "pig": {"categories": ["sow", "fattening_pig", "breeding_boar"], "stock": 5000},
        "cattle": {"categories": ["dairy_cattle", "beef_cattle"], "stock": 1000},
        "sheep": {"categories": ["sheep", "goat"], "stock": 2000},
        "poultry": {"categories": ["layer", "broiler", "duck", "goose"], "stock": 50000},
    },
}

DEFAULTS: dict[str, dict[str, Any]] = {"jiyuan-2024": JIYUAN_2024}


def default(code: str) -> dict[str, Any]:
    """A fresh copy of a shipped policy; KeyError when there is none of that id."""
    return copy.deepcopy(DEFAULTS[code])
