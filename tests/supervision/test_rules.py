"""Pure rules of supervision, property-tested."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from smartvet.supervision import rules

# the test machine is shared: how long an example takes is not the property under test
relaxed = settings(deadline=None)
counts = st.dictionaries(st.integers(0, 720), st.integers(1, 50), min_size=1, max_size=40)


@relaxed
@given(counts)
def test_the_median_of_buckets_is_the_median_of_the_values(buckets):
    values = sorted(v for v, n in buckets.items() for _ in range(n))
    assert rules.quantile(buckets, 0.5) == values[(len(values) + 1) // 2 - 1]


@relaxed
@given(counts, st.floats(0.01, 1))
def test_a_quantile_is_one_of_the_values_and_grows_with_q(buckets, q):
    found = rules.quantile(buckets, q)
    assert found in buckets
    assert rules.quantile(buckets, min(1, q + 0.1)) >= found


def test_no_values_no_quantile():
    assert rules.quantile({}, 0.5) is None and rules.quantile({3: 0}, 0.9) is None


@relaxed
@given(st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=50))
def test_the_median_itself_is_never_an_outlier(values):
    assert not rules.is_outlier(values, statistics.median(values))


def test_a_spike_among_steady_siblings_is_an_outlier():
    siblings = [10, 12, 11, 9, 10, 13, 11, 95]
    assert rules.is_outlier(siblings, 95)
    assert not rules.is_outlier(siblings, 12)


def test_ancestors_of_a_village_a_township_and_a_county():
    assert rules.ancestors("420506107201") == {
        "province": "42",
        "city": "4205",
        "county": "420506",
        "township": "420506107",
    }
    assert rules.ancestors("420506")["township"] == ""


@relaxed
@given(st.integers(0, 30), st.integers(0, 100))
def test_a_milestone_never_asks_more_counties_than_a_city_has(total, share):
    needed = rules.counties_required(total, share, at_least_one=share == 0)
    assert 0 <= needed <= total


def test_late_counties_after_a_missed_milestone():
    due = date(2026, 7, 30)
    live = [("A", date(2026, 7, 1)), ("B", None), ("C", date(2026, 8, 15))]
    assert rules.late_counties(live, due, 1, today=due + timedelta(days=1)) == set()
    assert rules.late_counties(live, due, 2, today=due + timedelta(days=1)) == {"B", "C"}
    assert rules.late_counties(live, due, 2, today=due) == set()  # not yet due
