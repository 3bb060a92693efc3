"""Races on PostgreSQL (collected only in the PostgreSQL pass): two vets acting on one
declaration, two declarations claiming the same tags at the same moment. Exactly one wins;
nothing of the loser is written."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent
from smartvet.core.services import create_account
from smartvet.eartags import queries as eartag_queries
from smartvet.eartags import services as eartags
from smartvet.quarantine import services
from smartvet.quarantine.commands import InspectIn, RejectIn
from smartvet.quarantine.models import Certificate, Declaration
from smartvet.registry import queries as registry_queries
from tests.quarantine import factories

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Run the calls in threads released together; each result is a value or the exception
    the call raised (kept, so that a failing assertion shows it)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def second_vet():
    return create_account(
        actor=None,
        username="vet_longquan_2",
        password="x-password-1",
        role="official_vet",
        region="420506107",
        display_name="赵官方兽医",
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_vets_inspecting_one_declaration_issue_one_certificate(tagged, farm, round_):
    declaration = factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 4))
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    other = second_vet()
    results = race(
        *[
            lambda vet=vet: services.inspect_declaration(
                actor=vet, declaration_id=declaration.pk, command=InspectIn(result="pass")
            )
            for vet in (tagged.vet_longquan, other)
        ]
    )
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].code == "INVALID_TRANSITION", results
    assert Certificate.objects.count() == 1
    assert registry_queries.current_stock(farm)["fattening_pig"] == 96
    assert LedgerEvent.objects.filter(action="certificate.issued").count() == 1


def test_two_vets_accepting_and_rejecting_at_once(tagged, farm):
    declaration = factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    other = second_vet()
    results = race(
        lambda: services.accept_declaration(
            actor=tagged.vet_longquan, declaration_id=declaration.pk
        ),
        lambda: services.reject_declaration(
            actor=other, declaration_id=declaration.pk, command=RejectIn(reason="重复申报")
        ),
    )
    assert sum(isinstance(r, DomainError) for r in results) == 1, results
    declaration.refresh_from_db()
    assert declaration.status in {"accepted", "rejected"}
    assert (
        LedgerEvent.objects.filter(
            action__in=["declaration.accepted", "declaration.rejected"]
        ).count()
        == 1
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_declarations_claiming_the_same_tags_one_wins(tagged, farm, round_):
    codes = factories.tags(1, 5)
    results = race(
        lambda: factories.declare(tagged.farmer_longquan, farm, codes),
        lambda: factories.declare(tagged.station_longquan, farm, list(reversed(codes))),
    )
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].code == "EARTAG_IN_USE", results
    assert Declaration.objects.count() == 1
    assert eartag_queries.listed_codes(Declaration.objects.get().ref) == sorted(codes)
    assert LedgerEvent.objects.filter(action="declaration.submitted").count() == 1


def _two_packs(personas):
    """Tags 1-10 and 11-20 of one box in two packs (two ranges), issued to 龙泉镇."""
    for pack, first in (("1", 1), ("2", 11)):
        eartags.register_range(
            actor=personas.county_supervisor,
            start=factories.tag(first),
            end=factories.tag(first + 9),
            quantity=10,
            box="Q2",
            pack=pack,
        )
    eartags.distribute_range(
        actor=personas.county_supervisor,
        start=factories.tag(1),
        end=factories.tag(20),
        to_region="420506107",
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_vets_certifying_neighbouring_packs_of_the_township_both_succeed(personas, round_):
    # Each certificate issues its tags to the farm out of the township's pack, and joins the
    # farm's new piece with its neighbours: the end of one pack touches the next pack.
    _two_packs(personas)
    farms = [factories.ready_farm(personas), factories.ready_farm(personas)]
    declarations = [
        factories.declare(personas.farmer_longquan, farms[0], factories.tags(6, 5)),
        factories.declare(personas.farmer_longquan, farms[1], factories.tags(11, 5)),
    ]
    vets = [personas.vet_longquan, second_vet()]
    for vet, declaration in zip(vets, declarations, strict=True):
        services.accept_declaration(actor=vet, declaration_id=declaration.pk)
    results = race(
        *[
            lambda vet=vet, declaration=declaration: services.inspect_declaration(
                actor=vet, declaration_id=declaration.pk, command=InspectIn(result="pass")
            )
            for vet, declaration in zip(vets, declarations, strict=True)
        ]
    )
    assert all(isinstance(r, Declaration) for r in results), results
    assert Certificate.objects.count() == 2
    for farm, first in zip(farms, (6, 11), strict=True):
        held = eartag_queries.ranges_visible_to(
            personas.county_supervisor, holder=f"farm:{farm.pk}"
        )
        assert [(r.first % 10**8, r.last % 10**8) for r in held] == [(first, first + 4)]
