"""`smartvet bench`: the benchmark suite of DOMAIN.md §12.

Each app may ship a `bench.py` with `def run(ctx: BenchContext) -> list[Result]`. Every
figure is printed with the lower bound it is compared against (a bare indexed lookup, a
minimal view on the same server, the parse time of the same workbook), so a reader sees
how far the platform is from the best the machine could do."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

SCALES = {"small": 1, "county": 10, "province": 100}


def _three_figures(x: float) -> float:
    """Rounded to three significant figures: a figure far inside its bound (1 s of a
    5-minute goal) keeps a ratio above zero instead of rounding to 0.0."""
    return float(f"{x:.3g}")


@dataclass
class Result:
    name: str
    value: float
    unit: str
    bound: str
    bound_value: float
    ratio: float = field(init=False)

    def __post_init__(self) -> None:
        self.value = round(self.value, 4)
        self.bound_value = round(self.bound_value, 4)
        self.ratio = _three_figures(self.value / self.bound_value) if self.bound_value else 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BenchContext:
    scale: str
    database: str
    log: Callable[[str], None] = print

    @property
    def factor(self) -> int:
        return SCALES[self.scale]


def timed(func: Callable[[], Any]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def median_ms(func: Callable[[], Any], repeat: int = 20) -> float:
    return statistics.median(timed(func) for _ in range(repeat)) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000
