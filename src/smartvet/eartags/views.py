"""Pages of the ear-tag inventory: stock, ranges, import (template, progress), issue,
return, issue records, fitting, cancellation, lookup. Thin: parse, call, render."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import offline
from smartvet.core import queries as core_queries
from smartvet.core.errors import DomainError
from smartvet.core.species import SPECIES_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.eartags import codes, forms, queries, rules, services, tasks, workbooks
from smartvet.eartags.models import HolderKind, ImportJob, MoveKind
from smartvet.eartags.services.holders import office_of
from smartvet.registry import queries as registry_queries

STALE = timedelta(seconds=15)


def _page(request, queryset, size=30):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _form_page(
    request, form, *, title, intro="", error=None, button=None, multipart=False, offline_as=""
):
    return render(
        request,
        "eartags/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "error": error,
            "button": button or _("提交"),
            "multipart": multipart,
            "offline_as": offline_as,
        },
        status=422 if error or form.errors else 200,
    )


@login_required
def stock(request):
    return render(
        request,
        "eartags/stock.html",
        {"totals": queries.totals(request.user), "lines": queries.stock_summary(request.user)},
    )


@login_required
def stock_export(request):
    headers = [_("持有方"), _("持有方类型"), _("区划"), _("畜种"), _("号段数"), _("耳标数")]
    kinds = dict(HolderKind.choices)
    rows = [
        [
            line["holder_name"],
            kinds.get(line["holder_kind"], ""),
            line["region"],
            line["species_name"],
            line["ranges"],
            line["tags"],
        ]
        for line in queries.stock_summary(request.user)
    ]
    return xlsx_response(_("耳标库存") + ".xlsx", headers, rows, title=_("耳标库存"))


def _range_filters(request) -> dict:
    return {
        "q": request.GET.get("q", "")[:40],
        "kind": request.GET.get("kind", "")[:12],
        "species": request.GET.get("species", "")[:1],
    }


@login_required
def range_list(request):
    pieces = queries.ranges_visible_to(request.user, **_range_filters(request))
    return render(
        request,
        "eartags/ranges.html",
        {"page": _page(request, pieces), "kinds": HolderKind.choices, "params": request.GET},
    )


def _range_row(piece) -> list:
    return [
        piece.box,
        piece.pack,
        codes.code_of(piece.first),
        codes.code_of(piece.last),
        piece.quantity,
        piece.holder_name,
        piece.get_holder_kind_display(),
        piece.region_id,
    ]


@login_required
def range_export(request):
    pieces = queries.ranges_visible_to(request.user, **_range_filters(request))
    headers = [*header_labels(rules.IMPORT_HEADER), _("持有方"), _("持有方类型"), _("区划")]
    return xlsx_response(
        _("耳标号段") + ".xlsx",
        headers,
        (_range_row(p) for p in pieces.iterator(chunk_size=2000)),
        title=_("耳标号段"),
    )


@login_required
def template(request):
    return workbooks.stock_template()


@login_required
def import_stock(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    title = _("导入《库存耳标登记表》")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, name = upload.read(), (upload.name or "")[:200]
        try:
            if len(data) > services.BACKGROUND_BYTES:
                job = services.start_import_job(actor=request.user, data=data, filename=name)
                return redirect("eartags:import-job", job_id=job.pk)
            batch = services.import_stock(actor=request.user, data=data, filename=name)
        except DomainError as exc:
            return _form_page(
                request, form, title=title, error=exc, multipart=True, button=_("上传并导入")
            )
        messages.success(
            request,
            _("已入库%(ranges)d个号段，共%(tags)d枚耳标")
            % {"ranges": batch.ranges, "tags": batch.tags},
        )
        return redirect("eartags:stock")
    return render(
        request,
        "eartags/import.html",
        {"form": form, "title": title},
        status=422 if form.errors else 200,
    )


@login_required
def import_job(request, job_id: int):
    return render(
        request, "eartags/import_job.html", {"job": queries.import_job(request.user, job_id)}
    )


@login_required
def import_progress(request, job_id: int):
    job = queries.import_job(request.user, job_id)
    if job.status == ImportJob.Status.PENDING and job.created_at < timezone.now() - STALE:
        # No task worker took the job (e.g. a demo without `smartvet db_worker`): run it in
        # this request rather than leave the bar at zero for ever.
        tasks.run_job(job.pk)
        job = queries.import_job(request.user, job_id)
    return render(request, "eartags/import_progress.html", {"job": job})


@login_required
def register_range(request):
    form = forms.RangeForm(request.POST or None)
    title = _("手工登记号段（入库）")
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.register_range(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            return _form_page(request, form, title=title, error=exc, button=_("登记"))
        messages.success(request, _("已入库%(tags)d枚耳标") % {"tags": batch.tags})
        return redirect("eartags:stock")
    return _form_page(request, form, title=title, button=_("登记"))


def _targets(user, office) -> list[tuple[str, str]]:
    """The holders one level below the user's office: the county's townships; the
    township's farms and vaccinators."""
    if office is None:
        return []
    if office.kind == HolderKind.COUNTY:
        return [(f"region:{r.code}", r.name) for r in core_queries.child_regions(actor=user)]
    farms = [
        (f"farm:{f.pk}", _("养殖场户：%(name)s") % {"name": f.name})
        for f in registry_queries.farms_visible_to(user)[:500]
    ]
    vaccinators = [
        (f"vaccinator:{u.username}", _("防疫员：%(name)s") % {"name": str(u)})
        for u in queries.tag_keepers(user)
    ]
    return farms + vaccinators


@login_required
def issue(request):
    office = office_of(request.user)
    form = forms.DistributionForm(
        request.POST or None,
        targets=_targets(request.user, office),
        initial={
            "start": request.GET.get("start", "")[:40],
            "end": request.GET.get("end", "")[:40],
        },
    )
    title = (
        _("一次发放（县→乡镇）")
        if office is not None and office.kind == HolderKind.COUNTY
        else _("二次发放（乡镇→养殖场户或防疫员）")
    )
    if request.method == "POST" and form.is_valid():
        try:
            move = services.distribute_range(
                actor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                **form.target(),
            )
        except DomainError as exc:
            return _form_page(request, form, title=title, error=exc, button=_("发放"))
        messages.success(
            request, _("已发放%(n)d枚耳标给%(to)s") % {"n": move.quantity, "to": move.to_label}
        )
        return redirect("eartags:moves")
    return _form_page(
        request,
        form,
        title=title,
        button=_("发放"),
        intro=_("可按整箱、整包或任意连续号段发放；只能发放本单位持有的耳标。"),
    )


@login_required
def transfer(request):
    form = forms.DistributionForm(
        request.POST or None, targets=_targets(request.user, office_of(request.user))
    )
    title = _("调剂（下级持有方之间）")
    if request.method == "POST" and form.is_valid():
        try:
            move = services.transfer_range(
                actor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                **form.target(),
            )
        except DomainError as exc:
            return _form_page(request, form, title=title, error=exc, button=_("调剂"))
        messages.success(
            request, _("已调剂%(n)d枚耳标给%(to)s") % {"n": move.quantity, "to": move.to_label}
        )
        return redirect("eartags:moves")
    return _form_page(
        request,
        form,
        title=title,
        button=_("调剂"),
        intro=_("把下级一个持有方的号段改由另一个持有方持有。"),
    )


@login_required
def return_range(request):
    form = forms.ReturnForm(request.POST or None)
    title = _("耳标退回（收回下级的号段）")
    if request.method == "POST" and form.is_valid():
        try:
            move = services.return_range(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            return _form_page(request, form, title=title, error=exc, button=_("收回"))
        messages.success(request, _("已收回%(n)d枚耳标") % {"n": move.quantity})
        return redirect("eartags:moves")
    return _form_page(request, form, title=title, button=_("收回"))


def _move_filters(request) -> dict:
    return {"kind": request.GET.get("kind", "")[:16], "q": request.GET.get("q", "")[:60]}


@login_required
def move_list(request):
    moves = queries.moves_visible_to(request.user, **_move_filters(request))
    return render(
        request,
        "eartags/moves.html",
        {"page": _page(request, moves), "kinds": MoveKind.choices, "params": request.GET},
    )


@login_required
def move_export(request):
    moves = queries.moves_visible_to(request.user, **_move_filters(request))
    headers = [
        _("时间"),
        _("类型"),
        _("起始号"),
        _("终止号"),
        _("数量"),
        _("发出方"),
        _("接收方"),
        _("经办人"),
    ]
    rows = (
        [
            m.at.strftime("%Y-%m-%d %H:%M"),
            m.get_kind_display(),
            codes.code_of(m.first),
            codes.code_of(m.last),
            m.quantity,
            m.from_label,
            m.to_label,
            str(m.actor),
        ]
        for m in moves.iterator(chunk_size=2000)
    )
    return xlsx_response(_("耳标发放记录") + ".xlsx", headers, rows, title=_("耳标发放记录"))


@login_required
@offline.entry(replay="eartags:stock")
def fit(request):
    farms = list(registry_queries.farms_visible_to(request.user)[:500])
    form = forms.FitForm(request.POST or None, farms=farms)
    entry = {"title": _("登记佩戴耳标"), "button": _("登记"), "offline_as": _("佩戴耳标")}
    if request.method == "POST" and form.is_valid():
        try:
            farm = registry_queries.farm(request.user, int(form.cleaned_data["farm"]))
            tags = forms.split_codes(form.cleaned_data["codes"])
            services.fit_tags(
                actor=request.user, farm=farm, codes=tags, on=form.cleaned_data["date"]
            )
        except DomainError as exc:
            return _form_page(request, form, error=exc, **entry)
        messages.success(request, _("已登记佩戴%(n)d枚耳标") % {"n": len(tags)})
        return redirect("eartags:stock")
    return _form_page(request, form, **entry)


@login_required
def cancel(request):
    form = forms.CancelForm(request.POST or None)
    title = _("注销耳标")
    if request.method == "POST" and form.is_valid():
        tags = forms.split_codes(form.cleaned_data["codes"])
        try:
            services.cancel_tags(actor=request.user, codes=tags, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            return _form_page(request, form, title=title, error=exc, button=_("注销"))
        messages.success(request, _("已注销%(n)d枚耳标") % {"n": len(tags)})
        return redirect("eartags:lookup")
    return _form_page(
        request,
        form,
        title=title,
        button=_("注销"),
        intro=_("屠宰、死亡、丢失或损坏的耳标注销后永不再用。"),
    )


@login_required
def lookup(request):
    form = forms.LookupForm(request.GET or None)
    tag, error = None, None
    if request.GET.get("code") and form.is_valid():
        try:
            tag = queries.lookup_tag(request.user, form.cleaned_data["code"])
        except DomainError as exc:
            error = exc
    return render(
        request,
        "eartags/lookup.html",
        {
            "form": form,
            "tag": tag,
            "species_label": SPECIES_LABELS.get(tag["species"], "") if tag else "",
            "error": error,
        },
        status=404 if error and error.status == 404 else 422 if error else 200,
    )
