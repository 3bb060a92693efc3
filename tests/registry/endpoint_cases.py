from smartvet.core.spreadsheets import workbook_bytes
from smartvet.registry.services import IMPORT_HEADER
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param
from tests.support.factories import LONGQUAN, LONGQUAN_VILLAGE, make_farm

FARM = {
    "name": "接口测试养殖场",
    "kind": "scale",
    "owner_name": "张三",
    "owner_id_number": "420506197503124511",
    "phone": "13907171234",
    "address": "龙泉镇龙泉一村",
    "region": LONGQUAN_VILLAGE,
    "stock": {"sow": 10},
}


def _farm(personas) -> Call:
    farm = make_farm(personas.station_longquan)
    return Call(params={"farm_id": farm.pk})


def _stock_event(personas) -> Call:
    call = _farm(personas)
    call.body = {"category": "sow", "kind": "birth", "quantity": 3, "date": "2026-01-05"}
    return call


def _patch(personas) -> Call:
    call = _farm(personas)
    call.body = {"address": "龙泉镇龙泉三村"}
    return call


def _workbook(personas) -> Call:
    row = [
        "导入养殖场",
        "散养户",
        "李四",
        "",
        "13907171235",
        "龙泉一村",
        LONGQUAN_VILLAGE,
        "",
        5,
        *[""] * (len(IMPORT_HEADER) - 9),
    ]
    return Call(files={"file": ("farms.xlsx", workbook_bytes(IMPORT_HEADER, [row]))})


FARMS_FOR_EVERY_ROLE = Because(
    "every role reads the farms within its reach (a farmer only its own): no role is refused"
)

CASES = [
    EndpointCase(
        "post",
        "/api/v1/farms",
        allowed="station_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        # the station gives the owner (the farm's mobile number) an account
        records=(Event("account.created", "core.user"), Event("farm.registered", "registry.farm")),
        success=201,
        setup=lambda p: Call(body=dict(FARM)),
    ),
    EndpointCase(
        "get",
        "/api/v1/farms",
        allowed="station_longquan",
        forbidden=FARMS_FOR_EVERY_ROLE,
        foreign="station_yaqueling",
        setup=lambda p: Call(body={"region": LONGQUAN}),
    ),
    EndpointCase(
        "get",
        "/api/v1/farms/{farm_id}",
        allowed="vet_longquan",
        forbidden=FARMS_FOR_EVERY_ROLE,
        foreign="station_yaqueling",
        setup=_farm,
    ),
    EndpointCase(
        "patch",
        "/api/v1/farms/{farm_id}",
        allowed="station_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        records=(Event("farm.updated", "registry.farm", Param("farm_id")),),
        setup=_patch,
    ),
    EndpointCase(
        "post",
        "/api/v1/farms/{farm_id}/stock-events",
        allowed="station_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        records=(Event("farm.stock_changed", "registry.farm", Param("farm_id")),),
        success=201,
        setup=_stock_event,
    ),
    EndpointCase(
        "post",
        "/api/v1/farms/imports",
        allowed="station_longquan",
        forbidden="slaughterhouse",
        foreign=Because(
            "each row names its region: a row outside the caller's reach is a row error "
            "(422 IMPORT_INVALID, tests/registry/test_farms.py TestBulkImport)"
        ),
        records=(Event("account.created", "core.user"), Event("farm.registered", "registry.farm")),
        success=201,
        setup=_workbook,
    ),
]
