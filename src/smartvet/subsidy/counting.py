"""Counting from the platform's own records (DOMAIN.md §5 "Counting"; issue 6 point 4).

Stock comes from the registry; immunized counts, doses and antibody results from the
immunization app's queries; origin-quarantine counts from the quarantine app's
certificates of the cycle. Output (出栏, for the scale lines) is taken as the animals that
left the farm with an origin-quarantine certificate in the cycle: every animal leaving a
farm must be quarantined (seed 002), so the certificates are the platform's record of it.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from smartvet.registry import queries as registry_queries


def _immunization() -> Any:
    # Imported when called: the immunization app depends on nothing of ours and may be
    # loaded later than this module.
    return importlib.import_module("smartvet.immunization.queries")


def quarantined_counts(farm: Any, start: date, end: date) -> dict[str, int]:
    """Animals per category on the farm's certificates issued in [start, end].

    The one place that tolerates the quarantine app not providing `quarantined_counts`
    yet: then there is no quarantine data (every count 0)."""
    try:
        quarantine = importlib.import_module("smartvet.quarantine.queries")
    except ImportError:
        return {}
    if not hasattr(quarantine, "quarantined_counts"):
        return {}
    return dict(quarantine.quarantined_counts(farm, start, end))


def antibody_tests(farm: Any, start: date, end: date) -> list[dict[str, Any]]:
    tests = []
    for result in _immunization().antibody_results(farm, start, end):
        tests.append(
            {
                "round": result.get("round") or "initial",
                "disease": result.get("disease", ""),
                "samples": int(result["samples"]),
                "qualified": int(result["qualified"]),
                "sampled_on": str(result.get("sampled_on", "")),
            }
        )
    return [test for test in tests if test["samples"] > 0]


def farm_counts(farm: Any, start: date, end: date) -> dict[str, Any]:
    """Everything the calculation and the anomaly flags need about one farm and cycle."""
    immunization = _immunization()
    quarantined = {k: v for k, v in quarantined_counts(farm, start, end).items() if v}
    return {
        "period": [start.isoformat(), end.isoformat()],
        "stock": {k: v for k, v in registry_queries.current_stock(farm).items() if v},
        "output": dict(quarantined),
        "quarantined": quarantined,
        "immunized": {
            k: v for k, v in immunization.immunized_counts(farm, start, end).items() if v
        },
        "doses_bought": int(immunization.doses_bought(farm, start, end)),
        "doses_used": int(immunization.doses_used(farm, start, end)),
        "antibody_tests": antibody_tests(farm, start, end),
    }
