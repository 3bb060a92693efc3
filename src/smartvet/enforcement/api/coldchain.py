"""API of the vaccine cold chain: dispatch with the outgoing temperature, receipt (too warm or
too cold holds the lot), release of held vaccine."""

from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.commands.coldchain import DispatchVaccine, ReceiveVaccine, ReleaseVaccine
from smartvet.enforcement.queries import coldchain as coldchain_queries
from smartvet.enforcement.schemas.coldchain import ShipmentOut
from smartvet.enforcement.services import coldchain

router = Router()
Id = Path(..., ge=1, le=MAX_ID)
Search = Query("", max_length=50)


@router.post("/shipments", response={201: ShipmentOut}, summary="疫苗冷链调出（出库温度）")
def dispatch_vaccine(request, payload: DispatchVaccine):
    return Status(201, coldchain.dispatch_vaccine(actor=request.auth, command=payload))


@router.get("/shipments", response=list[ShipmentOut], summary="疫苗冷链运输")
@paginate(Page)
def list_shipments(request, status: str = Search, q: str = Search):
    return coldchain_queries.shipments_visible_to(request.auth, status=status, q=q)


@router.post(
    "/shipments/{shipment_id}/receive", response=ShipmentOut, summary="疫苗签收（到货温度）"
)
def receive_vaccine(request, payload: ReceiveVaccine, shipment_id: int = Id):
    return coldchain.receive_vaccine(actor=request.auth, shipment_id=shipment_id, command=payload)


@router.post("/shipments/{shipment_id}/release", response=ShipmentOut, summary="放行暂停使用的疫苗")
def release_vaccine(request, payload: ReleaseVaccine, shipment_id: int = Id):
    return coldchain.release_vaccine(actor=request.auth, shipment_id=shipment_id, command=payload)
