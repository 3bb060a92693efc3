"""Pages of quarantine and traceability: the farmer's declaration on a phone, the vet's work
queue, declaration and certificate pages, public verification, checkpoint scan, slaughter
entry, overdue arrivals and trace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.core import offline, qr
from smartvet.core.access import available_actions, can, require
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORY_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.eartags import queries as eartag_queries
from smartvet.quarantine import foreign_views, forms, pdf, queries, rules, services, throttle
from smartvet.quarantine.commands import (
    ArrivalIn,
    EntryDecisionIn,
    InspectIn,
    RejectIn,
    RevokeIn,
)
from smartvet.quarantine.models import CertificateStatus, DeclarationStatus, EntryStatus
from smartvet.quarantine.permissions import CHECK, DECIDE_ENTRY, DECLARE
from smartvet.quarantine.schemas import CertificateOut, PublicCertificateOut
from smartvet.registry import queries as registry_queries


def _render(request, template, context, error=None):
    status = error.status if error is not None else 200
    return render(request, template, {"error": error, **context}, status=status)


def _typed(form_class, request, **initial):
    """The form as typed (after a refusal) or with its first values: it only draws the inputs;
    the command checks them."""
    return form_class(initial=request.POST if request.method == "POST" else initial)


# --- declaration ------------------------------------------------------------------------------


@login_required
def declare(request, farm_id: int):
    """The farmer's declaration form (opened from the farm's QR code), filled with the farm;
    for whoever may declare for this farm."""
    farm = registry_queries.farm(request.user, farm_id)
    require(request.user, DECLARE, farm)
    stock = registry_queries.current_stock(farm)
    # Bound to what was typed (after a refusal) so the pickers keep their choices; never
    # validated here: the command checks it.
    form = forms.DeclarationForm(request.POST or None, user=request.user)
    error = None
    if request.method == "POST":
        try:
            declaration = services.submit_declaration(
                actor=request.user,
                command=forms.declaration_command(form, farm.pk, request.user),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("申报已提交，等待官方兽医受理"))
            return redirect("quarantine:declaration-detail", declaration_id=declaration.pk)
    return _render(
        request,
        "quarantine/declare.html",
        {
            "farm": farm,
            "form": form,
            "missing": registry_queries.missing_field_labels(farm),
            "stock": [(CATEGORY_LABELS.get(c, c), n) for c, n in stock.items() if n],
        },
        error,
    )


def _declaration_filters(request) -> dict:
    params = request.GET
    return {"status": params.get("status", "")[:20], "q": params.get("q", "")[:100]}


@login_required
def declaration_list(request):
    """The work queue: pending declarations and inspections with their counts."""
    declarations = queries.declarations_visible_to(request.user, **_declaration_filters(request))
    page = Paginator(declarations, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "quarantine/declaration_list.html",
        {
            "page": page,
            "params": request.GET,
            "counts": queries.work_queue_counts(request.user),
            "statuses": DeclarationStatus.choices,
            "categories": CATEGORY_LABELS,
        },
    )


@login_required
def declaration_export(request):
    declarations = queries.declarations_visible_to(request.user, **_declaration_filters(request))
    headers = [
        _("编号"),
        _("养殖场户"),
        _("品种"),
        _("数量"),
        _("用途"),
        _("启运日期"),
        _("到达地点"),
        _("车牌号"),
        _("状态"),
        _("申报时间"),
    ]
    rows = (
        [
            d.pk,
            d.farm.name,
            CATEGORY_LABELS.get(d.category, d.category),
            d.quantity,
            d.get_purpose_display(),
            d.departure_date.isoformat(),
            d.destination_place,
            d.vehicle,
            d.get_status_display(),
            timezone.localtime(d.declared_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for d in declarations.iterator(chunk_size=2000)
    )
    return xlsx_response(_("检疫申报") + ".xlsx", headers, rows, title=_("检疫申报"))


@login_required
@offline.keep
def declaration_detail(request, declaration_id: int):
    declaration = queries.declaration(request.user, declaration_id)
    return _declaration_page(request, declaration)


def _declaration_page(request, declaration, error=None):
    cert = getattr(declaration, "certificate", None) if declaration.status == "certified" else None
    return _render(
        request,
        "quarantine/declaration_detail.html",
        {
            "declaration": declaration,
            "certificate": cert,
            "reject_form": _typed(forms.RejectForm, request),
            "inspect_form": _typed(forms.InspectForm, request),
            "categories": CATEGORY_LABELS,
            # tags declared from the township's stock: passing records them on the farm
            "tags_to_record": eartag_queries.tags_not_yet_on_the_farm(declaration.ref),
        },
        error,
    )


@login_required
@require_POST
def declaration_accept(request, declaration_id: int):
    declaration = queries.declaration(request.user, declaration_id)
    try:
        services.accept_declaration(actor=request.user, declaration_id=declaration.pk)
    except DomainError as exc:
        return _declaration_page(request, declaration, exc)
    messages.success(request, _("已受理"))
    return redirect("quarantine:declaration-detail", declaration_id=declaration.pk)


@login_required
@require_POST
def declaration_reject(request, declaration_id: int):
    declaration = queries.declaration(request.user, declaration_id)
    try:
        services.reject_declaration(
            actor=request.user,
            declaration_id=declaration.pk,
            command=forms.command(RejectIn, request.POST),
        )
    except DomainError as exc:
        return _declaration_page(request, declaration, exc)
    messages.success(request, _("已不予受理"))
    return redirect("quarantine:declaration-detail", declaration_id=declaration.pk)


@login_required
@require_POST
@offline.entry(replay="quarantine:declaration-detail")
def declaration_inspect(request, declaration_id: int):
    declaration = queries.declaration(request.user, declaration_id)
    try:
        declaration = services.inspect_declaration(
            actor=request.user,
            declaration_id=declaration.pk,
            command=forms.command(InspectIn, request.POST),
        )
    except DomainError as exc:
        return _declaration_page(request, queries.declaration(request.user, declaration.pk), exc)
    if declaration.status == "certified":
        messages.success(request, _("检疫合格，已出具检疫证明"))
        return redirect("quarantine:certificate-detail", number=declaration.certificate.number)
    messages.success(request, _("已登记检疫不合格及处理情况"))
    return redirect("quarantine:declaration-detail", declaration_id=declaration.pk)


# --- certificates -----------------------------------------------------------------------------


def _certificate_filters(request) -> dict:
    params = request.GET
    return {"status": params.get("status", "")[:20], "q": params.get("q", "")[:100]}


@login_required
def certificate_list(request):
    certificates = queries.certificates_visible_to(request.user, **_certificate_filters(request))
    page = Paginator(certificates, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "quarantine/certificate_list.html",
        {
            "page": page,
            "params": request.GET,
            "statuses": CertificateStatus.choices,
            "categories": CATEGORY_LABELS,
        },
    )


def _certificate_rows(certificates):
    for c in certificates.iterator(chunk_size=2000):
        yield [
            c.number,
            c.get_kind_display(),
            c.farm.name,
            CATEGORY_LABELS.get(c.category, c.category),
            c.quantity,
            c.destination_place,
            c.vehicle,
            timezone.localtime(c.issued_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(c.valid_until).strftime("%Y-%m-%d %H:%M"),
            str(CertificateStatus(c.current_status).label),
            c.received_quantity if c.received_quantity is not None else "",
        ]


CERTIFICATE_HEADERS = [
    gettext_noop("证明编号"),
    gettext_noop("类型"),
    gettext_noop("启运养殖场户"),
    gettext_noop("品种"),
    gettext_noop("数量"),
    gettext_noop("到达地点"),
    gettext_noop("车牌号"),
    gettext_noop("签发时间"),
    gettext_noop("有效期至"),
    gettext_noop("状态"),
    gettext_noop("实到数量"),
]


@login_required
def certificate_export(request):
    certificates = queries.certificates_visible_to(request.user, **_certificate_filters(request))
    return xlsx_response(
        _("检疫证明") + ".xlsx",
        header_labels(CERTIFICATE_HEADERS),
        _certificate_rows(certificates),
        title=_("检疫证明"),
    )


@login_required
def certificate_detail(request, number: str):
    cert = queries.certificate(request.user, number)
    return _certificate_page(request, cert)


def _certificate_page(request, cert, error=None):
    url = pdf.verification_url(cert.number, request)
    return _render(
        request,
        "quarantine/certificate_detail.html",
        {
            "cert": cert,
            "card": CertificateOut.from_orm(cert),
            "verify_url": url,
            "qr_svg": qr.svg(url, scale=4),
            "checks": cert.checks.all()[:50],
            "entry": getattr(cert, "slaughter_entry", None),
            "revoke_form": _typed(forms.RevokeForm, request),
            "arrival_form": _typed(forms.ArrivalForm, request, received_quantity=cert.quantity),
            "categories": CATEGORY_LABELS,
        },
        error,
    )


@login_required
def certificate_pdf(request, number: str):
    cert = queries.printable_certificate(request.user, number)
    response = HttpResponse(pdf.certificate_pdf(cert, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request, number: str):
    cert = queries.certificate(request.user, number)
    try:
        services.revoke_certificate(
            actor=request.user, number=cert.number, command=forms.command(RevokeIn, request.POST)
        )
    except DomainError as exc:
        return _certificate_page(request, cert, exc)
    messages.success(request, _("检疫证明已撤销"))
    return redirect("quarantine:certificate-detail", number=cert.number)


@login_required
@require_POST
def certificate_arrival(request, number: str):
    cert = queries.certificate(request.user, number)
    try:
        services.report_arrival(
            actor=request.user, number=cert.number, command=forms.command(ArrivalIn, request.POST)
        )
    except DomainError as exc:
        return _certificate_page(request, cert, exc)
    messages.success(request, _("落地报告已登记"))
    return redirect("quarantine:certificate-detail", number=cert.number)


@login_required
def overdue_list(request):
    certificates = queries.overdue_arrivals(request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("逾期未落地检疫证明") + ".xlsx",
            header_labels(CERTIFICATE_HEADERS),
            _certificate_rows(certificates),
            title=_("逾期未落地"),
        )
    page = Paginator(certificates, 20).get_page(request.GET.get("page"))
    return render(request, "quarantine/overdue.html", {"page": page, "categories": CATEGORY_LABELS})


# --- public verification ----------------------------------------------------------------------


def verify(request, number: str = ""):
    """The public page a phone opens from the certificate's QR: authentic? valid? until when?"""
    number = (request.GET.get("number") or number or "")[:60]
    found, steps, stage, error, from_hub = None, [], "", None, False
    if number:
        try:
            throttle.check(request)
            cert = queries.certificate_by_number(number)
        except DomainError as exc:
            error = exc
        else:
            found = PublicCertificateOut.from_orm(cert)
            steps, stage = _next_steps(request.user, cert), cert.stage
            from_hub = getattr(cert, "from_hub", False)
    return render(
        request,
        "quarantine/verify.html",
        {
            "number": number,
            "found": found,
            "from_hub": from_hub,
            "stage": stage,
            "steps": steps,
            "error": error,
        },
        status=error.status if error else 200,
    )


def _next_steps(user, cert) -> list[tuple[str, str, str]]:
    """What a logged-in account that scanned the paper's QR does next, by what it may do:
    a checkpoint records its check, the destination's slaughterhouse takes the batch in;
    each opens its form with the number filled in; another province's certificate, its
    report here (quarantine.foreign_views). (action, label, url)"""
    if getattr(cert, "from_hub", False):
        return foreign_views.next_steps(user, cert)
    steps = []
    if can(user, CHECK):
        url = f"{reverse('quarantine:checkpoint')}?{urlencode({'number': cert.number})}"
        steps.append(("check", _("查验（登记检查）"), url))
    if "slaughter" in available_actions(user, cert):
        url = f"{reverse('quarantine:slaughter')}?{urlencode({'number': cert.number})}"
        steps.append(("slaughter", _("入场查验"), url))
    return steps


# --- checkpoint, slaughterhouse ---------------------------------------------------------------


@login_required
def checkpoint(request):
    """指定通道: type or scan the certificate number, see the paper, record the check."""
    number = (request.GET.get("number") or request.POST.get("number") or "").strip()[:60]
    cert, error = None, None
    if number:
        try:
            cert = queries.certificate_for_checkpoint(request.user, number)
        except DomainError as exc:
            error = exc
    if cert is not None and request.method == "POST":
        try:
            check = services.record_checkpoint_check(
                actor=request.user, number=cert.number, command=forms.check_command(request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            if check.flags:
                messages.warning(
                    request,
                    _("已记录，发现问题：%(f)s")
                    % {"f": _("、").join(rules.flag_words(check.flags))},
                )
            else:
                messages.success(request, _("已记录检查：证物相符"))
            return redirect(f"{request.path}?number={cert.number}")
    # Empty: the inspector records what is on the truck, not a copy of the paper.
    form = _typed(forms.CheckForm, request)
    return _render(
        request,
        "quarantine/checkpoint.html",
        {
            "number": number,
            "cert": cert,
            "card": CertificateOut.from_orm(cert) if cert else None,
            "stage": cert.stage if cert else "",
            "form": form,
            "checks": queries.checks_of(cert)[:20] if cert else [],
            # The paper's vehicle in the register (seed 002: 备案车辆), as the county judges it.
            "vehicle": registry_queries.vehicle_status(cert.vehicle, region=request.user.region_id)
            if cert
            else None,
            "flag_labels": rules.FLAG_LABELS,
            "categories": CATEGORY_LABELS,
        },
        error,
    )


@login_required
def slaughter(request):
    """入场查验: certificate number and the tags collected; shows the reconciliation, and
    sends a batch whose tags do not match to the resident vet."""
    form = _typed(forms.SlaughterForm, request, certificate=request.GET.get("number", "")[:40])
    entry, error = None, None
    if request.method == "POST":
        try:
            entry = services.record_slaughter_entry(
                actor=request.user, command=forms.slaughter_command(request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            if entry.status == EntryStatus.HELD:
                messages.warning(request, _("耳标与检疫证明不符：本批已暂扣，待驻场官方兽医处理"))
            else:
                messages.success(request, _("入场查验和屠宰已登记，耳标已注销"))
    entries = Paginator(queries.slaughter_entries_visible_to(request.user), 20).get_page(
        request.GET.get("page")
    )
    return _render(
        request,
        "quarantine/slaughter.html",
        {"form": form, "entry": entry, "entries": entries},
        error,
    )


@login_required
def slaughter_entries(request):
    """The resident vet's queue: the batches held at its slaughterhouses, then every entry of
    the region."""
    entries = Paginator(queries.slaughter_entries_visible_to(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "quarantine/slaughter_entries.html",
        {
            "waiting": queries.entries_to_decide(request.user)[:100]
            if can(request.user, DECIDE_ENTRY)
            else [],
            "entries": entries,
        },
    )


@login_required
def slaughter_entry(request, entry_id: int):
    return _entry_page(request, queries.slaughter_entry(request.user, entry_id))


def _entry_page(request, entry, error=None):
    return _render(
        request,
        "quarantine/slaughter_entry.html",
        {
            "entry": entry,
            "cert": entry.certificate,
            "decision_form": _typed(forms.EntryDecisionForm, request),
        },
        error,
    )


DECIDED_MESSAGES = {
    EntryStatus.ADMITTED: _("已准予相符动物入场屠宰，耳标已注销"),
    EntryStatus.REFUSED: _("已拒绝本批入场"),
    EntryStatus.INVESTIGATING: _("本批已暂扣调查"),
}


@login_required
@require_POST
def slaughter_entry_decide(request, entry_id: int):
    entry = queries.slaughter_entry(request.user, entry_id)
    try:
        entry = services.decide_slaughter_entry(
            actor=request.user,
            entry_id=entry.pk,
            command=forms.command(EntryDecisionIn, request.POST),
        )
    except DomainError as exc:
        return _entry_page(request, queries.slaughter_entry(request.user, entry.pk), exc)
    messages.success(request, DECIDED_MESSAGES[entry.status])
    return redirect("quarantine:slaughter-entry", entry_id=entry.pk)


# --- trace ------------------------------------------------------------------------------------

EVENT_LABELS = {
    "registered": _("入库登记"),
    "issued": _("发放"),
    "returned": _("退回"),
    "transferred": _("调拨"),
    "fitted": _("佩戴"),
    "replaced": _("补标"),
    "immunized": _("免疫"),
    "declared": _("检疫申报"),
    "claimed": _("申报占用"),
    "released": _("释放"),
    "rejected": _("不予受理"),
    "failed": _("检疫不合格"),
    "certified": _("出具检疫证明"),
    "dispatched": _("启运"),
    "in_transit": _("运输中"),
    "checked": _("指定通道检查"),
    "arrived": _("落地"),
    "revoked": _("证明撤销"),
    "slaughtered": _("屠宰"),
    "held": _("入场暂扣"),
    "investigating": _("暂扣调查"),
    "missing": _("入场缺失"),
    "turned_away": _("未准入场"),
    "refused_entry": _("拒绝入场"),
    "cancelled": _("注销"),
}


@login_required
def trace(request):
    """Trace a tag (its life in order) or a farm (its movements forward or backward)."""
    params = request.GET
    code = params.get("code", "").strip()[:40]
    farm_text = params.get("farm", "").strip()[:100]
    direction = params.get("direction", "forward")[:10]
    days = params.get("days", "30")[:4]
    tag, movements, farms, error = None, None, [], None
    try:
        if code:
            tag = queries.tag_trace(request.user, code)
            for event in tag["events"]:
                event["label"] = EVENT_LABELS.get(event["kind"], event["kind"])
        elif farm_text:
            farms = queries.farms_to_trace(request.user, farm_text)
            if len(farms) == 1:
                farm_text = farms[0].code  # the code on its card, never its id
                movements = queries.farm_movements(
                    request.user,
                    farms.pop().pk,
                    direction=direction,
                    days=int(days) if days.isdigit() else 0,
                )
    except DomainError as exc:
        error = exc
    if movements and params.get("format") == "xlsx":
        return _movements_xlsx(movements)
    for place in (movements or {}).get("visit", []):
        place["region_name"] = region_label(place["region"])
    return render(
        request,
        "quarantine/trace.html",
        {
            "params": params,
            "farm_text": farm_text,
            "farms": farms,
            "tag": tag,
            "movements": movements,
            "error": error,
            "categories": CATEGORY_LABELS,
            "days": days,
            "direction": direction,
        },
        status=error.status if error else 200,
    )


def _movements_xlsx(movements: dict) -> HttpResponse:
    headers = [
        _("层级"),
        _("检疫证明"),
        _("签发时间"),
        _("启运养殖场户"),
        _("启运场编码"),
        _("到达养殖场户或地点"),
        _("到达区划"),
        _("品种"),
        _("数量"),
        _("实到数量"),
        _("状态"),
    ]
    rows = []
    for m in movements["movements"]:
        to = m["to"]
        rows.append(
            [
                m["depth"],
                m["certificate"],
                timezone.localtime(m["issued_at"]).strftime("%Y-%m-%d %H:%M"),
                m["from_farm"]["name"],
                m["from_farm"]["code"],
                to["farm"]["name"] if to["farm"] else to["place"],
                region_label(to["region"]),
                CATEGORY_LABELS.get(m["category"], m["category"]),
                m["quantity"],
                m["received_quantity"] if m["received_quantity"] is not None else "",
                str(CertificateStatus(m["status"]).label),
            ]
        )
    visit_headers = [_("需排查的养殖场户或地点"), _("编码"), _("区划"), _("层级")]
    rows.append([])
    rows.append([str(h) for h in visit_headers])
    for v in movements["visit"]:
        rows.append([v["name"], v.get("code", ""), region_label(v["region"]), v["depth"]])
    return xlsx_response(
        _("追溯") + f"_{movements['farm']['code']}_{movements['direction']}.xlsx",
        headers,
        rows,
        title=_("追溯"),
    )
