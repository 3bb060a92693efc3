"""The carriers' and cases' demo data: loaded twice, kept once."""

from smartvet.enforcement import demo
from smartvet.enforcement.models import Case, Dealer
from smartvet.registry import queries as registry_queries
from smartvet.registry.models import Vehicle


def test_the_demo_registers_vehicles_a_dealer_and_opens_a_case(personas):
    demo.load("x")
    demo.load("x")
    assert Vehicle.objects.count() == 2 and Dealer.objects.count() == 1
    assert registry_queries.registration_required("420506107")
    assert registry_queries.vehicle_status("鄂E·A1234", region="420506").disinfected
    case = Case.objects.get()  # no certificate in these tests' data: only the hand-opened case
    assert case.status == "investigating" and case.kind == "no_certificate"
