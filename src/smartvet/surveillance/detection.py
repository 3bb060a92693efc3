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


# R's farringtonFlexible defaults (surveillance 1.20): reweighting above this Anscombe
# residual, a trend kept below this p-value, no alarm with fewer than 5 cases in the last 4
# periods (limit54).
FARRINGTON_WEIGHTS_THRESHOLD = 2.58
FARRINGTON_P_TREND = 0.05
LIMIT54 = (5, 4)


@dataclass(frozen=True)
class Farrington:
    """One judged period. `upperbound` and `expected` are the model's even when limit54
    silences the alarm (`enough_cases` False), where R reports NA for both."""

    expected: float
    upperbound: float
    alarm: bool
    trend: bool
    dispersion: float
    enough_cases: bool


def farrington_flexible(
    observed: float,
    reference: Sequence[float],
    *,
    alpha: float = 0.05,
    min_count: float = 0,
) -> Farrington:
    """Farrington-flexible (Noufaily et al. 2013) for the period after `reference` (one count
    per past period, oldest first), equal to R's `surveillance::farringtonFlexible` with its
    defaults on the same counts given with frequency 1 and b = len(reference), w = 0,
    noPeriods = 1 (no seasonal blocks), pastWeeksNotIncluded = 0: R's reference set is then
    exactly ours (tests/surveillance/farrington_oracle.R). Like R's defaults:
    - a quasi-Poisson GLM with log link on the reference at times 0..n-1, without population
      offset (populationOffset FALSE), refitted with weights from its Anscombe residuals s
      (reweight; s above 2.58, i.e. past outbreaks, weigh s^-2 and the others 1, scaled to
      sum to n); dispersion phi at least 1;
    - a linear trend only when it is significant (t-test, pThresholdTrend 0.05) and does not
      predict beyond the largest reference count (R's third condition, b >= 3, holds: at
      least 3 reference counts are required); otherwise the model without it;
    - the bound of R's default thresholdMethod "delta": the 2/3-power transformed prediction
      interval (powertrans "2/3"), one-sided alpha. We keep it rather than Noufaily's
      negative-binomial quantiles ("nbPlugin"/"muan", which she recommends) because DOMAIN.md
      names R's method, and its default is what R's users and our oracle compute;
    - alarm when the count exceeds the bound and the last 4 periods (today's included) hold
      at least 5 cases (limit54); our rules add their minimum count;
    - glmWarnings: R prints glm's warnings and carries on; so do we, silently.
    Two of R's details are followed to give R's figures: the fit is R's glm.fit step by step
    (start, stopping rule, the weights it reports; even a reference without any case then
    gives R's expectation near 1e-11), and the prediction's standard error and the trend's
    t-test use the dispersion R computes after replacing the working weights (_Reweighted).
    Where R stops with an error (a trend through a lone case at an end, e.g. 0, 0, 1: a
    leverage of 1 weighs it 0 and R's `if (doTrend == FALSE)` meets NA), we go on: the
    rounding gives that count a NaN residual and the weight 1.
    """
    if len(reference) < 3:
        raise ValueError("at least 3 reference counts")
    recent = [*reference[-(LIMIT54[1] - 1) :], observed]
    enough_cases = sum(recent) >= LIMIT54[0]
    model = _farrington_model(reference)
    mu, se_fit = model.prediction
    tau = model.phi + se_fit**2 / mu
    se = math.sqrt(4 / 9 * mu ** (1 / 3) * tau)
    upper = (mu ** (2 / 3) + _z(alpha) * se) ** (3 / 2)
    # R alarms on a score (observed - mu) / (upper - mu) above 1; upper > mu as se > 0.
    alarm = enough_cases and observed > upper and observed >= min_count
    return Farrington(mu, upper, alarm, model.trend, model.phi, enough_cases)


@dataclass(frozen=True)
class _Model:
    prediction: tuple[float, float]  # the expectation for the judged period and its se
    phi: float
    trend: bool


@dataclass(frozen=True)
class _Fit:
    """A quasi-Poisson fit as R's glm returns it: the coefficients' unscaled covariance and the
    working weights are those of the last iteration's least squares (from the previous
    means), the dispersion is Pearson's statistic with those weights."""

    params: Any
    mu: Any
    weights: Any  # R's object$weights
    cov_unscaled: Any
    df_resid: float
    converged: bool
    result: Any  # statsmodels' results, for its t-test

    def dispersion(self, y: Any, weights: Any = None) -> float:
        """summary.glm's dispersion: sum(weights * ((y - mu) / mu)^2) / df.residual."""
        import numpy as np

        w = self.weights if weights is None else weights
        return float(np.sum(w * ((y - self.mu) / self.mu) ** 2) / self.df_resid)

    def hat(self, design: Any) -> Any:
        import numpy as np

        return self.weights * np.einsum("ij,jk,ik->i", design, self.cov_unscaled, design)


@dataclass(frozen=True)
class _Reweighted:
    """A reweighted fit as R's algo.farrington.glm reads it: `phi` the fit's dispersion (at
    least 1); `cov` the covariance R's summary.glm and predict.glm use. R overwrites the fit's
    working weights with the prior weights, so those two see the dispersion
    sum(prior weights * ((y - mu) / mu)^2) / df, not Pearson's; we follow R's figures."""

    fit: _Fit
    phi: float
    cov: Any

    def predict(self, now: int) -> tuple[float, float]:
        """The expectation at time `now` and its standard error (predict.glm, response)."""
        import numpy as np

        x = np.array([1.0, float(now)])[: self.fit.params.size]
        mu = float(np.exp(x @ self.fit.params))
        return mu, mu * math.sqrt(float(x @ self.cov @ x))

    def trend_p(self) -> float:
        """The trend's t-test p-value (summary.glm's Pr(>|t|))."""
        import numpy as np

        return float(self.fit.result.t_test(np.array([[0.0, 1.0]]), cov_p=self.cov).pvalue)


def _farrington_model(reference: Sequence[float]) -> _Model:
    """R's algo.farrington.glm: the trend model, kept only when its trend is significant and
    it does not extrapolate beyond the reference; otherwise the model without trend."""
    import numpy as np

    y = np.asarray(reference, dtype=float)
    model = _reweighted_fit(y, trend=True)
    if model.fit.params.size == 2:
        prediction = model.predict(len(y))
        if model.trend_p() < FARRINGTON_P_TREND and prediction[0] <= y.max():
            return _Model(prediction, model.phi, True)
        model = _reweighted_fit(y, trend=False)
    return _Model(model.predict(len(y)), model.phi, False)


def _reweighted_fit(y: Any, *, trend: bool) -> _Reweighted:
    """R's algo.farrington.fitGLM.flexible: the quasi-Poisson fit (without trend when the
    trend model does not converge), refitted with the weights of its Anscombe residuals."""
    import numpy as np

    times = np.arange(len(y), dtype=float)
    design = np.column_stack([np.ones_like(times), times]) if trend else np.ones((len(y), 1))
    first = _quasi_poisson(y, design)
    if trend and not first.converged:
        return _reweighted_fit(y, trend=False)
    phi = max(first.dispersion(y), 1.0)
    mu = first.mu
    anscombe = 1.5 * (y ** (2 / 3) * mu ** (-1 / 6) - mu**0.5)
    with np.errstate(invalid="ignore"):  # a leverage of 1 less rounding: NaN, weight 1
        weights = _anscombe_weights(anscombe / np.sqrt(phi * (1 - first.hat(design))))
    fit = _quasi_poisson(y, design, weights)
    return _Reweighted(
        fit, max(fit.dispersion(y), 1.0), fit.cov_unscaled * fit.dispersion(y, weights)
    )


def _anscombe_weights(s: Any) -> Any:
    """R's algo.farrington.assign.weights: s^-2 above the threshold, 1 below, scaled to
    sum to the number of counts."""
    import numpy as np

    above = s > FARRINGTON_WEIGHTS_THRESHOLD
    raw = np.ones_like(s)
    raw[above] = s[above] ** -2.0
    return raw * (len(s) / raw.sum())


def _quasi_poisson(y: Any, design: Any, weights: Any = None) -> _Fit:
    """R's glm.fit for quasipoisson(link = "log"): IRLS from mu = y + 0.1, stopping when
    |deviance - previous| / (|deviance| + 0.1) < 1e-8 or after 25 iterations."""
    import warnings

    import statsmodels.api as sm

    class RStart(sm.families.Poisson):  # type: ignore[misc]
        def starting_mu(self, y: Any) -> Any:
            return y + 0.1  # quasipoisson()$initialize

    model = sm.GLM(y, design, family=RStart(), var_weights=weights)
    with warnings.catch_warnings():
        # A diverging trend (a single case at an end) is seen by `converged`, as in R.
        warnings.simplefilter("ignore")
        # Scale 1: the iteration compares unscaled deviances, as R's does; R's test
        # |change| < 1e-8 * (|deviance| + 0.1) is atol 1e-9 plus rtol 1e-8.
        result = model.fit(scale=1.0, maxiter=25, atol=1e-9, rtol=1e-8, use_t=True)
    return _Fit(
        params=result.params,
        mu=result.mu,
        weights=model.weights,
        cov_unscaled=result.normalized_cov_params,
        df_resid=result.df_resid,
        converged=result.converged,
        result=result,
    )


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
        fit = farrington_flexible(
            observed, sums[:-1], alpha=parameters.get("alpha", 0.05), min_count=min_count
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
