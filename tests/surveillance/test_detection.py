"""The detection methods (surveillance.detection): EARS equal to R's surveillance::earsC and
Farrington-flexible equal to R's surveillance::farringtonFlexible on stored fixtures
(tests/surveillance/fixtures, made by ears_oracle.R and farrington_oracle.R with surveillance
1.20.3) and, where R is installed, against R itself; properties of every method."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartvet.surveillance import detection
from tests.conftest import skip_or_fail

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "fixtures" / "ears_r_1.20.3.json").read_text())
METHODS = ("C1", "C2", "C3")


def assert_equal_to_r(counts, method, r_values):
    days = detection.ears(counts, method)
    ours = [math.nan if d.upperbound is None else d.upperbound for d in days]
    r_bounds = [math.nan if b is None else b for b in r_values["upperbound"]]
    assert ours == pytest.approx(r_bounds, rel=1e-12, abs=1e-12, nan_ok=True)
    assert [d.alarm for d in days] == r_values["alarm"]
    assert days[0].t == detection.first_judged_day(method)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_ears_equals_the_stored_r_values(name, method):
    assert_equal_to_r(FIXTURES[name]["counts"], method, FIXTURES[name][method])


def test_a_flat_reference_under_c3_is_r_s_nan():
    """0/0 in R's C2 statistic: upperbound NaN and alarm NA for the first five days."""
    days = detection.ears(FIXTURES["flat_then_cases"]["counts"], "C3")
    assert [d.upperbound for d in days[:5]] == [None] * 5
    assert [d.alarm for d in days[:5]] == [None] * 5


def r_earsc(method, counts):
    run = subprocess.run(
        ["Rscript", str(HERE / "ears_oracle.R"), method, ",".join(map(str, counts))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def rscript():
    if shutil.which("Rscript") is None:
        skip_or_fail("Rscript is not installed (apt-get install r-cran-surveillance)")
    probe = subprocess.run(
        ["Rscript", "-e", "library(surveillance)"], capture_output=True, timeout=120
    )
    if probe.returncode != 0:
        skip_or_fail("R's surveillance package is not installed (r-cran-surveillance)")


# Series R itself judges: the stored fixtures again (R's version may move on) and a few more,
# zeros and bursts and large counts.
ORACLE_SERIES = [
    *(f["counts"] for f in FIXTURES.values()),
    [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7],
    [0] * 10 + [1, 0, 0, 2, 0, 0, 0, 14, 3, 0, 0, 0],
    [1000, 1010, 990, 1005, 1020, 998, 1001, 1500, 1003, 996, 1008, 1012, 999],
]


@pytest.mark.parametrize("method", METHODS)
def test_ears_equals_r_itself(rscript, method):
    for counts in ORACLE_SERIES:
        assert_equal_to_r(counts, method, r_earsc(method, counts))


# The machine is shared: generating the lists may be slow, never wrong.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
counts_lists = st.lists(st.integers(min_value=0, max_value=500), min_size=12, max_size=40)


@relaxed
@given(counts_lists, st.sampled_from(METHODS))
def test_every_day_with_a_full_baseline_is_judged(counts, method):
    days = detection.ears(counts, method)
    first = detection.first_judged_day(method)
    assert [d.t for d in days] == list(range(first, len(counts) + 1))
    assert [d.observed for d in days] == counts[first - 1 :]


@relaxed
@given(counts_lists, st.sampled_from(("C1", "C2")))
def test_c1_c2_alarm_exactly_when_the_count_exceeds_the_bound(counts, method):
    for day in detection.ears(counts, method):
        assert day.upperbound is not None and day.upperbound >= day.expected
        assert day.alarm == (day.observed > day.upperbound)


@relaxed
@given(counts_lists)
def test_c3_bound_is_never_negative(counts):
    for day in detection.ears(counts, "C3"):
        assert day.upperbound is None or day.upperbound >= 0


@relaxed
@given(counts_lists, st.integers(min_value=1, max_value=1000))
def test_raising_today_s_count_never_clears_a_c1_alarm(counts, extra):
    before = detection.ears(counts, "C1")[-1]
    after = detection.ears([*counts[:-1], counts[-1] + extra], "C1")[-1]
    assert after.upperbound == before.upperbound  # today is not in its own baseline
    assert after.alarm or not before.alarm


@relaxed
@given(
    st.integers(min_value=0, max_value=100),
    st.lists(st.integers(min_value=0, max_value=50), max_size=10),
    st.floats(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=10),
)
def test_ratio_to_baseline_needs_both_the_ratio_and_the_minimum(observed, baseline, k, minimum):
    expected, alarm = detection.ratio_to_baseline(observed, baseline, k=k, min_count=minimum)
    assert alarm == (observed >= minimum and observed > k * expected)
    if alarm:
        assert detection.ratio_to_baseline(observed + 1, baseline, k=k, min_count=minimum)[1]


@relaxed
@given(st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=3))
def test_fixed_threshold(observed, threshold):
    assert detection.fixed_threshold(observed, threshold=threshold) == (observed >= threshold)


# Farrington-flexible: equal to R's surveillance::farringtonFlexible on stored fixtures
# (made by farrington_oracle.R with surveillance 1.20.3: each fixture's "r" is the oracle's
# output for its counts) and, where R is installed, against R itself.
FARRINGTON_FIXTURES = json.loads((HERE / "fixtures" / "farrington_r_1.20.3.json").read_text())


def assert_farrington_equal_to_r(counts, r_values):
    """Ours against R's figures for the last count judged against the counts before it. R
    reports NA for the expectation and the bound under limit54; its run without limit54
    ("unmasked") gives them, and ours always does."""
    fit = detection.farrington_flexible(counts[-1], counts[:-1])
    r_fit = r_values["unmasked"]
    assert fit.expected == pytest.approx(r_fit["expected"], rel=1e-6)
    assert fit.upperbound == pytest.approx(r_fit["upperbound"], rel=1e-6)
    assert fit.dispersion == pytest.approx(r_fit["phi"], rel=1e-6)
    assert fit.trend == r_fit["trend"]
    assert fit.alarm == r_values["alarm"]
    assert fit.enough_cases == (r_values["upperbound"] is not None)


@pytest.mark.parametrize("name", sorted(FARRINGTON_FIXTURES))
def test_farrington_equals_the_stored_r_values(name):
    fixture = FARRINGTON_FIXTURES[name]
    assert_farrington_equal_to_r(fixture["counts"], fixture["r"])


def test_the_fixtures_cover_what_the_method_decides():
    """The stored cases reach every branch: a trend kept and one dropped, a past outbreak
    down-weighted, limit54 silencing a count above the bound, alarms and quiet weeks."""
    r = {name: f["r"] for name, f in FARRINGTON_FIXTURES.items()}
    assert r["rising_trend_kept"]["trend"] and r["falling_trend"]["trend"]
    assert not r["rising_trend_extrapolates"]["trend"]
    assert r["limit54_above_the_bound"]["unmasked"]["alarm"]
    assert not r["limit54_above_the_bound"]["alarm"]
    assert r["flat_burst"]["alarm"] and not r["flat_ordinary"]["alarm"]


def test_a_past_outbreak_is_down_weighted():
    """The week of 30 cases weighs little: today's 11 cases are judged against ~4.6 a week
    (R's figure), not the plain mean 5.75 the outbreak inflates, and alarm."""
    counts = FARRINGTON_FIXTURES["past_outbreak_downweighted"]["counts"]
    fit = detection.farrington_flexible(counts[-1], counts[:-1])
    assert fit.expected == pytest.approx(4.615249526527009, rel=1e-6)
    assert fit.expected < sum(counts[:-1]) / len(counts[:-1])
    assert fit.alarm


def test_fewer_than_five_cases_in_four_periods_never_alarm():
    """limit54: two cases after eight quiet weeks are far above the bound but no alarm; five
    are; a rule's own minimum count still applies on top."""
    quiet = [0] * 8
    two = detection.farrington_flexible(2, quiet)
    assert two.upperbound < 2
    assert not two.alarm and not two.enough_cases
    assert detection.farrington_flexible(5, quiet).alarm
    assert not detection.farrington_flexible(5, quiet, min_count=6).alarm
    assert detection.farrington_flexible(6, quiet, min_count=6).alarm


def test_farrington_finds_a_burst_and_leaves_an_ordinary_week():
    reference = [4, 6, 5, 3, 7, 5, 4, 6, 5, 5, 4, 6]
    ordinary = detection.farrington_flexible(6, reference)
    burst = detection.farrington_flexible(20, reference)
    assert not ordinary.alarm and burst.alarm
    assert not burst.trend and burst.expected == pytest.approx(5.0)


def test_judge_reads_one_reference_count_per_past_window():
    """A rule's windows of 7 days: 12 past windows and the current one, each summed, are the
    counts R judged (the flat burst: 20 cases this week against 5 expected)."""
    fixture = FARRINGTON_FIXTURES["flat_burst"]
    assert detection.days_needed("farrington", 7, {}) == 7 * len(fixture["counts"])
    daily = [day for count in fixture["counts"] for day in (count, 0, 0, 0, 0, 0, 0)]
    verdict = detection.judge("farrington", {}, daily, window=7, min_count=0)
    assert verdict.observed == 20 and verdict.alarm
    assert verdict.expected == pytest.approx(fixture["r"]["expected"], rel=1e-6)


def r_farrington(series):
    run = subprocess.run(
        ["Rscript", str(HERE / "farrington_oracle.R"), *(",".join(map(str, c)) for c in series)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(run.stdout)


def seeded_series(seed, n):
    """Series R itself judges beside the fixtures: Poisson-like counts from a few to a few
    hundred, some with a trend, some with a past outbreak or a burst today."""
    rnd = random.Random(seed)
    series = []
    for _ in range(n):
        length = rnd.randint(4, 20)
        base, slope = rnd.choice([0.5, 2, 6, 40, 300]), rnd.choice([0, 0, 0.06, 0.15, -0.07])
        counts = [_poisson(rnd, base * math.exp(slope * t)) for t in range(length)]
        if rnd.random() < 0.3:
            counts[rnd.randrange(length - 1)] += rnd.randint(5, 40)
        if rnd.random() < 0.3:
            counts[-1] += rnd.randint(3, 30)
        series.append(counts)
    return series


def _poisson(rnd, mean):
    """A Poisson draw by inversion (fine for the means above; the standard library has none)."""
    if mean > 50:
        return max(0, round(rnd.gauss(mean, math.sqrt(mean))))
    u, k, p = rnd.random(), 0, math.exp(-mean)
    total = p
    while u > total:
        k += 1
        p *= mean / k
        total += p
    return k


def test_farrington_equals_r_itself(rscript):
    """Every series R judges gives R's figures; where R stops with an error (a lone case at
    an end of a short reference, see farrington_flexible) ours still gives a finite bound,
    and such series stay the exception."""
    series = [f["counts"] for f in FARRINGTON_FIXTURES.values()] + seeded_series(2026, 40)
    r_errors = 0
    for counts, r_values in zip(series, r_farrington(series), strict=True):
        if "error" in r_values:
            r_errors += 1
            assert math.isfinite(detection.farrington_flexible(counts[-1], counts[:-1]).upperbound)
            continue
        assert_farrington_equal_to_r(counts, r_values)
    assert r_errors <= 2


reference_counts = st.lists(st.integers(min_value=0, max_value=60), min_size=5, max_size=20)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(reference_counts, st.integers(min_value=0, max_value=300))
def test_farrington_alarm_is_monotone_and_above_the_expectation(reference, observed):
    result = detection.farrington_flexible(observed, reference)
    assert result.dispersion >= 1
    assert math.isfinite(result.upperbound) and result.upperbound >= result.expected
    assert result.enough_cases == (sum(reference[-3:]) + observed >= 5)
    assert result.alarm == (result.enough_cases and observed > result.upperbound)
    if result.alarm:
        assert observed > result.expected
        assert detection.farrington_flexible(observed + 5, reference).alarm


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0, max_value=20), min_size=35, max_size=35),
    st.sampled_from(["threshold", "ratio", "ears_c1", "ears_c2", "ears_c3", "farrington"]),
)
def test_a_quiet_window_never_alarms(daily, method):
    """What the backtest skips: a judged window without a count never alarms."""
    window = 7
    if method.startswith("ears_"):
        daily = daily[-detection.days_needed(method, window, {}) :]
        daily[-1] = 0
    else:
        daily = daily[: len(daily) - window] + [0] * window
    assert detection.quiet(method, daily, window=window)
    verdict = detection.judge(method, {"threshold": 1, "k": 3}, daily, window=window, min_count=0)
    assert not verdict.alarm
