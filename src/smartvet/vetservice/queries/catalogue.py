"""Reads of the county's service catalogue and its prices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from smartvet.core import regions
from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.models import AgreedPrice, Agreement, AgreementStatus, GuidePrice, Service


def county_services(county: str) -> QuerySet[Service]:
    return Service.objects.filter(county_id=county).prefetch_related("prices")


def actor_county(actor: User) -> str | None:
    return regions.county_of(actor.region_id)


@dataclass(frozen=True)
class CatalogueLine:
    service: Service
    guide_price: Decimal | None


def catalogue(actor: User, *, on: date | None = None) -> list[CatalogueLine]:
    """The caller's county's services with the guide price in force (today by default)."""
    county = actor_county(actor)
    if county is None:
        return []
    on = on or timezone.localdate()
    return [
        CatalogueLine(service, guide_price(service, on))
        for service in county_services(county).order_by("kind", "id")
    ]


def guide_price(service: Service, on: date) -> Decimal | None:
    return rules.price_on(
        ((price.effective_from, price.price) for price in service.prices.all()), on
    )


def service_by_code(county: str, code: str) -> Service | None:
    return Service.objects.filter(county_id=county, code=code).first()


def price_history(service: Service) -> QuerySet[GuidePrice]:
    return service.prices.order_by("-effective_from")


def agreed_price(farm_id: int, service: Service, on: date) -> Decimal | None:
    """The price of an active agreement of the farm that covers the service on that day."""
    return (
        AgreedPrice.objects.filter(
            agreement__farm_id=farm_id,
            agreement__status=AgreementStatus.ACTIVE,
            agreement__starts_on__lte=on,
            agreement__ends_on__gte=on,
            service=service,
        )
        .order_by("-agreement__starts_on")
        .values_list("price", flat=True)
        .first()
    )


def active_agreements(
    farm_id: int, on: date, service: Service | None = None
) -> QuerySet[Agreement]:
    agreements = Agreement.objects.filter(
        farm_id=farm_id, status=AgreementStatus.ACTIVE, starts_on__lte=on, ends_on__gte=on
    )
    if service is not None:
        agreements = agreements.filter(services=service)
    return agreements.select_related("provider__account", "provider__dispatcher").order_by("id")
