"""Tags still in the township's stock may be declared (seed 002 §二(二)); once certified, each
tag tells the truth: issued to the farm, fitted there, in transit (issue 10 point 2)."""

from __future__ import annotations

from smartvet.eartags import queries as eartag_queries
from tests.quarantine import factories


def test_a_certified_tag_from_township_stock_is_recorded_as_issued_and_fitted_on_the_farm(
    tagged, certificate, farm
):
    status = factories.tag_status(tagged, 1)
    assert status["status"] == "in_transit"
    assert status["holder"]["kind"] == "farm" and status["farm"]["id"] == farm.pk
    history = eartag_queries.tag_events(tagged.county_supervisor, factories.tag(1))
    kinds = [event["kind"] if isinstance(event, dict) else event.kind for event in history]
    assert "fitted" in kinds and kinds.index("fitted") < kinds.index("in_transit")


def test_tags_never_declared_stay_in_the_townships_stock(tagged, certificate):
    assert factories.tag_status(tagged, 6)["status"] == "in_stock"
    assert factories.tag_status(tagged, 6)["holder"]["kind"] == "township"


def test_the_vets_inspection_page_says_so_before_passing(client, tagged, declaration):
    from smartvet.quarantine import services

    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    client.force_login(tagged.vet_longquan)
    page = client.get(f"/quarantine/declarations/{declaration.pk}/").content.decode()
    assert "5枚耳标尚未发放或佩戴到本场" in page
