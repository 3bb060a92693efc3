"""Whatever sequence of issues, transfers and returns: a move happens exactly when the rules
allow it (a model of who holds each tag says so), ranges never overlap, no tag is lost or
created, and each tag ends with the holder the last move gave it. A service that refused
every move, or allowed one it should refuse, fails here."""

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartvet.core.errors import DomainError
from smartvet.eartags import services
from smartvet.eartags.models import ImportBatch, TagMove, TagRange
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, YAQUELING, code

TOTAL = 200
COUNTY = "county:420506"
TOWNSHIPS = {"lq": LONGQUAN, "yq": YAQUELING}
spans = st.tuples(st.integers(1, TOTAL), st.integers(0, 60)).map(
    lambda t: (t[0], min(TOTAL, t[0] + t[1]))
)
steps = st.lists(
    st.tuples(
        st.sampled_from(["issue", "return", "transfer"]), st.sampled_from(["lq", "yq"]), spans
    ),
    min_size=1,
    max_size=12,
)


def expected_outcome(holders: dict[int, str], action: str, township: str, span) -> str | None:
    """The holder the span goes to when the move is allowed, None when it must be refused:
    the county issues only its own stock; it takes back or moves on only a span that one
    township holds whole, and never to the township that holds it."""
    keys = {holders[serial] for serial in range(span[0], span[1] + 1)}
    target = f"township:{township}"
    if action == "issue":
        return target if keys == {COUNTY} else None
    below = len(keys) == 1 and next(iter(keys)).startswith("township:")
    if action == "return":
        return COUNTY if below else None
    return target if below and keys != {target} else None


def _move(supervisor, action: str, township: str, span):
    start, end = code(span[0]), code(span[1])
    if action == "issue":
        return services.distribute_range(actor=supervisor, start=start, end=end, to_region=township)
    if action == "return":
        return services.return_range(actor=supervisor, start=start, end=end)
    return services.transfer_range(actor=supervisor, start=start, end=end, to_region=township)


def _fresh_stock(supervisor) -> None:
    """Each example starts from the county's own 1..TOTAL (the services commit their own
    durable transactions, so an example cannot be rolled back)."""
    TagRange.objects.all().delete()
    TagMove.objects.all().delete()
    ImportBatch.objects.all().delete()
    factories.register(supervisor, 1, TOTAL)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps)
def test_moves_happen_exactly_when_allowed_and_keep_the_stock_whole(county_supervisor, steps):
    _fresh_stock(county_supervisor)
    holders = dict.fromkeys(range(1, TOTAL + 1), COUNTY)
    allowed = 0
    for action, township, span in steps:
        target = expected_outcome(holders, action, TOWNSHIPS[township], span)
        try:
            move = _move(county_supervisor, action, TOWNSHIPS[township], span)
        except DomainError as refusal:
            assert target is None, (action, township, span, refusal.code)
            assert refusal.code in {"EARTAG_NOT_HELD", "VALIDATION_ERROR"}, refusal.code
            continue
        assert target is not None, (action, township, span, "allowed a refused move")
        assert (move.to_key, move.quantity) == (target, span[1] - span[0] + 1)
        allowed += 1
        for serial in range(span[0], span[1] + 1):
            holders[serial] = target
    pieces = list(TagRange.objects.order_by("first"))
    for a, b in pairwise(pieces):
        assert a.last < b.first
    actual = {}
    for piece in pieces:
        for number in range(piece.first, piece.last + 1):
            actual[number % 10**8] = piece.holder_key
    assert actual == holders
    assert TagMove.objects.count() == allowed  # every move made is on record, no other
