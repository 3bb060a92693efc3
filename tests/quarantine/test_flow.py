"""The chain from declaration to slaughter through the services, as the user sees it."""

from smartvet.quarantine import queries, services
from smartvet.quarantine.commands import SlaughterIn
from smartvet.registry import queries as registry_queries
from tests.quarantine import factories


def test_a_declared_batch_is_certified_arrives_and_is_slaughtered(tagged, farm):
    codes = factories.tags(1, 5)
    declaration = factories.declare(tagged.farmer_longquan, farm, codes)
    assert declaration.status == "submitted"
    cert = factories.certify(tagged, declaration)
    assert cert.kind == "B"
    assert registry_queries.current_stock(farm)["fattening_pig"] == 95
    entry = services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=factories.command(SlaughterIn, certificate=cert.number, ear_tags=codes),
    )
    assert entry.reconciled and entry.matched == 5
    kinds = [e["kind"] for e in queries.tag_trace(tagged.vet_longquan, codes[0])["events"]]
    assert kinds.index("declared") < kinds.index("certified") < kinds.index("slaughtered")


def test_the_trace_tells_the_whole_life_of_a_tag(tagged, farm):
    codes = factories.tags(1, 3)
    factories.declare(tagged.farmer_longquan, farm, codes)  # fits nothing; fitted below
    kinds = [e["kind"] for e in queries.tag_trace(tagged.vet_longquan, codes[0])["events"]]
    assert kinds[:2] == ["registered", "issued"]
    assert "immunized" in kinds and "declared" in kinds
