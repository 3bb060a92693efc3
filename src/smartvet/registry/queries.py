"""Reads of the farm registry, always scoped to the actor."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from smartvet.core.models import User
from smartvet.core.queries import region_label
from smartvet.registry import rules
from smartvet.registry.models import Farm, FarmStock, StockEvent


def farms_visible_to(
    actor: User, *, region: str = "", kind: str = "", q: str = "", complete: bool | None = None
) -> QuerySet[Farm]:
    """Farms the actor may see, filtered by region (any level), kind, completeness and a
    search over name, code, owner and phone."""
    queryset = Farm.objects.visible_to(actor).select_related("region")
    if region:
        queryset = queryset.filter(region__code__startswith=region)
    if kind:
        queryset = queryset.filter(kind=kind)
    if complete is not None:
        queryset = queryset.filter(is_complete=complete)
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(name__contains=q) | Q(code__startswith=q) | Q(owner_name__contains=q) | Q(phone=q)
        )
    return queryset.prefetch_related(
        Prefetch("stock_lines", queryset=FarmStock.objects.order_by("category"))
    )


def farm(actor: User, farm_id: int) -> Farm:
    return Farm.objects.get_visible(actor, id=farm_id)


def farm_by_code(actor: User, code: str) -> Farm:
    return Farm.objects.get_visible(actor, code=code)


def current_stock(farm: Farm) -> dict[str, int]:
    return {line.category: line.quantity for line in farm.stock_lines.all()}


def stock_history(actor: User, farm_id: int) -> QuerySet[StockEvent]:
    return StockEvent.objects.visible_to(actor).filter(farm_id=farm_id).select_related("actor")


def is_served_by(farm: Farm, account: User) -> bool:
    """The account (a vaccinator or a provider) serves the farm, itself or through the provider
    it works for (DOMAIN.md §7: who serves a farm)."""
    accounts = [account.pk] + ([account.provider_id] if account.provider_id else [])
    return farm.servers.filter(Q(pk__in=accounts) | Q(provider=account)).exists()


def server_ids(farm: Farm) -> list[int]:
    """The accounts serving the farm directly."""
    return list(farm.servers.values_list("pk", flat=True))


def members_of(actor: User, unit: Farm) -> QuerySet[Farm]:
    return Farm.objects.visible_to(actor).filter(unit=unit)


def sees_personal_data(actor: User, farm: Farm) -> bool:
    return actor.role in rules.PERSONAL_DATA_ROLES or farm.owner_id == actor.pk


def missing_fields(farm: Farm) -> list[str]:
    return rules.missing_fields(
        name=farm.name, phone=farm.phone, address=farm.address, stock=current_stock(farm)
    )


def farm_card(actor: User, farm: Farm, *, qr_url: str = "") -> dict[str, Any]:
    """The farm as the API and pages show it; ID and phone masked for roles that do not
    work with the owner in person."""
    personal = sees_personal_data(actor, farm)
    return {
        "id": farm.pk,
        "code": farm.code,
        "name": farm.name,
        "kind": farm.kind,
        "owner_name": farm.owner_name,
        "owner_id_number": farm.owner_id_number
        if personal
        else rules.mask_identity(farm.owner_id_number),
        "phone": farm.phone if personal else rules.mask_phone(farm.phone),
        "address": farm.address,
        "region": farm.region_id,
        "region_name": region_label(farm.region_id),
        "epidemic_certificate_no": farm.epidemic_certificate_no,
        "unit": farm.unit_id,
        "stock": current_stock(farm),
        "is_complete": farm.is_complete,
        "missing": missing_fields(farm),
        "qr_url": qr_url,
        "created_at": farm.created_at,
    }
