"""The pure rules of vetservice, property-tested: money to the cent, a statement's total the
exact sum of its lines, the price in force, the pick of a vaccinator, months."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smartvet.vetservice import rules

prices = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(st.lists(st.tuples(prices, st.integers(min_value=1, max_value=10_000)), max_size=200))
def test_a_total_is_the_exact_sum_of_its_lines_to_the_cent(lines):
    amounts = [rules.amount(price, quantity) for price, quantity in lines]
    assert all(a == a.quantize(Decimal("0.01")) for a in amounts)
    assert rules.total(amounts) == sum(amounts, Decimal("0"))


def test_half_a_cent_rounds_up():
    assert rules.money(Decimal("0.005")) == Decimal("0.01")
    assert rules.amount(Decimal("0.15"), 3) == Decimal("0.45")


@given(st.lists(st.tuples(days, prices), max_size=10, unique_by=lambda p: p[0]), days)
def test_the_price_in_force_is_the_latest_not_after_the_day(history, on):
    found = rules.price_on(history, on)
    earlier = [p for p in history if p[0] <= on]
    if not earlier:
        assert found is None
    else:
        assert found == max(earlier)[1]


@given(
    st.lists(
        st.builds(rules.Candidate, st.integers(1, 50), st.integers(0, 20), st.booleans()),
        min_size=1,
        max_size=20,
        unique_by=lambda c: c.account_id,
    )
)
def test_the_named_vaccinator_comes_first_then_the_least_loaded(candidates):
    chosen = rules.pick_vaccinator(candidates)
    named = [c for c in candidates if c.named]
    pool = named or candidates
    assert chosen in pool
    assert chosen.open_orders == min(c.open_orders for c in pool)


@given(days)
def test_next_month_is_the_first_of_the_following_month(day):
    month = rules.month_start(day)
    following = rules.next_month(month)
    assert following.day == 1 and following > day
    assert (
        following - timedelta(days=1) < following
        and (following - timedelta(days=1)).month == month.month
    )


@given(days, st.text(alphabet="1234567", min_size=1, max_size=7))
def test_on_duty_follows_the_weekdays(day, duty):
    assert rules.on_duty(duty, day) == (str(day.isoweekday()) in duty)
