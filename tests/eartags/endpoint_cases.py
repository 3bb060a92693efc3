"""Access cases of the ear-tag API for the generic suite (tests/core/test_api_access.py)."""

from django.utils import timezone

from smartvet.core.spreadsheets import workbook_bytes
from smartvet.eartags import rules
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, code
from tests.support.endpoints import Because, Call, EndpointCase, Event, Nothing, Sent
from tests.support.factories import make_farm


def _stock(p):
    """County stock 1..1000; 1..500 with 龙泉镇; 1..100 with farmer_longquan's farm, 1..10
    fitted."""
    factories.register(p.county_supervisor, 1, 1000)
    factories.issue(p.county_supervisor, 1, 500, to_region=LONGQUAN)
    farm = make_farm(p.farmer_longquan)
    factories.issue(p.station_longquan, 1, 100, to_farm=farm.pk)
    factories.fit(p.farmer_longquan, farm, range(1, 11))
    return farm


def _workbook(p):
    data = workbook_bytes(rules.IMPORT_HEADER, [["A1", "1", code(1), code(100), 100]])
    return Call(files={"file": ("库存.xlsx", data)})


def _distribution(p):
    farm = _stock(p)
    return Call(body={"start": code(200), "end": code(210), "to_farm": farm.pk})


def _return(p):
    _stock(p)
    return Call(body={"start": code(1), "end": code(100)})


def _transfer(p):
    _stock(p)
    return Call(body={"start": code(1), "end": code(100), "to_vaccinator": "vaccinator_longquan"})


def _fitting(p):
    farm = _stock(p)
    return Call(
        body={
            "farm": farm.pk,
            "codes": [code(20), code(21)],
            "date": timezone.localdate().isoformat(),
        }
    )


def _replacement(p):
    farm = _stock(p)
    return Call(
        body={
            "farm": farm.pk,
            "old": code(1),
            "new": code(30),
            "date": timezone.localdate().isoformat(),
        }
    )


def _cancellation(p):
    _stock(p)
    return Call(body={"codes": [code(1), code(2)], "reason": "death"})


def _tag(p):
    _stock(p)
    return Call(params={"code": code(5)})


def _listing(p):
    _stock(p)
    return Call()


IN_THE_CODES = Because(
    "the county is read from the tag codes: another county's codes are the input's error "
    "(422 EARTAG_COUNTY_MISMATCH, tests/eartags/test_import.py)"
)
OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")

CASES = [
    EndpointCase(
        "get",
        "/api/v1/eartags/template",
        allowed="county_supervisor",
        forbidden=Because("a blank form without data: any signed-in account may download it"),
        foreign=Because("a blank form: it names no object or region"),
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/imports",
        setup=_workbook,
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign=IN_THE_CODES,
        records=(Event("eartags.registered", "eartags.importbatch"),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/ranges",
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign=IN_THE_CODES,
        records=(Event("eartags.registered", "eartags.importbatch"),),
        success=201,
        setup=lambda p: Call(body={"start": code(1), "end": code(10), "quantity": 10}),
    ),
    EndpointCase(
        "get",
        "/api/v1/eartags/ranges",
        setup=_listing,
        allowed="station_longquan",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/distributions",
        setup=_distribution,
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
        records=(Event("eartags.second_issue", "eartags.tagmove"),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/returns",
        setup=_return,
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
        records=(Event("eartags.return", "eartags.tagmove"),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/transfers",
        setup=_transfer,
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
        records=(Event("eartags.transfer", "eartags.tagmove"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/eartags/moves",
        setup=_listing,
        allowed="county_supervisor",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/eartags/stock",
        setup=_listing,
        allowed="station_longquan",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/fittings",
        setup=_fitting,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        records=(Event("eartags.fitted", "registry.farm", Sent("farm")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/replacements",
        setup=_replacement,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        records=(Event("eartags.replaced", "registry.farm", Sent("farm")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/eartags/cancellations",
        setup=_cancellation,
        allowed="station_longquan",
        forbidden="expert",
        foreign="station_yaqueling",
        records=(Event("eartags.cancelled", "eartags.tag", Nothing()),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/eartags/{code}",
        setup=_tag,
        allowed="farmer_longquan",
        forbidden=Because(
            "every role looks up a tag of its county: the vet, the checkpoint and the "
            "slaughterhouse check the tags they meet"
        ),
        foreign="jiyuan_supervisor",
    ),
]
