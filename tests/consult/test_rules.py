"""The pure rules: the outlier rule, the bulletin's figures, routing, scrubbing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smartvet.consult import rules

# prices in cents, 0.50 to 5000.00 元 (integers: quick to draw)
prices = st.integers(50, 500_000).map(lambda cents: Decimal(cents) / 100)


@given(st.lists(prices, min_size=1, max_size=30))
def test_the_median_of_the_recent_prices_is_never_an_outlier(recent):
    median = rules.price_verdict(recent[0], recent).median
    assert not rules.price_verdict(median, recent).outlier


@given(st.lists(prices, min_size=1, max_size=30), st.integers(3, 100))
def test_a_price_many_times_the_highest_recent_price_is_an_outlier(recent, times):
    assert rules.price_verdict(max(recent) * times * 3, recent).outlier


@given(prices)
def test_without_history_nothing_is_flagged(price):
    verdict = rules.price_verdict(price, [])
    assert not verdict.outlier and verdict.median is None


def test_the_modified_z_score_on_a_hand_example():
    recent = [Decimal(v) for v in ("14.0", "14.2", "14.4", "14.6", "14.8")]
    # median 14.4, MAD 0.2: 0.6745 × (15.6 − 14.4) / 0.2 = 4.05 > 3.5
    verdict = rules.price_verdict(Decimal("15.6"), recent)
    assert verdict.outlier and verdict.score == Decimal("4.05")
    assert not rules.price_verdict(Decimal("15.4"), recent).outlier  # 3.37


def test_the_ratio_band_decides_with_little_history():
    recent = [Decimal("14.0"), Decimal("15.0")]
    assert rules.price_verdict(Decimal("1.45"), recent).outlier  # a slip of the decimal point
    assert not rules.price_verdict(Decimal("20.0"), recent).outlier


def test_the_bulletin_rows_by_hand():
    week = {"live_hog": [Decimal("15.00"), Decimal("15.60")], "egg": [Decimal("9.00")]}
    previous = {"live_hog": [Decimal("14.40"), Decimal("14.60")]}
    last_year = {"live_hog": [Decimal("17.00")], "egg": [Decimal("10.00")]}
    rows = {row.commodity: row for row in rules.bulletin_rows(week, previous, last_year)}
    assert list(rows) == ["live_hog", "egg"]
    hog = rows["live_hog"]
    assert hog.mean == Decimal("15.30") and hog.n == 2
    assert hog.wow == round(15.30 / 14.50 - 1, 4) == 0.0552
    assert hog.yoy == round(15.30 / 17.00 - 1, 4) == -0.1
    assert rows["egg"].wow is None and rows["egg"].yoy == -0.1


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
def test_a_week_label_reads_back_as_its_monday(day):
    monday = rules.monday_of(day)
    assert rules.parse_week(rules.week_label(monday)) == monday
    assert rules.same_week_last_year(monday).weekday() == 0


def test_routing_needs_species_topic_and_region():
    fit = {
        "expert_species": ["pig"],
        "expert_topics": ["disease"],
        "served": ["420506"],
    }
    assert rules.fits(species="pig", topic="disease", region="420506107201", **fit)
    assert not rules.fits(species="cattle", topic="disease", region="420506107201", **fit)
    assert not rules.fits(species="pig", topic="market", region="420506107201", **fit)
    assert not rules.fits(species="pig", topic="disease", region="419001100", **fit)


digits = st.text(alphabet="0123456789", min_size=10, max_size=10)


@given(st.text(max_size=40), digits, st.text(max_size=40))
def test_a_mobile_number_never_survives_scrubbing(before, rest, after):
    text = f"{before} 13{rest[:9]} {after}"
    assert f"13{rest[:9]}" not in rules.scrub(text)


@given(st.text(max_size=60))
def test_scrubbing_removes_the_names_given(text):
    name = "张建国"
    assert name not in rules.scrub(text + name + text, [name])
