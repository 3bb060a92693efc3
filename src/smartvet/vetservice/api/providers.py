"""Endpoints of providers, the roster and the catalogue."""

from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import paginate

from smartvet.core.access import require
from smartvet.core.pagination import Page
from smartvet.vetservice import queries
from smartvet.vetservice.api.schemas import CatalogueOut, GuidePriceOut, ProviderOut, VaccinatorOut
from smartvet.vetservice.commands import EnrolVaccinator, RegisterProvider, SetGuidePrice
from smartvet.vetservice.permissions import VIEW_ROSTER, VIEW_SERVICES
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.services import catalogue, providers

router = Router(tags=["vetservice"])


@router.get("/services/catalogue", response=list[CatalogueOut])
def catalogue_list(request):
    """The caller's county's services with the guide price in force today (CONTRACT.md)."""
    require(request.auth, VIEW_SERVICES)
    return catalogue_queries.catalogue(request.auth)


@router.post("/services/catalogue/prices", response={201: GuidePriceOut})
def set_guide_price(request, payload: SetGuidePrice):
    return Status(201, catalogue.set_guide_price(actor=request.auth, command=payload))


@router.get("/services/providers", response=list[ProviderOut])
@paginate(Page)
def provider_list(request, township: str = "", q: str = ""):
    require(request.auth, VIEW_SERVICES)
    return queries.providers_visible_to(request.auth, township=township, q=q).prefetch_related(
        "villages"
    )


@router.post("/services/providers", response={201: ProviderOut})
def register_provider(request, payload: RegisterProvider):
    return Status(201, providers.register_provider(actor=request.auth, command=payload))


@router.get("/services/vaccinators", response=list[VaccinatorOut])
@paginate(Page)
def roster(request, region: str = "", q: str = "", expired: bool | None = None):
    require(request.auth, VIEW_ROSTER)
    return queries.roster_visible_to(
        request.auth, region=region, q=q, expired=expired
    ).select_related("provider__account")


@router.post("/services/vaccinators", response={201: VaccinatorOut})
def enrol_vaccinator(request, payload: EnrolVaccinator):
    return Status(201, providers.enrol_vaccinator(actor=request.auth, command=payload))
