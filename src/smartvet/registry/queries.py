"""Reads of the farm registry, always scoped to the actor. Other apps read farms, their stock
and who serves them only through these functions (DESIGN.md: one way across apps)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from smartvet.core import regions
from smartvet.core.access import can, require_reach, within
from smartvet.core.models import User
from smartvet.core.permissions import ENROL_FARMER, SEE_PERSONAL_DATA
from smartvet.core.personal import mask_identity, mask_phone
from smartvet.core.services import activation_code_for
from smartvet.registry import rules
from smartvet.registry.models import (
    Farm,
    FarmServer,
    FarmStock,
    StockEvent,
    Vehicle,
    VehicleDisinfection,
    VehicleRule,
)


def farms_visible_to(
    actor: User,
    *,
    region: str = "",
    kind: str = "",
    q: str = "",
    complete: bool | None = None,
    served_only: bool = False,
) -> QuerySet[Farm]:
    """Farms the actor may see, filtered by region (any level; one outside the actor's reach
    is NOT_FOUND), kind, completeness, a search over name, code, owner and phone, and
    (`served_only`) to the farms the actor serves."""
    queryset = Farm.objects.visible_to(actor).select_related("region")
    if region:
        require_reach(actor, region)
        queryset = queryset.filter(within("region_id", region))
    if kind:
        queryset = queryset.filter(kind=kind)
    if complete is not None:
        queryset = queryset.filter(is_complete=complete)
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(name__contains=q) | Q(code__startswith=q) | Q(owner_name__contains=q) | Q(phone=q)
        )
    if served_only:
        queryset = queryset.filter(pk__in=_serving(actor).values("farm_id"))
    return queryset.prefetch_related(
        Prefetch("stock_lines", queryset=FarmStock.objects.order_by("category"))
    )


def farm(actor: User, farm_id: int) -> Farm:
    return Farm.objects.get_visible(actor, id=farm_id)


def farm_by_code(actor: User, code: str) -> Farm:
    return Farm.objects.get_visible(actor, code=code)


def destination_farm(*, farm_id: int | None = None, code: str = "") -> Farm | None:
    """The farm animals are sent to, named by its id (an API client) or by the code printed
    on its card; None when there is none. Unscoped: a destination lies anywhere (quarantine
    names it on a declaration the actor may make, and shows it as the paper does)."""
    if farm_id is not None:
        return Farm.objects.filter(pk=farm_id).first()
    return Farm.objects.filter(code="".join(code.split())).first()


def current_stock(farm: Farm) -> dict[str, int]:
    return {line.category: line.quantity for line in farm.stock_lines.all()}


@dataclass(frozen=True)
class StockRow:
    farm_id: int
    farm_name: str
    region_id: str
    category: str
    quantity: int


def stock_rows(farms: QuerySet[Farm], categories: Iterable[str] | None = None) -> list[StockRow]:
    """The stock kept on these farms (already scoped by the caller), one row per farm and
    category with animals, for overviews that sum it (immunization density, sampling)."""
    lines = FarmStock.objects.filter(farm__in=farms, quantity__gt=0)
    if categories is not None:
        lines = lines.filter(category__in=list(categories))
    return [
        StockRow(*values)
        for values in lines.values_list(
            "farm_id", "farm__name", "farm__region_id", "category", "quantity"
        )
    ]


def stock_history(actor: User, farm_id: int) -> QuerySet[StockEvent]:
    return (
        StockEvent.objects.visible_to(actor)
        .filter(farm_id=farm_id)
        .select_related("actor", "source_farm")
    )


def purchases_in(region: str, start: date | None, end: date | None) -> QuerySet[StockEvent]:
    """Purchase-in events of the farms under `region` in a span of days, for a caller that
    checked the region lies within its reach (enforcement's whole-village sourcing and its
    supervision indicator)."""
    rows = StockEvent.objects.filter(within("farm__region_id", region), kind="purchase")
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    return rows


# What a farm may have sent away over a period: the stock it started with and what came in.
ADDITIONS = ("opening", "birth", "purchase")


def stock_available_in(region: str, first: date, last: date) -> dict[tuple[int, str], int]:
    """Per farm under `region` and category: the stock at the start of [first, last] (the
    balance after the last stock event dated before `first`) plus the animals added within
    it (opening stock registered, births, purchases). Two grouped queries for the region, for
    supervision's "declared above stock", which already authorised the region."""
    before = StockEvent.objects.filter(
        farm=OuterRef("farm"), category=OuterRef("category"), date__lt=first
    ).order_by("-date", "-id")
    lines = FarmStock.objects.filter(within("farm__region_id", region)).annotate(
        start=Subquery(before.values("balance")[:1])
    )
    found = {(f, c): n or 0 for f, c, n in lines.values_list("farm_id", "category", "start")}
    added = (
        StockEvent.objects.filter(within("farm__region_id", region), kind__in=ADDITIONS)
        .filter(date__gte=first, date__lte=last)
        .values_list("farm_id", "category")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    for farm_id, category, n in added:
        found[(farm_id, category)] = found.get((farm_id, category), 0) + n
    return found


def death_event(farm: Farm, *, category: str, on: date, quantity: int) -> StockEvent | None:
    """The latest death event of a farm the caller authorised with this category, day and
    count: the stock change a death report wrote, which a disposal under the report follows."""
    rows = StockEvent.objects.filter(
        farm=farm, kind="death", category=category, date=on, quantity=quantity
    )
    return rows.order_by("-id").first()


def _active_links(on: date | None = None) -> QuerySet[FarmServer]:
    """Serving links in force on a day (today): a station's assignment until it is removed, an
    agreement's for its period."""
    on = on or timezone.localdate()
    return FarmServer.objects.filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=on),
        Q(ends_on__isnull=True) | Q(ends_on__gte=on),
    )


def _serving(account: User) -> QuerySet[FarmServer]:
    """Links by which the account serves farms: itself, through the provider it works for, or
    (for a provider) through one of its vaccinators (DOMAIN.md §7: who serves a farm)."""
    accounts = [account.pk] + ([account.provider_id] if account.provider_id else [])
    return _active_links().filter(Q(account__in=accounts) | Q(account__provider=account))


def is_served_by(farm: Farm, account: User) -> bool:
    """The account (a vaccinator or a provider) serves the farm today, itself or through the
    provider it works for, by an active service agreement or the station's direct assignment
    (DOMAIN.md §7: who serves a farm)."""
    return _serving(account).filter(farm=farm).exists()


def server_ids(farm: Farm) -> list[int]:
    """The accounts serving the farm directly today (by agreement or station assignment)."""
    return list(_active_links().filter(farm=farm).values_list("account_id", flat=True).distinct())


def servers_of(farm: Farm) -> list[FarmServer]:
    """Who serves the farm today and on what basis, for its page."""
    return list(_active_links().filter(farm=farm).select_related("account").order_by("basis", "id"))


def members_of(actor: User, unit: Farm) -> QuerySet[Farm]:
    return Farm.objects.visible_to(actor).filter(unit=unit)


@dataclass(frozen=True)
class Contact:
    owner_id_number: str
    phone: str


def contact(actor: User, farm: Farm) -> Contact:
    """The owner's ID and phone numbers as the actor may see them: in full for the owner and
    for roles that work with owners in person, masked for the rest, on pages, in the API and
    in exports alike."""
    if can(actor, SEE_PERSONAL_DATA) or farm.owner_id == actor.pk:
        return Contact(farm.owner_id_number, farm.phone)
    return Contact(mask_identity(farm.owner_id_number), mask_phone(farm.phone))


def missing_fields(farm: Farm) -> list[str]:
    return rules.missing_fields(
        name=farm.name, phone=farm.phone, address=farm.address, stock=current_stock(farm)
    )


def missing_field_labels(farm: Farm) -> list[str]:
    """The missing basic fields as a page names them (联系电话, 地址, …)."""
    return [str(rules.MISSING_FIELD_LABELS[field]) for field in missing_fields(farm)]


def farms_named(actor: User, text: str, *, limit: int = 6) -> list[Farm]:
    """The farms a person means by `text`: the one whose 14-digit code (printed on its card)
    it is, else those of exactly that name, else those whose name contains it (an empty text:
    the first by name, as suggestions); at most `limit`, within the actor's reach. Never the
    internal id: people do not see it."""
    text = text.strip()
    farms = Farm.objects.visible_to(actor).order_by("name", "code")
    by_code = list(farms.filter(code=text.replace(" ", ""))[:1])
    if by_code:
        return by_code
    exact = list(farms.filter(name=text)[:limit])
    return exact or list(farms.filter(name__contains=text)[:limit])


def pending_activation(actor: User, farm: Farm) -> str:
    """The one-time activation code of the farm's owner while the owner has never logged in,
    for those who print the card (they enrol farmers); "" otherwise."""
    if farm.owner_id is None or not can(actor, ENROL_FARMER, farm):
        return ""
    return activation_code_for(farm.owner)


def declaration_link(actor: User, farm: Farm) -> str:
    """The path the farm's QR carries: its declaration page, with `?activate=<code>` while
    an activation is pending (the first scan sets the owner's password, then declares)."""
    path = reverse("registry:declare-link", args=[farm.code])
    code = pending_activation(actor, farm)
    return f"{path}?{urlencode({'activate': code})}" if code else path


# --- the vehicle register ---------------------------------------------------------------------


DEFAULT_DISINFECTION_DAYS = 1


@dataclass(frozen=True)
class VehicleStatus:
    """What a declaration or a checkpoint needs to know of a plate."""

    plate: str
    registered: bool
    last_disinfected_on: date | None
    disinfection_days: int
    disinfected: bool


def vehicle_rule(region_code: str) -> VehicleRule | None:
    """The county's vehicle rule (policy data; no personal data, so any caller may read it)."""
    return VehicleRule.objects.filter(county_id=regions.county_of(region_code) or "").first()


def registration_required(region_code: str) -> bool:
    """Must a declaration from this region name a registered vehicle?"""
    rule = vehicle_rule(region_code)
    return bool(rule and rule.registration_required)


def vehicle_status(plate: str, *, region: str, on: date | None = None) -> VehicleStatus:
    """Is the plate registered (in any county: vehicles cross counties), and disinfected within
    the rule of the county at `region` on `on`? For quarantine's declaration and checkpoint,
    which have authorised what they act on; a plate and a date name no person."""
    plate = rules.normalize_plate(plate)
    vehicle = Vehicle.objects.filter(plate=plate).first()
    rule = vehicle_rule(region)
    days = rule.disinfection_days if rule else DEFAULT_DISINFECTION_DAYS
    last = vehicle.last_disinfected_on if vehicle else None
    return VehicleStatus(
        plate=plate,
        registered=vehicle is not None,
        last_disinfected_on=last,
        disinfection_days=days,
        disinfected=rules.disinfected_in_time(last, on or timezone.localdate(), days),
    )


def vehicles_visible_to(actor: User, *, q: str = "", disinfected_since: date | None = None):
    """Registered vehicles of the actor's reach, searched by plate or owner (a plate searched
    in any spelling)."""
    queryset = Vehicle.objects.visible_to(actor).select_related("county")
    q = q.strip()
    if q:
        queryset = queryset.filter(
            Q(plate__contains=rules.normalize_plate(q)) | Q(owner_name__contains=q)
        )
    if disinfected_since is not None:
        queryset = queryset.filter(last_disinfected_on__gte=disinfected_since)
    return queryset


def vehicle(actor: User, vehicle_id: int) -> Vehicle:
    return Vehicle.objects.select_related("county").get_visible(actor, id=vehicle_id)


def disinfections(vehicle: Vehicle) -> QuerySet[VehicleDisinfection]:
    """A vehicle the caller has read (`vehicle(actor, id)`): its disinfection records."""
    return vehicle.disinfections.select_related("recorded_by")


def vehicle_rules_visible_to(actor: User) -> QuerySet[VehicleRule]:
    return VehicleRule.objects.visible_to(actor).select_related("county", "updated_by")


def vehicle_ids(plates: list[str]) -> list[int]:
    """The registered vehicles of these plates (any spelling), for a caller linking them (a
    dealer's registration)."""
    normalised = [rules.normalize_plate(plate) for plate in plates]
    return list(Vehicle.objects.filter(plate__in=normalised).values_list("pk", flat=True))
