"""Range arithmetic for tag inventory: pure functions on inclusive (first, last) pairs.

Stock is held as ranges, never one row per tag, so every operation here costs in the
number of ranges touched, never in the number of tags they hold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Span(NamedTuple):
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def contains(self, value: int) -> bool:
        return self.first <= value <= self.last

    def overlaps(self, other: Span) -> bool:
        return self.first <= other.last and other.first <= self.last


def split(piece: Span, cut: Span) -> tuple[Span | None, Span | None, Span | None]:
    """(before, inside, after): the parts of `piece` left of, within and right of `cut`."""
    before = Span(piece.first, min(piece.last, cut.first - 1)) if piece.first < cut.first else None
    after = Span(max(piece.first, cut.last + 1), piece.last) if piece.last > cut.last else None
    inside_first, inside_last = max(piece.first, cut.first), min(piece.last, cut.last)
    inside = Span(inside_first, inside_last) if inside_first <= inside_last else None
    return before, inside, after


def gaps(pieces: Iterable[Span], want: Span) -> list[Span]:
    """The parts of `want` that no piece covers (pieces sorted by first, not overlapping)."""
    missing = []
    cursor = want.first
    for piece in pieces:
        if piece.last < cursor:
            continue
        if piece.first > want.last:
            break
        if piece.first > cursor:
            missing.append(Span(cursor, piece.first - 1))
        cursor = max(cursor, piece.last + 1)
        if cursor > want.last:
            break
    if cursor <= want.last:
        missing.append(Span(cursor, want.last))
    return missing


def overlapping_pairs(spans: Sequence[tuple[int, Span]]) -> list[tuple[int, int]]:
    """Pairs of keys whose spans overlap, for (key, span) items; sort once, sweep once."""
    ordered = sorted(spans, key=lambda item: (item[1].first, item[1].last))
    pairs: list[tuple[int, int]] = []
    reach_key, reach = 0, None
    for key, span in ordered:
        if reach is not None and span.first <= reach.last:
            pairs.append((reach_key, key))
        if reach is None or span.last > reach.last:
            reach_key, reach = key, span
    return pairs


def coalesce(spans: Iterable[Span]) -> list[Span]:
    """Adjacent or overlapping spans joined, sorted."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.first <= merged[-1].last + 1:
            merged[-1] = Span(merged[-1].first, max(merged[-1].last, span.last))
        else:
            merged.append(span)
    return merged


def total(spans: Iterable[Span]) -> int:
    return sum(span.size for span in spans)
