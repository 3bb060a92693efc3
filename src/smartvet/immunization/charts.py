"""Inline SVG charts drawn on the server: no JS library, no CDN (the county intranet)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 110
CHART_WIDTH = 340


def density_bars(rows: list[dict[str, Any]]) -> SafeString:
    """Horizontal bars of density per unit, with the 90% and 100% target lines; scaled to
    120% so units above 100% (catch-up of new animals) stay visible."""
    if not rows:
        return mark_safe("")
    top = 120.0
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    height = len(rows) * (BAR_HEIGHT + GAP) + 24
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-size="11">'
    ]
    for percent, anchor in ((90, "end"), (100, "start")):
        x = LABEL_WIDTH + plot * percent / top
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" '
            f'stroke="#b54708" stroke-dasharray="3 2"/>'
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}" '
            f'fill="#5d6b7a">{percent}%</text>'
        )
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        value = float(row["density"] or 0)
        width = plot * min(value, top) / top
        color = "#067647" if value >= 100 else ("#0b6e4f" if value >= 90 else "#b42318")
        label = escape(str(row["name"])[:9])
        parts.append(
            f'<text x="{LABEL_WIDTH - 4}" y="{y + 15}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{color}"><title>{label} {value}%</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 3:.1f}" y="{y + 15}">{value:g}%</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
