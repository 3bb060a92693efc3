"""一次发放, 二次发放 and returns: only what one holds, split and merged, every move recorded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.eartags import queries
from smartvet.eartags.models import TagMove, TagRange
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, YAQUELING, code
from tests.support.api import error_code

URL = "/api/v1/eartags/distributions"


def holders():
    return [
        (r.first % 10**8, r.last % 10**8, r.holder_key) for r in TagRange.objects.order_by("first")
    ]


def test_first_issue_of_a_sub_range_splits_the_box(api, county_supervisor, county_stock):
    response = api(county_supervisor).post(
        URL, {"start": code(101), "end": code(200), "to_region": LONGQUAN}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["tags"] == 100
    assert holders() == [
        (1, 100, "county:420506"),
        (101, 200, f"township:{LONGQUAN}"),
        (201, 1000, "county:420506"),
    ]
    assert LedgerEvent.objects.filter(action="eartags.first_issue").count() == 1
    move = TagMove.objects.get()
    assert (move.from_key, move.to_key, move.actor) == (
        "county:420506",
        f"township:{LONGQUAN}",
        county_supervisor,
    )


def test_second_issue_to_a_farm_and_a_vaccinator(
    api, station_longquan, township_stock, pig_farm, vaccinator_longquan
):
    client = api(station_longquan)
    assert (
        client.post(URL, {"start": code(1), "end": code(50), "to_farm": pig_farm.pk}).status_code
        == 201
    )
    assert (
        client.post(
            URL, {"start": code(51), "end": code(60), "to_vaccinator": "vaccinator_longquan"}
        ).status_code
        == 201
    )
    assert queries.tag_status(station_longquan, code(10))["holder"]["key"] == f"farm:{pig_farm.pk}"
    assert (
        queries.tag_status(station_longquan, code(55))["holder"]["vaccinator"]
        == "vaccinator_longquan"
    )
    assert queries.tag_status(station_longquan, code(55))["status"] == "issued"


def test_a_holder_issues_only_what_it_holds(
    api, county_supervisor, station_longquan, township_stock, pig_farm
):
    # The county no longer holds 1..500; 龙泉镇 does not hold 鸦鹊岭镇's 501..600.
    response = api(county_supervisor).post(
        URL, {"start": code(400), "end": code(700), "to_region": YAQUELING}
    )
    assert error_code(response) == "EARTAG_NOT_HELD"
    response = api(station_longquan).post(
        URL, {"start": code(490), "end": code(510), "to_farm": pig_farm.pk}
    )
    assert error_code(response) == "EARTAG_NOT_HELD"
    unregistered = api(station_longquan).post(
        URL, {"start": code(5000), "end": code(5001), "to_farm": pig_farm.pk}
    )
    assert error_code(unregistered) == "EARTAG_NOT_HELD"
    assert TagMove.objects.count() == 2  # the fixture's two first issues only


def test_the_same_range_cannot_be_issued_twice(county_supervisor, county_stock):
    factories.issue(county_supervisor, 1, 100, to_region=LONGQUAN)
    with pytest.raises(DomainError, match="EARTAG_NOT_HELD"):
        factories.issue(county_supervisor, 1, 100, to_region=YAQUELING)


def test_issuing_a_million_tags_is_one_range_operation(county_supervisor):
    """As many statements for a million tags as for a thousand, and few (the move, its
    ledger event and its outbox event included)."""
    factories.register(county_supervisor, 1, 5_000_000)
    with CaptureQueriesContext(connection) as thousand:
        factories.issue(county_supervisor, 3_000_001, 3_001_000, to_region=YAQUELING)
    with CaptureQueriesContext(connection) as million:
        move = factories.issue(county_supervisor, 1_000_001, 2_000_000, to_region=LONGQUAN)
    assert len(million) == len(thousand) <= 21
    assert move.quantity == 1_000_000
    assert TagRange.objects.count() == 5


def test_returns_go_back_up_and_merge_the_pieces(
    api, county_supervisor, station_longquan, township_stock, pig_farm
):
    factories.issue(station_longquan, 1, 100, to_farm=pig_farm.pk)
    response = api(station_longquan).post(
        "/api/v1/eartags/returns", {"start": code(1), "end": code(100)}
    )
    assert response.status_code == 201
    assert holders()[0] == (1, 500, f"township:{LONGQUAN}")  # merged again
    response = api(county_supervisor).post(
        "/api/v1/eartags/returns", {"start": code(1), "end": code(500)}
    )
    assert response.status_code == 201
    assert holders() == [
        (1, 500, "county:420506"),
        (501, 600, f"township:{YAQUELING}"),
        (601, 1000, "county:420506"),
    ]
    assert LedgerEvent.objects.filter(action="eartags.return").count() == 2


def test_a_return_must_come_from_below(api, county_supervisor, station_longquan, township_stock):
    # The county's own stock cannot be "returned" to it, nor mixed holders at once.
    response = api(county_supervisor).post(
        "/api/v1/eartags/returns", {"start": code(700), "end": code(800)}
    )
    assert error_code(response) == "EARTAG_NOT_HELD"
    response = api(county_supervisor).post(
        "/api/v1/eartags/returns", {"start": code(450), "end": code(550)}
    )
    assert error_code(response) == "EARTAG_NOT_HELD"
    response = api(station_longquan).post(
        "/api/v1/eartags/returns", {"start": code(1), "end": code(5)}
    )
    assert error_code(response) == "EARTAG_NOT_HELD"


def test_roles_and_regions(
    county_supervisor,
    station_longquan,
    station_yaqueling,
    farmer_longquan,
    jiyuan_supervisor,
    township_stock,
    pig_farm,
):
    with pytest.raises(PermissionDenied):
        factories.issue(farmer_longquan, 1, 10, to_farm=pig_farm.pk)
    with pytest.raises(PermissionDenied):  # a station does not do first issue
        factories.issue(station_longquan, 1, 10, to_region=YAQUELING)
    with pytest.raises(NotFound):  # another township's farm
        factories.issue(station_yaqueling, 501, 510, to_farm=pig_farm.pk)
    with pytest.raises(NotFound):  # a township of another county
        factories.issue(county_supervisor, 700, 710, to_region="419001100")
    with pytest.raises(NotFound):
        factories.issue(station_yaqueling, 501, 510, to_vaccinator="vaccinator_longquan")
    with pytest.raises(DomainError, match="EARTAG_NOT_HELD"):
        factories.issue(jiyuan_supervisor, 700, 710, to_region="419001100")


@pytest.mark.parametrize(
    "body,code_",
    [
        ({"start": "1-420506-0000001", "end": code(10), "to_region": LONGQUAN}, "EARTAG_MALFORMED"),
        ({"start": code(10), "end": code(1), "to_region": LONGQUAN}, "VALIDATION_ERROR"),
        ({"start": code(1), "end": code(10, "2"), "to_region": LONGQUAN}, "EARTAG_RANGE_MIXED"),
        ({"start": code(1), "end": code(10)}, "VALIDATION_ERROR"),
        (
            {"start": code(1), "end": code(10), "to_region": LONGQUAN, "to_farm": 1},
            "VALIDATION_ERROR",
        ),
        ({"start": code(1), "end": code(10), "to_region": "420506"}, "VALIDATION_ERROR"),
        ({"start": code(1), "end": code(10), "to_region": "4" * 13}, "VALIDATION_ERROR"),
        ({"start": code(1) * 3, "end": code(10), "to_region": LONGQUAN}, "VALIDATION_ERROR"),
    ],
)
def test_bad_distribution_requests(api, county_supervisor, county_stock, body, code_):
    response = api(county_supervisor).post(URL, body)
    assert response.status_code in {404, 422}
    assert error_code(response) == code_
    assert not TagMove.objects.exists()


def test_ranges_never_overlap_even_when_the_service_is_bypassed_on_sqlite(
    county_supervisor, county_stock
):
    """The service refuses overlap on every database (PostgreSQL also in the schema)."""
    with pytest.raises(DomainError, match="EARTAG_RANGE_OVERLAP"):
        factories.register(county_supervisor, 1000, 1001)
    with pytest.raises(DomainError, match="EARTAG_RANGE_OVERLAP"):
        factories.register(county_supervisor, 0, 5)
    assert TagRange.objects.count() == 1


def test_stock_summary_and_moves_are_scoped(
    api, county_supervisor, station_longquan, station_yaqueling, township_stock
):
    lines = api(county_supervisor).get("/api/v1/eartags/stock").json()
    assert lines["totals"]["in_stock"] == 1000
    assert {(line["holder"], line["tags"]) for line in lines["lines"]} == {
        ("county:420506", 400),
        (f"township:{LONGQUAN}", 500),
        (f"township:{YAQUELING}", 100),
    }
    mine = api(station_longquan).get("/api/v1/eartags/stock").json()
    assert [(line["holder"], line["tags"]) for line in mine["lines"]] == [
        (f"township:{LONGQUAN}", 500)
    ]
    moves = api(station_yaqueling).get("/api/v1/eartags/moves").json()
    assert moves["count"] == 0  # the county issued; 鸦鹊岭镇 sees its own stock, not county moves
    county_moves = api(county_supervisor).get("/api/v1/eartags/moves", q=code(550)).json()
    assert county_moves["count"] == 1 and county_moves["items"][0]["tags"] == 100


def test_range_lookup_shows_the_pieces_and_their_holders(api, county_supervisor, township_stock):
    found = (
        api(county_supervisor).get("/api/v1/eartags/ranges", start=code(450), end=code(650)).json()
    )
    assert [(i["first"], i["holder"]["key"]) for i in found["items"]] == [
        (code(1), f"township:{LONGQUAN}"),
        (code(501), f"township:{YAQUELING}"),
        (code(601), "county:420506"),
    ]
    by_box = api(county_supervisor).get("/api/v1/eartags/ranges", q="A1").json()
    assert by_box["count"] == 3


def test_transfers_between_holders_below_the_office(
    api, county_supervisor, station_longquan, township_stock, pig_farm
):
    client = api(county_supervisor)
    response = client.post(
        "/api/v1/eartags/transfers", {"start": code(401), "end": code(500), "to_region": YAQUELING}
    )
    assert response.status_code == 201 and response.json()["tags"] == 100
    assert (
        queries.tag_status(county_supervisor, code(450))["holder"]["key"] == f"township:{YAQUELING}"
    )
    assert [e["kind"] for e in queries.tag_events(county_supervisor, code(450))][
        -1
    ] == "transferred"
    same = client.post(
        "/api/v1/eartags/transfers", {"start": code(401), "end": code(500), "to_region": YAQUELING}
    )
    assert error_code(same) == "VALIDATION_ERROR"
    own = client.post(
        "/api/v1/eartags/transfers", {"start": code(700), "end": code(710), "to_region": YAQUELING}
    )
    assert error_code(own) == "EARTAG_NOT_HELD"  # the county's own stock is issued, not moved
    factories.issue(station_longquan, 1, 10, to_farm=pig_farm.pk)
    moved = api(station_longquan).post(
        "/api/v1/eartags/transfers",
        {"start": code(1), "end": code(10), "to_vaccinator": "vaccinator_longquan"},
    )
    assert moved.status_code == 201
    assert (
        queries.tag_status(station_longquan, code(5))["holder"]["vaccinator"]
        == "vaccinator_longquan"
    )


def test_absurd_farm_ids_are_refused_cleanly(api, station_longquan, township_stock):
    response = api(station_longquan).post(URL, {"start": code(1), "end": code(2), "to_farm": 2**70})
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    response = api(station_longquan).post(
        "/api/v1/eartags/fittings", {"farm": 10**30, "codes": [code(1)], "date": "2025-01-01"}
    )
    assert error_code(response) == "VALIDATION_ERROR"


def test_the_range_holding_a_code_is_found(api, county_supervisor, township_stock):
    found = api(county_supervisor).get("/api/v1/eartags/ranges", q="1-420506-00000555").json()
    assert [(i["first"], i["last"]) for i in found["items"]] == [(code(501), code(600))]
    none = api(county_supervisor).get("/api/v1/eartags/ranges", q=code(5555)).json()
    assert none["count"] == 0
