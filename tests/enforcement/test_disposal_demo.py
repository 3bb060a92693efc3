"""The chain's demo: a purification farm and a household that bought from it, a disposal
with a claim waiting for the county, and held vaccine; loading twice changes nothing."""

from smartvet.enforcement import demo
from smartvet.enforcement.models import Disposal, InsuranceClaim, PurificationFarm, Shipment
from smartvet.enforcement.queries import purification
from smartvet.registry import demo as registry_demo


def test_the_demo_builds_the_chain_once_when_loaded_twice(personas):
    registry_demo.load("x")
    demo.load("x")
    demo.load("x")
    assert PurificationFarm.objects.count() == 1
    assert Disposal.objects.count() == 1
    assert InsuranceClaim.objects.get().status == "claimed"
    shipment = Shipment.objects.get()
    assert shipment.status == "held" and shipment.lot.held
    rows = purification.village_sourcing(personas.bureau)
    assert [(row.buyers, row.from_purification) for row in rows] == [(1, 1)]
