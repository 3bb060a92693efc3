"""Aberration detection on plain counts (DOMAIN.md §8): fixed threshold, ratio to baseline,
EARS C1/C2/C3 and Farrington-flexible. Pure functions of lists of numbers, no ORM.

EARS follows R's `surveillance::earsC` (version 1.20) line by line, with its defaults
(baseline 7, minSigma 0, alpha 0.001 for C1/C2 and 0.025 for C3), so that the figures equal
R's (tests/surveillance/test_ears_oracle.py runs R as the oracle):
- C1: the reference is the 7 days before day t; C2 the 7 days before t-2 (a lag of 2 days);
- upperbound = mean + z(1-alpha) * max(sd, minSigma), sd the sample standard deviation;
- C3: the C2 statistics of t-2 and t-1, each less 1 and floored at 0, are taken from the
  margin: upperbound = max(0, observed(t) + max(sd_t, minSigma) * (z - lag2 - lag1)). R adds
  the observed count of day t here (not the reference mean); we keep R's formula.
- alarm when observed > upperbound. Where R divides 0 by 0 (a flat reference under C3), the
  upperbound and the alarm are None (R's NaN/NA).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

EarsMethod = Literal["C1", "C2", "C3"]
EARS_BASELINE = 7
EARS_ALPHA: dict[str, float] = {"C1": 0.001, "C2": 0.001, "C3": 0.025}
# How far back the oldest reference day lies from the day judged (R's maxLag).
EARS_LAG: dict[str, int] = {"C1": 0, "C2": 2, "C3": 4}


@dataclass(frozen=True)
class Day:
    """One judged day: `t` is 1-based as R numbers it."""

    t: int
    observed: float
    expected: float
    upperbound: float | None
    alarm: bool | None


def _z(alpha: float) -> float:
    return statistics.NormalDist().inv_cdf(1 - alpha)


def _reference(counts: Sequence[float], t: int, lag: int, baseline: int) -> list[float]:
    """The `baseline` days ending `lag` days before day t (t 0-based), oldest first."""
    end = t - lag
    return [float(c) for c in counts[end - baseline : end]]


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    return statistics.fmean(values), statistics.stdev(values)


def _div(a: float, b: float) -> float:
    """IEEE division as R does it: x/0 is ±Inf, 0/0 is NaN."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a)


def _pmax0(x: float) -> float:
    """R's pmax(0, x): NaN stays NaN."""
    return x if math.isnan(x) else max(0.0, x)


def first_judged_day(method: EarsMethod, baseline: int = EARS_BASELINE) -> int:
    """The 1-based first day with a full baseline (R's default range start)."""
    return baseline + 1 + EARS_LAG[method]


def ears(
    counts: Sequence[float],
    method: EarsMethod = "C1",
    *,
    baseline: int = EARS_BASELINE,
    alpha: float | None = None,
    min_sigma: float = 0.0,
) -> list[Day]:
    """EARS C1/C2/C3 for every day that has a full baseline (R's default range)."""
    if baseline < 3:
        raise ValueError("baseline must be at least 3")
    if min_sigma < 0:
        raise ValueError("min_sigma must not be negative")
    z = _z(EARS_ALPHA[method] if alpha is None else alpha)
    start = first_judged_day(method, baseline) - 1  # 0-based
    days: list[Day] = []
    for t in range(start, len(counts)):
        observed = float(counts[t])
        if method == "C3":
            days.append(_c3_day(counts, t, baseline, z, min_sigma))
            continue
        mean, sd = _mean_sd(_reference(counts, t, EARS_LAG[method], baseline))
        upper = mean + z * max(sd, min_sigma)
        days.append(Day(t + 1, observed, mean, upper, observed > upper))
    return days


def _c2_statistic(counts: Sequence[float], s: int, baseline: int, min_sigma: float) -> float:
    mean, sd = _mean_sd(_reference(counts, s, 2, baseline))
    return _div(float(counts[s]) - mean, max(sd, min_sigma))


def _c3_day(counts: Sequence[float], t: int, baseline: int, z: float, min_sigma: float) -> Day:
    lag2 = _pmax0(_c2_statistic(counts, t - 2, baseline, min_sigma) - 1)
    lag1 = _pmax0(_c2_statistic(counts, t - 1, baseline, min_sigma) - 1)
    mean, sd = _mean_sd(_reference(counts, t, 2, baseline))
    observed = float(counts[t])
    upper = _pmax0(observed + max(sd, min_sigma) * (z - (lag2 + lag1)))  # 0*Inf is NaN, as in R
    if math.isnan(upper):
        return Day(t + 1, observed, mean, None, None)
    return Day(t + 1, observed, mean, upper, observed > upper)


def fixed_threshold(observed: float, *, threshold: float) -> bool:
    """Alarm when the count reaches the threshold (e.g. one positive result)."""
    return observed >= threshold


def ratio_to_baseline(
    observed: float, baseline: Sequence[float], *, k: float, min_count: float
) -> tuple[float, bool]:
    """Alarm when the window's count is above k times the baseline windows' mean and at least
    the minimum count (a village with no deaths before alarms only from the minimum count).
    Returns (expected, alarm)."""
    expected = statistics.fmean(baseline) if baseline else 0.0
    return expected, observed >= min_count and observed > k * expected


@dataclass(frozen=True)
class Farrington:
    expected: float
    upperbound: float
    alarm: bool
    trend: bool
    dispersion: float


def farrington_flexible(
    observed: float,
    reference: Sequence[float],
    times: Sequence[float],
    now: float,
    *,
    alpha: float = 0.05,
    min_count: float = 0,
) -> Farrington:
    """Farrington-flexible (Noufaily et al. 2013) for one time point: a quasi-Poisson GLM with
    log link on the reference counts at their times, a linear trend kept only when it is
    significant (p < 0.05) and does not predict beyond the reference's maximum, dispersion at
    least 1, and the upper bound of the 2/3-power transformed prediction interval."""
    import numpy as np
    import statsmodels.api as sm

    y = np.asarray(reference, dtype=float)
    t = np.asarray(times, dtype=float)
    if len(y) < 3 or len(y) != len(t):
        raise ValueError("at least 3 reference counts, one time each")
    if not y.any():
        # No case at all in the reference: nothing to fit; any case reaching min_count alarms.
        alarm = observed > 0 and observed >= min_count
        return Farrington(0.0, 0.0, alarm, False, 1.0)
    fit, x_now, trend = _fit(sm, np, y, t, now)
    mu = float(np.exp(x_now @ fit.params))
    dispersion = max(1.0, float(fit.pearson_chi2 / fit.df_resid)) if fit.df_resid > 0 else 1.0
    var_mu = mu * mu * float(x_now @ (fit.cov_params() * dispersion / fit.scale) @ x_now)
    z = _z(alpha)
    upper = (
        mu ** (2 / 3) + z * (2 / 3) * mu ** (-1 / 3) * math.sqrt(dispersion * mu + var_mu)
    ) ** (3 / 2)
    alarm = observed > upper and observed >= min_count
    return Farrington(mu, float(upper), alarm, trend, dispersion)


def _fit(sm: Any, np: Any, y: Any, t: Any, now: float) -> tuple[Any, Any, bool]:
    family = sm.families.Poisson()
    with_trend = sm.add_constant(t, has_constant="add")
    fit = sm.GLM(y, with_trend, family=family).fit(scale="X2")
    x_now = np.array([1.0, now])
    trend_ok = fit.pvalues[1] < 0.05 and float(np.exp(x_now @ fit.params)) <= y.max()
    if trend_ok:
        return fit, x_now, True
    flat = sm.GLM(y, np.ones((len(y), 1)), family=family).fit(scale="X2")
    return flat, np.array([1.0]), False


@dataclass(frozen=True)
class Judgement:
    observed: float
    expected: float | None
    alarm: bool


DEFAULT_BASELINE_WINDOWS = {"ratio": 4, "farrington": 12}


def days_needed(method: str, window: int, parameters: dict[str, float]) -> int:
    """How many daily counts, ending today, a method reads."""
    if method.startswith("ears_"):
        return first_judged_day(_ears_method(method))
    if method in DEFAULT_BASELINE_WINDOWS:
        windows = int(parameters.get("baseline_windows", DEFAULT_BASELINE_WINDOWS[method]))
        return window * (windows + 1)
    return window


def _ears_method(method: str) -> EarsMethod:
    return {"ears_c1": "C1", "ears_c2": "C2", "ears_c3": "C3"}[method]  # type: ignore[return-value]


def judge(
    method: str,
    parameters: dict[str, float],
    daily: Sequence[int],
    *,
    window: int,
    min_count: int,
) -> Judgement:
    """A rule's verdict on today, from the daily counts `days_needed` asked for (oldest
    first): the window's count, what was expected, and whether it alarms."""
    if method.startswith("ears_"):
        day = ears(daily, _ears_method(method))[-1]
        return Judgement(day.observed, day.expected, bool(day.alarm) and day.observed >= min_count)
    sums = _window_sums(daily, window)
    observed = float(sums[-1])
    if method == "threshold":
        alarm = fixed_threshold(observed, threshold=parameters.get("threshold", 1))
        return Judgement(observed, None, alarm and observed >= min_count)
    if method == "ratio":
        expected, alarm = ratio_to_baseline(
            observed, sums[:-1], k=parameters.get("k", 3), min_count=min_count
        )
        return Judgement(observed, expected, alarm)
    if method == "farrington":
        reference = sums[:-1]
        fit = farrington_flexible(
            observed,
            reference,
            list(range(len(reference))),
            float(len(reference)),
            alpha=parameters.get("alpha", 0.05),
            min_count=min_count,
        )
        return Judgement(observed, fit.expected, fit.alarm)
    raise ValueError(f"no count method {method!r}")


def quiet(method: str, daily: Sequence[int], *, window: int) -> bool:
    """Nothing counted in the judged window (EARS judges the last day): no count method
    alarms on a zero, so a replay need not judge the day."""
    judged = daily[-1:] if method.startswith("ears_") else daily[-window:]
    return not any(judged)


def below(value: float, *, threshold: float) -> bool:
    """Alarm when a rate falls under its floor (an antibody pass rate under 70%)."""
    return value < threshold


def _window_sums(daily: Sequence[int], window: int) -> list[int]:
    """Sums of consecutive windows ending with the last day, oldest first."""
    return [sum(daily[end - window : end]) for end in range(len(daily), window - 1, -window)][::-1]
