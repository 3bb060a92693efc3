"""Whatever sequence of issues, transfers and returns: ranges never overlap, no tag is lost
or created, and each tag ends with the holder the last successful move gave it."""

from itertools import pairwise

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartvet.core.errors import DomainError
from smartvet.eartags import services
from smartvet.eartags.models import TagRange
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, YAQUELING, code

TOTAL = 200
spans = st.tuples(st.integers(1, TOTAL), st.integers(0, 60)).map(
    lambda t: (t[0], min(TOTAL, t[0] + t[1]))
)
steps = st.lists(
    st.tuples(st.sampled_from(["issue_lq", "issue_yq", "return", "transfer"]), spans),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps)
def test_moves_keep_the_stock_whole(county_supervisor, steps):
    with transaction.atomic():
        factories.register(county_supervisor, 1, TOTAL)
        expected = dict.fromkeys(range(1, TOTAL + 1), "county:420506")
        for action, (first, last) in steps:
            target = {
                "issue_lq": f"township:{LONGQUAN}",
                "issue_yq": f"township:{YAQUELING}",
                "return": "county:420506",
            }.get(action)
            try:
                if action.startswith("issue"):
                    factories.issue(
                        county_supervisor,
                        first,
                        last,
                        to_region=LONGQUAN if action == "issue_lq" else YAQUELING,
                    )
                elif action == "return":
                    services.return_range(
                        actor=county_supervisor, start=code(first), end=code(last)
                    )
                else:
                    move = services.transfer_range(
                        actor=county_supervisor,
                        start=code(first),
                        end=code(last),
                        to_region=YAQUELING,
                    )
                    target = move.to_key
            except DomainError:
                continue
            for serial in range(first, last + 1):
                expected[serial] = target
        pieces = list(TagRange.objects.order_by("first"))
        for a, b in pairwise(pieces):
            assert a.last < b.first
        actual = {}
        for piece in pieces:
            for number in range(piece.first, piece.last + 1):
                actual[number % 10**8] = piece.holder_key
        assert actual == expected
        transaction.set_rollback(True)
