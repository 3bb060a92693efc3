from __future__ import annotations

import pytest

from smartvet.subsidy import counting
from tests.subsidy import factories


@pytest.fixture
def platform(monkeypatch):
    """The platform's records as the counting sees them: {farm id: counts}; a farm without
    an entry gets factories.GOOD."""
    records: dict[int, dict] = {}

    def farm_counts(farm, start, end):
        import copy

        return copy.deepcopy(records.get(farm.pk, factories.GOOD))

    monkeypatch.setattr(counting, "farm_counts", farm_counts)
    return records


@pytest.fixture
def policy(personas):
    return factories.make_policy(personas.bureau)
