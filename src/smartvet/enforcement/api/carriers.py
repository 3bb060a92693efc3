"""API of the carriers (CONTRACT.md Enforcement): registered vehicles (the registry's register,
enforcement's pages) and dealers with their trades."""

from __future__ import annotations

from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from smartvet.core.access import require
from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.commands.carriers import RecordTrade, RegisterDealer
from smartvet.enforcement.queries import carriers as carrier_queries
from smartvet.enforcement.schemas import IdOut
from smartvet.enforcement.schemas.carriers import DealerOut, RegisteredOut, VehicleOut
from smartvet.enforcement.services import carriers
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle
from smartvet.registry.permissions import VIEW_VEHICLES

router = Router()
Id = Path(..., ge=1, le=MAX_ID)


# --- vehicles ---------------------------------------------------------------------------------


@router.post("/vehicles", response={201: RegisteredOut}, summary="车辆备案")
def register_vehicle(request, payload: RegisterVehicle):
    vehicle = registry_services.register_vehicle(actor=request.auth, command=payload)
    return Status(201, {"id": vehicle.pk, "plate": vehicle.plate})


@router.get("/vehicles", response=list[VehicleOut], summary="备案车辆（按车牌号或车主查询）")
@paginate(Page)
def list_vehicles(
    request, plate: str = Query("", max_length=20), q: str = Query("", max_length=50)
):
    require(request.auth, VIEW_VEHICLES)
    return registry_queries.vehicles_visible_to(request.auth, q=plate or q)


@router.post("/vehicles/{vehicle_id}/disinfections", response={201: IdOut}, summary="登记车辆洗消")
def disinfect(request, payload: RecordDisinfection, vehicle_id: int = Id):
    record = registry_services.record_disinfection(
        actor=request.auth, vehicle_id=vehicle_id, command=payload
    )
    return Status(201, {"id": record.pk})


# --- dealers ----------------------------------------------------------------------------------


@router.post("/dealers", response={201: DealerOut}, summary="贩运经纪人备案")
def register_dealer(request, payload: RegisterDealer):
    dealer = carriers.register_dealer(actor=request.auth, command=payload)
    return Status(201, dealer)


@router.get("/dealers", response=list[DealerOut], summary="贩运经纪人")
@paginate(Page)
def list_dealers(request, q: str = Query("", max_length=50)):
    return carrier_queries.dealers_visible_to(request.auth, q=q)


@router.post("/dealers/{dealer_id}/trades", response={201: IdOut}, summary="登记购销记录")
def record_trade(request, payload: RecordTrade, dealer_id: int = Id):
    record = carriers.record_trade(actor=request.auth, dealer_id=dealer_id, command=payload)
    return Status(201, {"id": record.pk})
