"""PostgreSQL only: the database enforces what two simultaneous requests could break."""

import threading
import time
from itertools import pairwise

import pytest
from django.db import IntegrityError, connections, transaction

from smartvet.core.errors import DomainError
from smartvet.eartags import services
from smartvet.eartags.models import ImportBatch, TagClaim, TagMove, TagRange
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, YAQUELING, code
from tests.support.factories import make_farm

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls):
    """Run the calls in threads released together; each result is a value or the error."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def stock(personas):
    factories.register(personas.county_supervisor, 1, 1000)
    return personas


def test_two_issues_of_the_same_range_at_once_exactly_one_wins(stock):
    supervisor = stock.county_supervisor
    for _round in range(3):
        TagRange.objects.all().update(
            holder_kind="county", holder_key="county:420506", region_id="420506"
        )
        before = TagMove.objects.count()
        results = at_once(
            lambda: factories.issue(supervisor, 100, 300, to_region=LONGQUAN),
            lambda: factories.issue(supervisor, 200, 400, to_region=YAQUELING),
        )
        wins = [r for r in results if isinstance(r, TagMove)]
        losses = [r for r in results if isinstance(r, DomainError)]
        assert len(wins) == 1 and len(losses) == 1, results
        assert losses[0].code == "EARTAG_NOT_HELD"
        assert TagMove.objects.count() == before + 1
        pieces = list(TagRange.objects.order_by("first").values_list("first", "last"))
        assert all(a[1] < b[0] for a, b in pairwise(pieces))
        assert sum(b - a + 1 for a, b in pieces) == 1000


def test_two_declarations_claiming_the_same_tag_cannot_both_win(stock):
    p = stock
    farm = make_farm(p.station_longquan)
    factories.issue(p.county_supervisor, 1, 500, to_region=LONGQUAN)

    def claim(ref, serials):
        with transaction.atomic():
            services.steps.claim_tags(
                actor=p.farmer_longquan, farm=farm, codes=[code(s) for s in serials], ref=ref
            )
        return ref

    results = at_once(
        lambda: claim("declaration:1", range(1, 50)), lambda: claim("declaration:2", range(40, 90))
    )
    assert sorted(type(r).__name__ for r in results) == ["DomainError", "str"], results
    loser = next(r for r in results if isinstance(r, DomainError))
    assert loser.code == "EARTAG_IN_USE"
    assert TagClaim.objects.values("ref").distinct().count() == 1


def _range(first, last):
    return TagRange(
        first=int(code(first)),
        last=int(code(last)),
        batch=ImportBatch.objects.first(),
        holder_kind="county",
        holder_key="county:420506",
        region_id="420506",
    )


def _raw_range(first, last):
    """A range written past the services (no lock_blocks, no check): only the schema guards."""
    range_ = _range(first, last)
    range_.save()
    return range_


@pytest.mark.parametrize(
    "spans",
    [
        [(500, 1500)],  # across the stored range's end
        [(0, 1)],  # across its start
        [(2, 1000)],  # ending on the same code
        [(300, 400)],  # inside
        [(0, 2000)],  # around it
        [(2000, 3000), (2500, 2600)],  # one statement whose rows overlap each other
    ],
)
def test_the_database_itself_refuses_overlapping_ranges(stock, spans):
    with pytest.raises(IntegrityError, match="overlaps another range"), transaction.atomic():
        TagRange.objects.bulk_create([_range(first, last) for first, last in spans])
    assert list(TagRange.objects.values_list("first", "last")) == [(int(code(1)), int(code(1000)))]


def test_the_database_refuses_an_update_that_makes_an_overlap(stock):
    _raw_range(1001, 2000)
    with pytest.raises(IntegrityError, match="overlaps another range"), transaction.atomic():
        TagRange.objects.filter(first=int(code(1001))).update(first=int(code(999)))
    assert TagRange.objects.count() == 2


def test_two_raw_overlapping_inserts_at_once_exactly_one_is_stored(stock):
    """Two transactions writing overlapping ranges past the services' locks: the trigger's
    advisory lock makes the second check against what the first committed."""
    for round_ in range(3):
        base = 2000 + round_ * 1000

        def write(first, last):
            with transaction.atomic():
                _raw_range(first, last)
                time.sleep(0.2)  # both inserted before either commits
            return first

        results = at_once(lambda b=base: write(b, b + 500), lambda b=base: write(b + 400, b + 900))
        assert sorted(type(r).__name__ for r in results) == ["IntegrityError", "int"], results
        pieces = list(TagRange.objects.order_by("first").values_list("first", "last"))
        assert all(a[1] < b[0] for a, b in pairwise(pieces))
        assert len(pieces) == 2 + round_


def test_two_imports_of_overlapping_files_at_once_one_wins(personas):
    supervisor = personas.county_supervisor
    results = at_once(
        lambda: factories.register(supervisor, 1, 100_000),
        lambda: factories.register(supervisor, 50_000, 150_000),
    )
    assert sorted(type(r).__name__ for r in results) == ["DomainError", "ImportBatch"], results
    assert next(r for r in results if isinstance(r, DomainError)).code == "EARTAG_RANGE_OVERLAP"
    assert TagRange.objects.count() == 1
