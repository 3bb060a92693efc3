"""Vehicle and dealer pages: the registers with search and export, registration forms, a
vehicle's disinfections, a dealer's trades, and the county's vehicle rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.core.permissions import SEE_PERSONAL_DATA
from smartvet.core.personal import mask_identity, mask_phone
from smartvet.core.species import category_choices
from smartvet.core.spreadsheets import xlsx_response
from smartvet.enforcement.commands.carriers import RecordTrade, RegisterDealer
from smartvet.enforcement.models import TradeDirection
from smartvet.enforcement.queries import carriers as queries
from smartvet.enforcement.services import carriers as services
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle, SetVehicleRule
from smartvet.registry.permissions import SET_VEHICLE_RULE, VIEW_VEHICLES


def _phone(request, phone: str) -> str:
    return phone if can(request.user, SEE_PERSONAL_DATA) else mask_phone(phone)


def _form(request, template, error, **context):
    return render(
        request,
        template,
        {"error": error, "values": request.POST, **context},
        status=error.status if error else 200,
    )


# --- vehicles ---------------------------------------------------------------------------------


def _vehicles(request):
    if not can(request.user, VIEW_VEHICLES):
        raise PermissionDenied()
    return registry_queries.vehicles_visible_to(request.user, q=request.GET.get("q", "")[:50])


@login_required
def vehicle_list(request):
    page = Paginator(_vehicles(request), 20).get_page(request.GET.get("page"))
    for vehicle in page:
        vehicle.phone_shown = _phone(request, vehicle.owner_phone)
        vehicle.status = registry_queries.vehicle_status(
            vehicle.plate, region=request.user.region_id
        )
    return render(
        request,
        "enforcement/vehicle_list.html",
        {
            "page": page,
            "params": request.GET,
            "rules": registry_queries.vehicle_rules_visible_to(request.user),
        },
    )


@login_required
def vehicle_export(request):
    headers = [
        _("车牌号"),
        _("车主"),
        _("车主电话"),
        _("核定载畜量（头/只）"),
        _("备案县"),
        _("最近消毒日期"),
    ]
    rows = [
        [
            vehicle.plate,
            vehicle.owner_name,
            _phone(request, vehicle.owner_phone),
            vehicle.capacity,
            vehicle.county.name,
            vehicle.last_disinfected_on.isoformat() if vehicle.last_disinfected_on else "",
        ]
        for vehicle in _vehicles(request).iterator(chunk_size=500)
    ]
    return xlsx_response(_("备案车辆") + ".xlsx", headers, rows, title=_("备案车辆"))


@login_required
def vehicle_new(request):
    error = None
    if request.method == "POST":
        try:
            command = parse(RegisterVehicle, posted(request))
            vehicle = registry_services.register_vehicle(actor=request.user, command=command)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已备案：%(p)s") % {"p": vehicle.plate})
            return redirect("enforcement:vehicle-detail", vehicle_id=vehicle.pk)
    return _form(request, "enforcement/vehicle_form.html", error)


@login_required
def vehicle_detail(request, vehicle_id: int):
    vehicle = registry_queries.vehicle(request.user, vehicle_id)
    error = None
    if request.method == "POST":
        try:
            command = parse(RecordDisinfection, posted(request))
            registry_services.record_disinfection(
                actor=request.user, vehicle_id=vehicle.pk, command=command
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记洗消"))
            return redirect("enforcement:vehicle-detail", vehicle_id=vehicle.pk)
    return _form(
        request,
        "enforcement/vehicle_detail.html",
        error,
        vehicle=vehicle,
        phone=_phone(request, vehicle.owner_phone),
        status=registry_queries.vehicle_status(vehicle.plate, region=request.user.region_id),
        disinfections=registry_queries.disinfections(vehicle)[:50],
    )


@login_required
def vehicle_rule(request):
    """The county's vehicle rule, switched by the county (or the province for a county)."""
    if not can(request.user, SET_VEHICLE_RULE):
        raise PermissionDenied()
    error = None
    if request.method == "POST":
        values = {
            **posted(request),
            "registration_required": "registration_required" in request.POST,
        }
        try:
            registry_services.set_vehicle_rule(
                actor=request.user, command=parse(SetVehicleRule, values)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存车辆备案要求"))
            return redirect("enforcement:vehicle-list")
    county = request.GET.get("county", request.user.region_id)[:12]
    rule = registry_queries.vehicle_rule(county)
    return _form(request, "enforcement/vehicle_rule.html", error, county=county, rule=rule)


# --- dealers ----------------------------------------------------------------------------------


def _masked(request, dealer) -> None:
    personal = can(request.user, SEE_PERSONAL_DATA)
    dealer.phone_shown = dealer.phone if personal else mask_phone(dealer.phone)
    dealer.id_shown = dealer.id_number if personal else mask_identity(dealer.id_number)


@login_required
def dealer_list(request):
    found = queries.dealers_visible_to(request.user, q=request.GET.get("q", "")[:50])
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    for dealer in page:
        _masked(request, dealer)
    return render(request, "enforcement/dealer_list.html", {"page": page, "params": request.GET})


@login_required
def dealer_export(request):
    found = queries.dealers_visible_to(request.user, q=request.GET.get("q", "")[:50])
    headers = [
        _("姓名或名称"),
        _("证件号码"),
        _("联系电话"),
        _("备案编号"),
        _("备案县"),
        _("使用的备案车辆"),
        _("购销记录数"),
    ]
    rows = []
    for dealer in found:
        _masked(request, dealer)
        rows.append(
            [
                dealer.name,
                dealer.id_shown,
                dealer.phone_shown,
                dealer.licence_no,
                dealer.county.name,
                "、".join(vehicle.plate for vehicle in dealer.vehicles.all()),
                dealer.trades,
            ]
        )
    return xlsx_response(_("贩运经纪人") + ".xlsx", headers, rows, title=_("贩运经纪人"))


@login_required
def dealer_new(request):
    error = None
    if request.method == "POST":
        values = {**posted(request), "vehicles": request.POST.get("vehicles", "").split()}
        try:
            dealer = services.register_dealer(
                actor=request.user, command=parse(RegisterDealer, values)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已备案：%(n)s") % {"n": dealer.name})
            return redirect("enforcement:dealer-detail", dealer_id=dealer.pk)
    return _form(request, "enforcement/dealer_form.html", error)


@login_required
def dealer_detail(request, dealer_id: int):
    dealer = queries.dealer(request.user, dealer_id)
    error = None
    if request.method == "POST":
        values = posted(request)
        values["farm"] = values.get("farm") or None
        try:
            services.record_trade(
                actor=request.user, dealer_id=dealer.pk, command=parse(RecordTrade, values)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记购销记录"))
            return redirect("enforcement:dealer-detail", dealer_id=dealer.pk)
    _masked(request, dealer)
    return _form(
        request,
        "enforcement/dealer_detail.html",
        error,
        dealer=dealer,
        trades=queries.trades(dealer)[:100],
        directions=TradeDirection.choices,
        categories=category_choices(),
    )
