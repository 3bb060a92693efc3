"""The bulletin's chart: a line of weekly mean prices as a server-side SVG (no script, so it
prints and passes the page's content security policy)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 36, 44


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        low, high = low * 0.9, high * 1.1 or 1.0
    pad = (high - low) * 0.1
    return low - pad, high + pad


def line_svg(
    labels: Sequence[str], values: Sequence[Decimal | None], *, title: str, unit: str
) -> str:
    """Weeks along the bottom, prices up the side; a week without prices leaves a gap."""
    known = [float(v) for v in values if v is not None]
    if not known:
        return ""
    low, high = _scale(known)
    step = (WIDTH - LEFT - RIGHT) / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + (high - v) / (high - low) * (HEIGHT - TOP - BOTTOM)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f'<text x="{LEFT}" y="22" font-size="18">{escape(title)}（{escape(unit)}）</text>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#999"/>',
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="15" '
            f'text-anchor="end">{tick:.2f}</text>'
        )
    segment: list[str] = []
    segments = []
    for i, value in enumerate(values):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 16}" font-size="15" '
            f'text-anchor="middle">{escape(labels[i])}</text>'
        )
        if value is None:
            segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(float(value)):.1f}")
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(float(value)):.1f}" r="3" fill="#1769aa">'
            f"<title>{escape(labels[i])}: {float(value):.2f}</title></circle>"
        )
    segments.append(segment)
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline fill="none" stroke="#1769aa" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
