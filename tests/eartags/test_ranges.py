from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from smartvet.eartags.ranges import Span, coalesce, gaps, overlapping_pairs, split


@st.composite
def spans(draw, low=0, high=10_000):
    first = draw(st.integers(low, high))
    return Span(first, draw(st.integers(first, high)))


@given(spans(), spans())
def test_split_partitions_the_piece_exactly(piece, cut):
    parts = [part for part in split(piece, cut) if part]
    assert sum(part.size for part in parts) == piece.size
    assert sorted(parts) == parts
    for a, b in pairwise(parts):
        assert a.last + 1 == b.first
    _before, inside, _after = split(piece, cut)
    if inside:
        assert cut.first <= inside.first and inside.last <= cut.last


@given(st.lists(spans(), max_size=8), spans())
def test_gaps_are_exactly_the_uncovered_codes(raw, want):
    pieces = coalesce(raw)
    missing = gaps(pieces, want)
    covered = {n for p in pieces for n in range(p.first, p.last + 1)}
    expected = [n for n in range(want.first, want.last + 1) if n not in covered]
    assert [n for g in missing for n in range(g.first, g.last + 1)] == expected


@given(st.lists(spans(high=200), max_size=10))
def test_overlapping_pairs_finds_an_overlap_whenever_there_is_one(raw):
    items = list(enumerate(raw))
    has_overlap = any(a.overlaps(b) for i, a in items for j, b in items if i < j)
    assert bool(overlapping_pairs(items)) == has_overlap


def test_split_in_the_middle_leaves_both_ends():
    assert split(Span(1, 100), Span(40, 60)) == (Span(1, 39), Span(40, 60), Span(61, 100))
