"""API of the purification farms and whole-village sourcing (整村推进)."""

from datetime import date

from ninja import Query, Router, Status
from ninja.pagination import paginate

from smartvet.core.pagination import Page
from smartvet.enforcement.commands.purification import RegisterPurificationFarm
from smartvet.enforcement.queries import purification as purification_queries
from smartvet.enforcement.schemas import IdOut
from smartvet.enforcement.schemas.purification import PurificationFarmOut, SourcingOut
from smartvet.enforcement.services import purification

router = Router()
Search = Query("", max_length=50)
RegionQuery = Query("", max_length=12)


@router.post("/purification-farms", response={201: IdOut}, summary="登记净化场")
def register_purification_farm(request, payload: RegisterPurificationFarm):
    certificate = purification.register_purification_farm(actor=request.auth, command=payload)
    return Status(201, {"id": certificate.pk})


@router.get("/purification-farms", response=list[PurificationFarmOut], summary="净化场名录")
@paginate(Page)
def list_purification_farms(
    request, q: str = Search, level: str = Search, valid_on: date | None = None
):
    return purification_queries.purification_farms_visible_to(
        request.auth, q=q, level=level, valid_on=valid_on
    )


@router.get("/sourcing", response=SourcingOut, summary="整村推进：各村从净化场购入的户数占比")
def sourcing(
    request, region: str = RegionQuery, start: date | None = None, end: date | None = None
):
    rows = purification_queries.village_sourcing(request.auth, region=region, start=start, end=end)
    return {"items": rows}
