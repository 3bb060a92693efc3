from django.db import transaction
from django.utils import timezone

from smartvet.eartags import queries, services
from tests.eartags import factories
from tests.eartags.factories import code


def test_flow(county_supervisor, station_longquan, farmer_longquan, township_stock, pig_farm):
    factories.issue(station_longquan, 10, 19, to_farm=pig_farm.pk)
    assert queries.tag_status(station_longquan, code(12))["status"] == "issued"
    assert queries.tag_status(station_longquan, code(20))["status"] == "in_stock"
    factories.fit(farmer_longquan, pig_farm, [12])
    assert queries.tag_status(station_longquan, code(12))["status"] == "fitted"
    problems = services.steps.check_tags_for_declaration(
        farm=pig_farm, species="pig", codes=[code(12), code(13), code(550), "x"]
    )
    assert [p.code for p in problems] == ["EARTAG_MALFORMED", "EARTAG_NOT_IN_TOWNSHIP"]
    with transaction.atomic():
        services.steps.claim_tags(actor=farmer_longquan, farm=pig_farm, codes=[code(12)], ref="d:1")
    assert [
        p.code
        for p in services.steps.check_tags_for_declaration(
            farm=pig_farm, species="pig", codes=[code(12)]
        )
    ] == ["EARTAG_IN_USE"]
    with transaction.atomic():
        services.steps.dispatch_tags(actor=farmer_longquan, ref="d:1", certificate_no="C1")
    assert queries.tag_status(station_longquan, code(12))["status"] == "in_transit"
    with transaction.atomic():
        services.steps.arrive_tags(actor=farmer_longquan, ref="d:1")
    assert queries.tag_status(station_longquan, code(12))["status"] == "fitted"
    kinds = [e["kind"] for e in queries.tag_events(station_longquan, code(12))]
    assert kinds == [
        "registered",
        "issued",
        "issued",
        "fitted",
        "claimed",
        "in_transit",
        "arrived",
    ], kinds
    assert timezone.now()
