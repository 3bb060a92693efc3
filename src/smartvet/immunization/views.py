"""Pages of compulsory immunization: vaccine stock-in, the phone-first immunization entry,
records, antibody tests, sampling lists, a farm's history and the density overview."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.core import offline
from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.species import CATEGORY_LABELS, SPECIES_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.immunization import charts, files, forms, queries, services
from smartvet.immunization.commands import (
    ReceiveLot,
    RecordAntibodyTest,
    RecordImmunization,
    TransferLot,
)
from smartvet.immunization.models import Disease, LotSource
from smartvet.immunization.permissions import (
    HOLD_TENDER_VACCINE,
    IMMUNIZE,
    RECEIVE_LOT,
    VIEW_ANTIBODY_TESTS,
    VIEW_LOTS,
)
from smartvet.registry import queries as registry_queries

DISEASE_LABELS = dict(Disease.choices)


def _date(value: str, default: date | None = None) -> date | None:
    try:
        return parse_date((value or "")[:10]) or default
    except ValueError:
        return default


def _render(request, template, context, error=None):
    form = context.get("form")
    status = 422 if error or (form is not None and form.is_bound and form.errors) else 200
    return render(request, template, {**context, "error": error}, status=status)


def _upload(upload) -> tuple[bytes | None, int | None]:
    if upload is None:
        return None, None
    return (b"" if upload.size > files.MAX_PHOTO_BYTES else upload.read()), upload.size


# --- vaccine lots ----------------------------------------------------------------------------


def _lot_filters(request) -> dict:
    params = request.GET
    usable = {"1": True, "0": False}.get(params.get("usable", ""))
    return {
        "q": params.get("q", "")[:100],
        "source": params.get("source", "")[:10],
        "disease": params.get("disease", "")[:20],
        "usable": usable,
        "today": timezone.localdate(),
    }


@login_required
def lot_list(request):
    lots = queries.lots_visible_to(request.user, **_lot_filters(request))
    page = Paginator(lots, 20).get_page(request.GET.get("page"))
    for lot in page:
        lot.disease_labels = [DISEASE_LABELS.get(d, d) for d in lot.diseases]
        lot.species_labels = [SPECIES_LABELS[s] for s in lot.species]
    return render(
        request,
        "immunization/lot_list.html",
        {
            "page": page,
            "params": request.GET,
            "diseases": Disease.choices,
            "sources": LotSource.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def lot_export(request):
    lots = queries.lots_visible_to(request.user, **_lot_filters(request))
    headers = [
        _("疫苗名称"),
        _("生产企业"),
        _("批准文号"),
        _("批号"),
        _("有效期至"),
        _("防控病种"),
        _("适用畜种"),
        _("瓶数"),
        _("入库头份"),
        _("剩余头份"),
        _("来源"),
        _("持有"),
        _("入库日期"),
    ]
    rows = [
        [
            lot.product,
            lot.manufacturer,
            lot.approval_number,
            lot.batch,
            lot.expiry,
            _("、").join(str(DISEASE_LABELS.get(d, d)) for d in lot.diseases),
            _("、").join(str(SPECIES_LABELS[s]) for s in lot.species) or _("不限"),
            lot.bottles,
            lot.doses,
            lot.doses_left,
            lot.get_source_display(),
            lot.farm.name if lot.farm_id else str(lot.holder),
            lot.received_on,
        ]
        for lot in lots
    ]
    return xlsx_response(_("疫苗批次") + ".xlsx", headers, rows, title=_("疫苗批次"))


@login_required
def lot_create(request):
    form = forms.LotForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "source": "tender" if can(request.user, HOLD_TENDER_VACCINE) else "self",
            "farm": request.GET.get("farm", "")[:100],
        },
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo, size = _upload(data.pop("photo"))
        data["bottle_codes"] = data["bottle_codes"].splitlines()
        try:
            lot = services.receive_lot(
                actor=request.user,
                command=parse(ReceiveLot, data),
                photo=photo,
                photo_size=size,
            )
        except DomainError as exc:
            return _render(request, "immunization/lot_form.html", {"form": form}, exc)
        messages.success(request, _("已入库：%(p)s %(b)s") % {"p": lot.product, "b": lot.batch})
        return redirect("immunization:lot-detail", lot_id=lot.pk)
    return _render(request, "immunization/lot_form.html", {"form": form})


@login_required
def lot_detail(request, lot_id: int):
    lot = queries.lot(request.user, lot_id)
    return render(
        request,
        "immunization/lot_detail.html",
        {
            "lot": lot,
            "codes": lot.bottle_codes.all()[:500],
            "records": lot.immunizations.select_related("farm")[:50],
            "photo_form": forms.PhotoForm(),
            "transfer_form": forms.TransferForm(),
            "diseases": [DISEASE_LABELS.get(d, d) for d in lot.diseases],
            "species": [SPECIES_LABELS[s] for s in lot.species],
            "can_attach_photo": can(request.user, RECEIVE_LOT, lot),
            "can_transfer": queries.may_transfer(request.user, lot),
            "can_sign": queries.may_sign_for(request.user, lot),
        },
    )


@login_required
def lot_photo_upload(request, lot_id: int):
    lot = queries.lot(request.user, lot_id)
    form = forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, size = _upload(form.cleaned_data["file"])
        try:
            services.attach_lot_photo(
                actor=request.user, lot_id=lot.pk, data=data or b"", size=size
            )
        except DomainError as exc:
            return _render(request, "immunization/upload.html", {"form": form, "lot": lot}, exc)
        messages.success(request, _("已上传包装照片"))
        return redirect("immunization:lot-detail", lot_id=lot.pk)
    return _render(request, "immunization/upload.html", {"form": form, "lot": lot})


@login_required
def lot_transfer(request, lot_id: int):
    lot = queries.lot(request.user, lot_id)
    form = forms.TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_lot(
                actor=request.user, lot_id=lot.pk, command=parse(TransferLot, form.cleaned_data)
            )
        except DomainError as exc:
            return _render(request, "immunization/upload.html", {"form": form, "lot": lot}, exc)
        messages.success(request, _("已调拨"))
        return redirect("immunization:lot-detail", lot_id=lot.pk)
    return _render(request, "immunization/upload.html", {"form": form, "lot": lot})


@login_required
@require_POST
def lot_sign(request, lot_id: int):
    try:
        lot = services.sign_for_lot(actor=request.user, lot_id=lot_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已签收：%(p)s %(b)s") % {"p": lot.product, "b": lot.batch})
    return redirect("immunization:lot-detail", lot_id=lot_id)


@login_required
def lot_photo(request, lot_id: int):
    lot = queries.lot(request.user, lot_id)
    if not lot.photo:
        raise Http404
    return FileResponse(lot.photo.open("rb"))


# --- immunization entry ----------------------------------------------------------------------


@login_required
def entry(request):
    """Step 1 on the phone: pick the farm (search, or the list of farms served)."""
    q = request.GET.get("q", "")[:100]
    farms = queries.farms_to_immunize(request.user, q=q)
    page = Paginator(farms, 30).get_page(request.GET.get("page"))
    return render(request, "immunization/entry.html", {"page": page, "q": q})


def _at_hand(params, status: list[dict]) -> dict | None:
    """The category and disease the vaccination is for: as chosen on the page (or posted with
    the form), else the first one of the category the farm still has to protect, else the
    category's first. None when the farm keeps no animals."""
    kept = [row for row in status if row["stock"]]
    of_category = [row for row in kept if row["category"] == params.get("category")] or kept
    for row in of_category:
        if row["disease"] == params.get("disease"):
            return row
    due = [row for row in of_category if row["required"] and not row["protected"]]
    return (due or of_category or [None])[0]


def _entry_context(farm, form, status, at_hand) -> dict:
    kept = [row for row in status if row["stock"]]
    categories = list(dict.fromkeys((row["category"], row["category_label"]) for row in kept))
    stock = registry_queries.current_stock(farm)
    return {
        "form": form,
        "farm": farm,
        "stock_labels": [(CATEGORY_LABELS.get(c, c), n) for c, n in stock.items()],
        "lots": form.lots if form else [],
        "status": status,
        "at_hand": at_hand,
        "categories": categories,
        "diseases": [row for row in kept if at_hand and row["category"] == at_hand["category"]],
    }


def _ear_tags(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@login_required
@offline.entry(replay="immunization:entry-farm")
def entry_farm(request, farm_id: int):
    """Step 2: the category and disease at hand, then one form per vaccination offering the
    lots this person may use on this farm for them."""
    farm = queries.farm_to_immunize(request.user, farm_id)
    today = timezone.localdate()
    status = queries.farm_status(request.user, farm, today)
    at_hand = _at_hand(request.POST or request.GET, status)
    form = None
    if at_hand:
        pair = {"category": at_hand["category"], "disease": at_hand["disease"]}
        form = forms.ImmunizationForm(
            request.POST or None,
            initial={"date": today, **pair},
            lots=queries.usable_lots(request.user, farm, today, **pair),
        )
    if request.method == "POST" and form is not None and form.is_valid():
        fields = {**form.cleaned_data, "farm": farm.pk}
        fields["ear_tags"] = _ear_tags(fields["ear_tags"])
        try:
            command = parse(RecordImmunization, fields)
            record = services.record_immunization(actor=request.user, command=command)
        except DomainError as exc:
            context = _entry_context(farm, form, status, at_hand)
            return _render(request, "immunization/entry_farm.html", context, exc)
        messages.success(
            request,
            _("已录入：%(c)s %(d)s %(n)d，下次免疫 %(due)s")
            % {
                "c": CATEGORY_LABELS[record.category],
                "d": DISEASE_LABELS[record.disease],
                "n": record.animals,
                "due": record.next_due,
            },
        )
        # on to what the farm still needs (the default choice)
        return redirect("immunization:entry-farm", farm_id=farm.pk)
    context = _entry_context(farm, form, status, at_hand)
    return _render(request, "immunization/entry_farm.html", context)


def _record_filters(request) -> dict:
    params = request.GET
    return {
        "region": params.get("region", "")[:12],
        "disease": params.get("disease", "")[:20],
        "category": params.get("category", "")[:20],
        "start": _date(params.get("start")),
        "end": _date(params.get("end")),
        "q": params.get("q", "")[:100],
    }


@login_required
def record_list(request):
    records = queries.immunizations_visible_to(request.user, **_record_filters(request))
    page = Paginator(records, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "immunization/record_list.html",
        {
            "page": page,
            "params": request.GET,
            "diseases": Disease.choices,
            "categories": CATEGORY_LABELS.items(),
        },
    )


def _record_rows(records):
    for r in records:
        yield [
            r.farm.name,
            r.farm.code,
            r.date,
            CATEGORY_LABELS.get(r.category, r.category),
            DISEASE_LABELS.get(r.disease, r.disease),
            f"{r.lot.product} {r.lot.batch}",
            r.animals,
            r.doses,
            str(r.performed_by),
            len(r.ear_tags),
            r.next_due,
            r.protected_until,
        ]


RECORD_HEADERS = [
    gettext_noop("养殖场户"),
    gettext_noop("编码"),
    gettext_noop("免疫日期"),
    gettext_noop("品种类别"),
    gettext_noop("病种"),
    gettext_noop("疫苗批次"),
    gettext_noop("免疫数量"),
    gettext_noop("用苗头份"),
    gettext_noop("免疫人"),
    gettext_noop("佩戴耳标数"),
    gettext_noop("下次免疫"),
    gettext_noop("保护期至"),
]


@login_required
def record_export(request):
    records = queries.immunizations_visible_to(request.user, **_record_filters(request))
    return xlsx_response(
        _("免疫档案") + ".xlsx",
        header_labels(RECORD_HEADERS),
        _record_rows(records),
        title=_("免疫档案"),
    )


@login_required
def farm_history(request, farm_id: int):
    farm = registry_queries.farm(request.user, farm_id)
    today = timezone.localdate()
    records = Paginator(
        queries.immunizations_visible_to(request.user, farm_id=farm.pk), 20
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "immunization/farm_history.html",
        {
            "farm": farm,
            "status": queries.farm_status(request.user, farm, today),
            "can_immunize": can(request.user, IMMUNIZE, farm),
            "records": records,
            # the farm's antibody tests and own vaccine, for those who may read them
            "tests": queries.antibody_tests_visible_to(request.user, farm_id=farm.pk)[:50]
            if can(request.user, VIEW_ANTIBODY_TESTS)
            else None,
            "lots": queries.lots_visible_to(request.user).filter(farm=farm)[:50]
            if can(request.user, VIEW_LOTS)
            else None,
            "today": today,
        },
    )


@login_required
def farm_history_export(request, farm_id: int):
    farm = registry_queries.farm(request.user, farm_id)
    records = queries.immunizations_visible_to(request.user, farm_id=farm.pk)
    return xlsx_response(
        _("免疫档案") + f"-{farm.code}.xlsx",
        header_labels(RECORD_HEADERS),
        _record_rows(records),
        title=_("免疫档案"),
    )


# --- antibody tests --------------------------------------------------------------------------


def _antibody_filters(request) -> dict:
    params = request.GET
    year = params.get("year", "")
    return {
        "region": params.get("region", "")[:12],
        "disease": params.get("disease", "")[:20],
        "year": int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
        "late": {"1": True, "0": False}.get(params.get("late", "")),
        "passed": {"1": True, "0": False}.get(params.get("passed", "")),
        "q": params.get("q", "")[:100],
    }


@login_required
def antibody_list(request):
    tests = queries.antibody_tests_visible_to(request.user, **_antibody_filters(request))
    page = Paginator(tests, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "immunization/antibody_list.html",
        {"page": page, "params": request.GET, "diseases": Disease.choices},
    )


@login_required
def antibody_export(request):
    tests = queries.antibody_tests_visible_to(request.user, **_antibody_filters(request))
    headers = [
        _("养殖场户"),
        _("病种"),
        _("轮次"),
        _("采样日期"),
        _("样品数"),
        _("合格数"),
        _("合格率（%）"),
        _("合格"),
        _("检测机构"),
        _("资质"),
        _("应录入日期"),
        _("超期录入"),
    ]
    rows = [
        [
            t.farm.name,
            DISEASE_LABELS.get(t.disease, t.disease),
            t.get_round_display(),
            t.sampled_on,
            t.samples,
            t.qualified,
            float(t.pass_rate),
            _("是") if t.passed else _("否"),
            t.lab,
            t.get_accreditation_display(),
            t.due_by,
            _("是") if t.late else _("否"),
        ]
        for t in tests
    ]
    return xlsx_response(_("抗体检测") + ".xlsx", headers, rows, title=_("抗体检测"))


@login_required
def antibody_create(request):
    form = forms.AntibodyForm(
        request.POST or None,
        request.FILES or None,
        initial={"farm": request.GET.get("farm", "")[:100], "sampled_on": timezone.localdate()},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        report, size = _upload(data.pop("report"))
        try:
            test = services.record_antibody_test(
                actor=request.user,
                command=parse(RecordAntibodyTest, data),
                report=report,
                report_size=size,
            )
        except DomainError as exc:
            return _render(request, "immunization/antibody_form.html", {"form": form}, exc)
        text = _("已录入：合格率%(r)s%%，%(p)s") % {
            "r": test.pass_rate,
            "p": _("合格") if test.passed else _("不合格，须补免后复检"),
        }
        if test.late:
            text += _("；超过采样后10个工作日（%(d)s）录入，已标记") % {"d": test.due_by}
        messages.success(request, text)
        return redirect("immunization:antibody-list")
    return _render(request, "immunization/antibody_form.html", {"form": form})


@login_required
def antibody_report(request, test_id: int):
    test = queries.antibody_tests_visible_to(request.user).filter(pk=test_id).first()
    if test is None or not test.report:
        raise Http404
    return FileResponse(test.report.open("rb"))


@login_required
def antibody_report_upload(request, test_id: int):
    test = queries.antibody_tests_visible_to(request.user).filter(pk=test_id).first()
    if test is None:
        raise Http404
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, size = _upload(form.cleaned_data["file"])
        try:
            services.attach_antibody_report(
                actor=request.user, test_id=test.pk, data=data or b"", size=size
            )
        except DomainError as exc:
            return _render(request, "immunization/upload.html", {"form": form, "test": test}, exc)
        messages.success(request, _("已上传检测报告"))
        return redirect("immunization:antibody-list")
    return _render(request, "immunization/upload.html", {"form": form, "test": test})


@login_required
def sampling(request):
    year_text = request.GET.get("year", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 2000 <= int(year_text) <= 2100
        else timezone.localdate().year
    )
    overview = queries.sampling_overview(
        request.user, year, region=request.GET.get("region", "")[:12]
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("疾控抽检待采样名单") + f"-{year}.xlsx",
            [_("养殖场户"), _("编码"), _("区划代码")],
            [[f.name, f.code, f.region_id] for f in overview["to_sample"]],
            title=_("待采样"),
        )
    return render(request, "immunization/sampling.html", {"o": overview, "year": year})


# --- density ---------------------------------------------------------------------------------


@login_required
def density(request):
    params = request.GET
    today = timezone.localdate()
    disease = params.get("disease", "FMD") if params.get("disease") in Disease.values else "FMD"
    start = _date(params.get("start"), date(today.year, 1, 1))
    end = _date(params.get("end"), today)
    level = params.get("level", "township")
    if level not in queries.LEVELS:
        level = "township"
    if start > end:
        start, end = end, start
    rows = queries.density(
        request.user,
        disease=disease,
        start=start,
        end=end,
        level=level,
        region=params.get("region", "")[:12],
    )
    if params.get("format") == "xlsx":
        return xlsx_response(
            _("免疫密度") + ".xlsx",
            [
                _("单位"),
                _("区划代码"),
                _("养殖场户数"),
                _("应免数量"),
                _("已免数量"),
                _("免疫密度（%）"),
            ],
            [
                [
                    r["name"],
                    r["region"],
                    r["farms"],
                    r["required"],
                    r["immunized"],
                    float(r["density"]) if r["density"] is not None else None,
                ]
                for r in rows
            ],
            title=_("免疫密度"),
        )
    return render(
        request,
        "immunization/density.html",
        {
            "rows": rows,
            "total": queries.density_total(rows),
            "disease": disease,
            "start": start,
            "end": end,
            "level": level,
            "params": params,
            "diseases": Disease.choices,
            "levels": queries.LEVELS,
            "chart": charts.density_bars(rows[:40]),
            "default_start": start or today - timedelta(days=365),
        },
    )
