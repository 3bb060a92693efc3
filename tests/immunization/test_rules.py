"""The pure rules, with hypothesis where a property says more than an example."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.species import CATEGORY_SPECIES
from smartvet.immunization import rules

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(samples=st.integers(1, 10_000), data=st.data())
def test_pass_rate_lies_between_0_and_100_and_passes_at_70(samples, data):
    qualified = data.draw(st.integers(0, samples))
    rate = rules.pass_rate(samples, qualified)
    assert Decimal(0) <= rate <= Decimal(100)
    assert rules.passed(rate) == (rate >= 70)


def test_14_of_20_passes_and_13_of_20_fails():
    assert rules.passed(rules.pass_rate(20, 14))
    assert not rules.passed(rules.pass_rate(20, 13))


@given(st.lists(st.tuples(dates, st.integers(1, 2000)), max_size=6), dates)
def test_protected_exactly_when_some_vaccination_covers_the_day(shots, on):
    pairs = [(d, d + timedelta(days=days)) for d, days in shots]
    protected, since, until = rules.protection(pairs, on)
    assert protected == any(d <= on <= u for d, u in pairs)
    if protected:
        assert since <= on <= until
    if not any(d <= on for d, _u in pairs):
        assert (since, until) == (None, None)


def test_the_most_specific_switch_decides():
    line = rules.PlanLine("BRUCELLOSIS", "sheep", 1095, 365, nationwide=False)
    assert not rules.applies(line, {})
    assert rules.applies(line, {"42": True})
    assert not rules.applies(line, {"42": True, "420506": False})
    fmd = rules.PlanLine("FMD", "sow", 180, 120)
    assert rules.applies(fmd, {})


def test_large_farm_lines():
    assert rules.large_species({"sow": 1000, "fattening_pig": 4000}, CATEGORY_SPECIES) == ["pig"]
    assert rules.large_species({"sow": 1000, "fattening_pig": 3999}, CATEGORY_SPECIES) == []
    assert rules.large_species({"layer": 50000}, CATEGORY_SPECIES) == ["poultry"]
    assert rules.min_samples("poultry") == 30 and rules.min_samples("pig") == 20


@given(st.integers(0, 100_000))
def test_cdc_samples_at_least_a_quarter(farms):
    target = rules.cdc_target(farms)
    assert target * 4 >= farms and (target - 1) * 4 < farms


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_counted_immunized_never_exceeds_stock(animals, stock):
    assert 0 <= rules.counted_immunized(animals, stock) <= stock


def test_density_without_required_stock_is_none():
    assert rules.density(5, 0) is None
    assert rules.density(90, 100) == Decimal("90.0")
