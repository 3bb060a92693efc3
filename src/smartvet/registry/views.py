"""Pages of the farm registry: list, detail, create, edit, stock events, QR card, import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from smartvet.core import offline, qr
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.navigation import farm_links_for
from smartvet.core.queries import region_label, regions_within
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.registry import forms, queries, services
from smartvet.registry.commands import RecordStockEvent, RegisterFarm, UpdateFarm
from smartvet.registry.models import FarmKind


def _declare_url(request, farm) -> str:
    return qr.absolute_url(queries.declaration_link(request.user, farm), request)


def _filters(request) -> dict:
    params = request.GET
    complete = {"1": True, "0": False}.get(params.get("complete", ""))
    return {
        "region": params.get("region", "")[:12],
        "kind": params.get("kind", "")[:20],
        "q": params.get("q", "")[:100],
        "complete": complete,
    }


@login_required
def farm_list(request):
    farms = queries.farms_visible_to(request.user, **_filters(request))
    page = Paginator(farms, 20).get_page(request.GET.get("page"))
    townships = regions_within(actor=request.user, level="township")[:300]
    return render(
        request,
        "registry/farm_list.html",
        {
            "page": page,
            "kinds": FarmKind.choices,
            "townships": townships,
            "params": request.GET,
            "categories": CATEGORY_LABELS,
        },
    )


@login_required
def farm_export(request):
    farms = queries.farms_visible_to(request.user, **_filters(request))
    headers = [
        _("编码"),
        _("名称"),
        _("类型"),
        _("负责人"),
        _("证件号码"),
        _("联系电话"),
        _("地址"),
        _("区划代码"),
        _("信息完整"),
        *[CATEGORY_LABELS[c] for c in CATEGORIES],
    ]
    rows = []
    for farm in farms.iterator(chunk_size=2000):
        contact = queries.contact(request.user, farm)
        stock = queries.current_stock(farm)
        rows.append(
            [
                farm.code,
                farm.name,
                farm.get_kind_display(),
                farm.owner_name,
                contact.owner_id_number,
                contact.phone,
                farm.address,
                farm.region_id,
                _("是") if farm.is_complete else _("否"),
                *[stock.get(c, 0) for c in CATEGORIES],
            ]
        )
    return xlsx_response(_("养殖场户") + ".xlsx", headers, rows, title=_("养殖场户"))


def _render_form(request, template, form, error=None, **context):
    return render(
        request,
        template,
        {"form": form, "error": error, **context},
        status=422 if error or form.errors else 200,
    )


@login_required
@offline.entry(replay="registry:farm-list")
def farm_create(request):
    form = forms.FarmCreateForm(
        request.POST or None, initial={"region": request.GET.get("region", "")}, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in forms.FarmForm.base_fields}
        try:
            command = parse(RegisterFarm, {**fields, "stock": forms.stock_from(data)})
            farm = services.register_farm(actor=request.user, command=command)
        except DomainError as exc:
            return _render_form(request, "registry/farm_form.html", form, exc)
        messages.success(request, _("已登记：%(name)s") % {"name": farm.name})
        return redirect("registry:farm-detail", farm_id=farm.pk)
    return _render_form(request, "registry/farm_form.html", form, title=_("登记养殖场户"))


@login_required
def farm_edit(request, farm_id: int):
    farm = queries.farm(request.user, farm_id)
    initial = {field: getattr(farm, field) for field in services.EDITABLE_FIELDS}
    initial["region"] = farm.region_id
    form = forms.FarmEditForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            command = parse(UpdateFarm, form.cleaned_data)
            services.update_farm(actor=request.user, farm_id=farm.pk, command=command)
        except DomainError as exc:
            return _render_form(request, "registry/farm_form.html", form, exc, farm=farm)
        messages.success(request, _("已保存"))
        return redirect("registry:farm-detail", farm_id=farm.pk)
    return _render_form(
        request, "registry/farm_form.html", form, farm=farm, title=_("修改养殖场户信息")
    )


@login_required
def farm_detail(request, farm_id: int):
    farm = queries.farm(request.user, farm_id)
    history = Paginator(queries.stock_history(request.user, farm.pk), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "registry/farm_detail.html",
        {
            "farm": farm,
            "contact": queries.contact(request.user, farm),
            "missing": queries.missing_field_labels(farm),
            "region_name": region_label(farm.region_id),
            "history": history,
            "members": queries.members_of(request.user, farm)[:200],
            "stock_form": forms.StockEventForm(),
            "categories": CATEGORY_LABELS,
            "servers": queries.servers_of(farm),
            "links": farm_links_for(request.user, farm),
        },
    )


@login_required
def stock_event_create(request, farm_id: int):
    farm = queries.farm(request.user, farm_id)
    form = forms.StockEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            command = parse(RecordStockEvent, form.cleaned_data)
            services.record_stock_event(actor=request.user, farm_id=farm.pk, command=command)
        except DomainError as exc:
            return _render_form(request, "registry/stock_form.html", form, exc, farm=farm)
        messages.success(request, _("已登记存栏变动"))
        return redirect("registry:farm-detail", farm_id=farm.pk)
    return _render_form(request, "registry/stock_form.html", form, farm=farm)


@login_required
def farm_qr_card(request, farm_id: int):
    farm = queries.farm(request.user, farm_id)
    url = _declare_url(request, farm)
    context = {
        "farm": farm,
        "url": url,
        "svg": qr.svg(url, scale=6),
        "activation_code": queries.pending_activation(request.user, farm),
    }
    return render(request, "registry/qr_card.html", context)


@login_required
def farm_qr_png(request, farm_id: int):
    farm = queries.farm(request.user, farm_id)
    return HttpResponse(qr.png(_declare_url(request, farm), scale=10), content_type="image/png")


@login_required
def farm_import(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            farms = services.import_farms(
                actor=request.user, data=upload.read(), filename=upload.name
            )
        except DomainError as exc:
            return _render_form(request, "registry/import.html", form, exc)
        messages.success(request, _("已登记%(n)d个养殖场户") % {"n": len(farms)})
        return redirect("registry:farm-list")
    return _render_form(request, "registry/import.html", form)


@login_required
def farm_import_template(request):
    example = [
        _("示例养殖场"),
        FarmKind.SCALE.label,
        _("张三"),
        "",
        "13800000000",
        _("龙泉镇某村1组"),
        request.user.region_id if len(request.user.region_id) >= 9 else "",
        "",
        *[""] * len(CATEGORIES),
    ]
    return xlsx_response(
        _("养殖场户批量登记模板") + ".xlsx", header_labels(services.IMPORT_HEADER), [example]
    )


def declare_link(request, code: str):
    """What a phone opens after scanning the farm's QR: the declaration form of that farm
    (the quarantine app's), after login; the farm page while that form does not exist."""
    if not request.user.is_authenticated:
        # the whole address: a first scan's ?activate= leads the login on to /activate/
        return redirect_to_login(request.get_full_path())
    farm = queries.farm_by_code(request.user, code)
    try:
        return redirect(reverse("quarantine:declare", args=[farm.pk]))
    except NoReverseMatch:
        return redirect("registry:farm-detail", farm_id=farm.pk)
