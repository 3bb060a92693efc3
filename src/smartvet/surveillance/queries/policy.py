"""Policy data of a place: the defaults, changed by the province's and the county's values."""

from __future__ import annotations

from typing import Any

from smartvet.surveillance import rules
from smartvet.surveillance.models import SurveillancePolicy


def policy_for(code: str) -> dict[str, Any]:
    chain = rules.ancestors(code)
    stored = dict(
        SurveillancePolicy.objects.filter(region_id__in=chain).values_list("region_id", "values")
    )
    merged: dict[str, Any] = {}
    for region in reversed(chain):  # the nation first, the nearest region last
        merged.update(stored.get(region, {}))
    return rules.policy(merged)
