"""Server-side SVG charts: the geometry is computed here, the template draws it (no script,
no inline style, so the page keeps its CSP)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 48, 28, 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Any
    show_label: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    top_value: float
    axis_y: float
    left: int


def bars(points: list[dict[str, Any]]) -> Chart:
    """A bar per point, scaled to the largest value; every n-th label so they do not collide."""
    values = [float(p["value"] or 0) for p in points]
    top = max(values, default=0) or 1
    plot_height = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT) / max(1, len(points))
    every = max(1, len(points) // 12)
    drawn = []
    for index, (point, value) in enumerate(zip(points, values, strict=True)):
        height = plot_height * value / top
        drawn.append(
            Bar(
                x=round(LEFT + index * step + step * 0.1, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(step * 0.8, 1),
                height=round(height, 1),
                label=str(point["label"]),
                value=point["value"],
                show_label=index % every == 0,
            )
        )
    return Chart(WIDTH, HEIGHT, drawn, top, HEIGHT - BOTTOM, LEFT)
