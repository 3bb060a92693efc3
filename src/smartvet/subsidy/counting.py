"""Counting from the platform's own records (DOMAIN.md §5 "Counting"; issue 6 point 4).

Stock comes from the registry; immunized counts, doses and antibody results from the
immunization app's queries; origin-quarantine counts from the quarantine app's
certificates of the cycle. Output (出栏, for the scale lines) is taken as the animals that
left the farm with an origin-quarantine certificate in the cycle: every animal leaving a
farm must be quarantined (seed 002), so the certificates are the platform's record of it.

The caller has authorised the farm; these reads take it as given.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from smartvet.immunization import queries as immunization_queries
from smartvet.quarantine.queries import quarantined_counts
from smartvet.registry import queries as registry_queries


def _antibody_tests(farm: Any, start: date, end: date) -> list[dict[str, Any]]:
    tests = []
    for result in immunization_queries.antibody_results(farm, start, end):
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


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {category: count for category, count in counts.items() if count}


def farm_counts(farm: Any, start: date, end: date) -> dict[str, Any]:
    """Everything the calculation and the anomaly flags need about one farm and cycle."""
    quarantined = _nonzero(quarantined_counts(farm, start, end))
    return {
        "period": [start.isoformat(), end.isoformat()],
        "stock": _nonzero(registry_queries.current_stock(farm)),
        "output": dict(quarantined),
        "quarantined": quarantined,
        "immunized": _nonzero(immunization_queries.immunized_counts(farm, start, end)),
        "doses_bought": int(immunization_queries.doses_bought(farm, start, end)),
        "doses_used": int(immunization_queries.doses_used(farm, start, end)),
        "antibody_tests": _antibody_tests(farm, start, end),
    }
