"""Pages of the 先打后补 subsidy, per role: farmers and providers apply; the supervisor does the
preliminary reviews; the bureau the final reviews, publicity, payment and policy. The
running publicity and the approved qualification list are public (no login)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.spreadsheets import xlsx_response
from smartvet.subsidy import calc, commands, forms, queries, rules, services, words
from smartvet.subsidy.models import ApplicationStatus, QualificationStatus


def _page(request, queryset):
    return Paginator(queryset, 20).get_page(request.GET.get("page"))


def _params(request) -> dict[str, str]:
    get = request.GET
    return {
        "status": get.get("status", "")[:30],
        "policy": get.get("policy", "")[:40],
        "q": get.get("q", "")[:100],
    }


def _policies(request):
    return [p for p in queries.policies_visible_to(request.user) if p.region_id != "CN"]


# ----------------------------------------------------------------------- qualification


@login_required
def qualification_list(request):
    items = queries.qualifications_visible_to(request.user, **_params(request))
    return render(
        request,
        "subsidy/qualification_list.html",
        {
            "page": _page(request, items),
            "params": request.GET,
            "statuses": QualificationStatus.choices,
            "policies": _policies(request),
        },
    )


@login_required
def qualification_export(request):
    items = queries.qualifications_visible_to(request.user, **_params(request))
    headers = [
        _("养殖场编码"),
        _("养殖场"),
        _("所在地"),
        _("政策"),
        _("状态"),
        _("申报说明"),
        _("退回原因"),
        _("提交时间"),
    ]
    rows = [
        [
            i.farm.code,
            i.farm.name,
            i.farm.region.name,
            i.policy.name,
            i.get_status_display(),
            i.note,
            i.return_reason,
            i.submitted_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for i in items.iterator(chunk_size=2000)
    ]
    return xlsx_response(_("资质申请") + ".xlsx", headers, rows, title=_("资质申请"))


def _farms_for(request):
    return queries.farms_for_applicant(request.user)[:500]


def _qualified(request) -> tuple[list[Any], list[Any]]:
    """The farms and policies offered for a subsidy application: those of the finally
    approved qualifications with nothing applied yet."""
    qualifications = list(queries.qualified_to_apply(request.user)[:500])
    farms = {item.farm_id: item.farm for item in qualifications}
    policies = {item.policy_id: item.policy for item in qualifications}
    return list(farms.values()), list(policies.values())


@login_required
def qualification_create(request):
    error = None
    if request.method == "POST":
        try:
            item = services.submit_qualification(
                actor=request.user, command=_command(commands.SubmitQualification, request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("资质申请已提交"))
            return redirect("subsidy:qualification-detail", item.pk)
    return render(
        request,
        "subsidy/apply_form.html",
        {
            "title": _("提交先打后补资质申请"),
            "farms": _farms_for(request),
            "policies": queries.open_for_qualification(request.user),
            "error": error,
            "kind": "qualification",
            "post": request.POST,
        },
        status=422 if error else 200,
    )


@login_required
def qualification_detail(request, qualification_id: int):
    item = queries.qualification(request.user, qualification_id)
    return render(request, "subsidy/qualification_detail.html", {"item": item})


# One entry per action of the workflow (subsidy.permissions.QUALIFICATIONS), by its name.
QUALIFICATION_ACTIONS = {
    "resubmit": lambda user, pk, post: services.resubmit_qualification(
        actor=user,
        qualification_id=pk,
        command=_command(commands.ResubmitQualification, post),
    ),
    "preliminary-approve": lambda user, pk, post: services.preliminary_approve_qualification(
        actor=user, qualification_id=pk
    ),
    "approve": lambda user, pk, post: services.final_approve_qualification(
        actor=user, qualification_id=pk
    ),
    "return": lambda user, pk, post: services.return_qualification(
        actor=user, qualification_id=pk, command=_command(commands.ReturnQualification, post)
    ),
}


@login_required
@require_POST
def qualification_action(request, qualification_id: int, action: str):
    return _act(
        request, QUALIFICATION_ACTIONS, qualification_id, action, "subsidy:qualification-detail"
    )


# ------------------------------------------------------------------------- application


def _flagged(request) -> bool | None:
    return {"1": True, "0": False}.get(request.GET.get("flagged", ""))


@login_required
def application_list(request):
    items = queries.applications_visible_to(
        request.user, flagged=_flagged(request), **_params(request)
    )
    return render(
        request,
        "subsidy/application_list.html",
        {
            "page": _page(request, items),
            "params": request.GET,
            "statuses": ApplicationStatus.choices,
            "policies": _policies(request),
        },
    )


@login_required
def application_export(request):
    items = queries.applications_visible_to(
        request.user, flagged=_flagged(request), **_params(request)
    )
    headers = [
        _("申请编号"),
        _("养殖场编码"),
        _("养殖场"),
        _("政策"),
        _("政策版本"),
        _("状态"),
        _("补助明细（数量×标准=金额，计算依据）"),
        _("应补金额"),
        _("实补金额"),
        _("异常提示"),
        _("收款方"),
    ]
    rows = []
    for app in items.iterator(chunk_size=2000):
        detail = _("；").join(
            _("%(text)s（%(note)s）")
            % {
                "text": f"{words.category(line['category'])} "
                f"{line['count']}×{line['rate']}={line['amount']}",
                "note": words.basis(line),
            }
            for line in app.lines
        )
        rows.append(
            [
                app.number,
                app.farm.code,
                app.farm.name,
                app.policy.name,
                app.policy_version,
                app.get_status_display(),
                detail,
                Decimal(app.entitled),
                "" if app.allocated is None else app.allocated,
                _("；").join(rules.flag_message(flag) for flag in app.flags),
                app.get_payee_kind_display(),
            ]
        )
    return xlsx_response(_("补贴申请") + ".xlsx", headers, rows, title=_("补贴申请"))


@login_required
def application_create(request):
    error = None
    if request.method == "POST":
        try:
            app = services.submit_application(
                actor=request.user, command=_command(commands.SubmitApplication, request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("补贴申请已提交：%(n)s") % {"n": app.number})
            return redirect("subsidy:application-detail", app.pk)
    farms, policies = _qualified(request)
    return render(
        request,
        "subsidy/apply_form.html",
        {
            "title": _("提交先打后补补贴申请"),
            "farms": farms,
            "policies": policies,
            "error": error,
            "kind": "application",
            "post": request.POST,
        },
        status=422 if error else 200,
    )


@login_required
def application_detail(request, application_id: int):
    app = queries.application(request.user, application_id)
    counts = app.counts
    return render(
        request,
        "subsidy/application_detail.html",
        {
            "app": app,
            "lines": [words.with_words(line) for line in app.lines],
            "flags": [words.with_label(flag) for flag in app.flags],
            "recorded": {
                name: words.counts(counts.get(name, {}))
                for name in ("stock", "quarantined", "immunized")
            },
            "antibody_tests": [
                words.antibody_test(test) for test in counts.get("antibody_tests", [])
            ],
            "objections": app.objections.all(),
            "payment": getattr(app, "payment", None),
            "today": timezone.localdate().isoformat(),
        },
    )


# One entry per action of the workflow (subsidy.permissions.APPLICATIONS), by its name.
APPLICATION_ACTIONS = {
    "resubmit": lambda user, pk, post: services.resubmit_application(
        actor=user, application_id=pk, command=_command(commands.ResubmitApplication, post)
    ),
    "preliminary-approve": lambda user, pk, post: services.preliminary_approve_application(
        actor=user, application_id=pk, command=_command(commands.Review, post)
    ),
    "approve": lambda user, pk, post: services.final_approve_application(
        actor=user, application_id=pk, command=_command(commands.Review, post)
    ),
    "return": lambda user, pk, post: services.return_application(
        actor=user, application_id=pk, command=_command(commands.SendBack, post)
    ),
    "reject": lambda user, pk, post: services.reject_application(
        actor=user, application_id=pk, command=_command(commands.SendBack, post)
    ),
    "objection": lambda user, pk, post: services.record_objection(
        actor=user, application_id=pk, command=_command(commands.RecordObjection, post)
    ),
    "payment": lambda user, pk, post: services.record_payment(
        actor=user, application_id=pk, command=_command(commands.RecordPayment, post)
    ),
}


@login_required
@require_POST
def application_action(request, application_id: int, action: str):
    return _act(request, APPLICATION_ACTIONS, application_id, action, "subsidy:application-detail")


@login_required
@require_POST
def objection_resolve(request, objection_id: int):
    try:
        # An unticked checkbox is not sent: not upheld.
        data = _fields(commands.ResolveObjection, request.POST)
        data["upheld"] = request.POST.get("upheld") == "1"
        objection = services.resolve_objection(
            actor=request.user,
            objection_id=objection_id,
            command=parse(commands.ResolveObjection, data),
        )
    except DomainError as exc:
        messages.error(request, _said(exc))
        return redirect(request.POST.get("next") or "subsidy:publicity-list")
    messages.success(request, _("异议已处理"))
    return redirect("subsidy:application-detail", objection.application_id)


# --------------------------------------------------------------- publicity and payment


@login_required
def publicity_list(request):
    error = None
    if request.method == "POST":
        try:
            item = services.start_publicity(
                actor=request.user, command=_command(commands.StartPublicity, request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("公示已发布，截止%(d)s") % {"d": item.ends_on})
            return redirect("subsidy:publicity-detail", item.pk)
    return render(
        request,
        "subsidy/publicity_list.html",
        {
            "page": _page(request, queries.publicities_visible_to(request.user)),
            "policies": _policies(request),
            "error": error,
            "today": timezone.localdate().isoformat(),
        },
        status=422 if error else 200,
    )


@login_required
def publicity_detail(request, publicity_id: int):
    item = queries.publicity(request.user, publicity_id)
    return render(
        request,
        "subsidy/publicity_detail.html",
        {
            "item": item,
            "card": queries.public_card(item),
            "objections": queries.objections_of(request.user, item.pk),
        },
    )


@login_required
def publicity_export(request, publicity_id: int):
    item = queries.publicity(request.user, publicity_id)
    return _publicity_workbook(queries.public_card(item))


def _publicity_workbook(card: dict[str, Any]):
    headers = [_("申请编号"), _("养殖场"), _("补助明细"), _("应补金额"), _("实补金额")]
    rows = [
        [
            row["number"],
            row["farm"],
            _("；").join(
                f"{line['category_label']} {line['count']}×{line['rate']}={line['amount']}"
                for line in row["lines"]
            ),
            row["entitled"],
            row["allocated"],
        ]
        for row in card["items"]
    ]
    return xlsx_response(_("补助公示") + ".xlsx", headers, rows, title=_("补助公示"))


@login_required
@require_POST
def publicity_close(request, publicity_id: int):
    try:
        services.close_publicity(actor=request.user, publicity_id=publicity_id)
    except DomainError as exc:
        messages.error(request, _said(exc))
    else:
        messages.success(request, _("公示已结束，名单内申请可以拨付"))
    return redirect("subsidy:publicity-detail", publicity_id)


@login_required
def payment_list(request):
    late = {"1": True, "0": False}.get(request.GET.get("late", ""))
    items = queries.payments_visible_to(request.user, q=request.GET.get("q", "")[:100], late=late)
    return render(
        request,
        "subsidy/payment_list.html",
        {
            "page": _page(request, items),
            "params": request.GET,
            "due": queries.payments_due(request.user),
        },
    )


@login_required
def payment_export(request):
    late = {"1": True, "0": False}.get(request.GET.get("late", ""))
    items = queries.payments_visible_to(request.user, q=request.GET.get("q", "")[:100], late=late)
    headers = [
        _("申请编号"),
        _("养殖场"),
        _("收款人"),
        _("收款方"),
        _("发放方式"),
        _("账号"),
        _("金额"),
        _("拨付日期"),
        _("凭证号"),
        _("超期"),
    ]
    rows = [
        [
            p.application.number,
            p.application.farm.name,
            p.payee_name,
            p.get_payee_kind_display(),
            p.get_account_kind_display(),
            _mask(p.account_no),
            p.amount,
            p.paid_on.isoformat(),
            p.reference,
            _("是") if p.late else _("否"),
        ]
        for p in items.iterator(chunk_size=2000)
    ]
    return xlsx_response(_("补助拨付") + ".xlsx", headers, rows, title=_("补助拨付"))


def _mask(account: str) -> str:
    return account if len(account) <= 4 else "*" * (len(account) - 4) + account[-4:]


@login_required
def summary(request):
    data = queries.county_summary(request.user, policy=request.GET.get("policy", "")[:40])
    return render(
        request,
        "subsidy/summary.html",
        {"data": data, "params": request.GET, "policies": _policies(request)},
    )


@login_required
def summary_export(request):
    data = queries.county_summary(request.user, policy=request.GET.get("policy", "")[:40])
    headers = [_("畜种"), _("品种类别"), _("核定数量"), _("应补金额"), _("实补金额"), _("已拨付")]
    rows = []
    for entry in data["species"]:
        for row in entry["categories"]:
            rows.append(
                [
                    entry["label"],
                    row["label"],
                    row["count"],
                    row["entitled"],
                    row["allocated"],
                    row["paid"],
                ]
            )
    totals = data["totals"]
    rows.append([_("合计"), "", "", totals["entitled"], totals["allocated"], totals["paid"]])
    return xlsx_response(_("先打后补汇总") + ".xlsx", headers, rows, title=_("汇总"))


def _group_words(group: calc.Group) -> dict[str, Any]:
    return {
        "label": words.group(group.categories),
        "unit": words.group_unit(group.categories),
        "stock": group.stock,
        "output": group.output,
    }


def _rules_summary(rules: calc.Policy) -> dict[str, Any]:
    """A policy's rules in words: each rate with its unit and what it is counted by, each
    scale line and large-farm line by the categories it sums."""
    return {
        "rules": rules,
        "pass_percent": commands.percent(rules.antibody_pass_rate),
        "rates": [
            {
                "label": words.category(rate.category),
                "rate": calc.money(rate.rate),
                "unit": words.unit(rate.category),
                "basis": words.BASIS_LABELS[rate.basis],
            }
            for rate in rules.rates.values()
        ],
        "groups": [_group_words(group) for group in rules.groups],
        "large_farm": [_group_words(group) for group in rules.large_farm],
    }


@login_required
def policy_list(request):
    error = None
    sources = list(queries.policies_visible_to(request.user))
    if request.method == "POST":
        try:
            item = services.copy_policy(
                actor=request.user,
                source_id=_int(request.POST.get("source")),
                command=forms.copy_command(request.POST, request.user),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已复制为本地政策：%(name)s") % {"name": item.name})
            return redirect("subsidy:policy-edit", item.pk)
    policies = []
    for item in sources:
        try:
            summary = _rules_summary(item.as_policy())
        except calc.InputError:
            summary = None
        policies.append((item, summary, queries.may_edit_policy(request.user, item)))
    copy_form = forms.CopyPolicyForm(
        request.user, sources, initial=request.POST if request.method == "POST" else None
    )
    return render(
        request,
        "subsidy/policy_list.html",
        {"policies": policies, "error": error, "copy_form": copy_form},
        status=422 if error else 200,
    )


@login_required
def policy_edit(request, policy_id: int):
    """A county's policy in labelled inputs (rates per category, scale lines, dates, budget);
    each save that changes something raises the version."""
    item = queries.policy_to_edit(request.user, policy_id)
    problems: dict[str, str] = {}
    if request.method == "POST":
        try:
            edit = forms.policy_command(request.POST, item)
            saved = services.update_policy(
                actor=request.user,
                policy_id=item.pk,
                command=commands.UpdatePolicy(
                    rules={**item.rules, **edit.as_rules()}, name=edit.name
                ),
            )
        except DomainError as exc:
            if exc.status in {403, 404}:
                raise
            problems = forms.problems_by_input(exc.details) or {"": _said(exc)}
        else:
            messages.success(
                request,
                _("已保存：%(name)s 第%(version)d版")
                % {"name": saved.name, "version": saved.version},
            )
            return redirect("subsidy:policy-list")
    form = forms.PolicyForm(
        item, posted=request.POST if request.method == "POST" else None, problems=problems
    )
    return render(
        request,
        "subsidy/policy_form.html",
        {"item": item, "form": form},
        status=422 if problems else 200,
    )


# -------------------------------------------------------------------------- public


def public_publicity(request):
    """公开公示 (no login): names, counts and amounts of every publicity running today."""
    cards = [queries.public_card(item) for item in queries.open_publicities()[:50]]
    return render(request, "subsidy/public_publicity.html", {"cards": cards})


def public_qualified(request, policy: str):
    """The published list of farms whose qualification passed the final review."""
    items = queries.approved_qualifications(policy[:40])
    first = items.first()
    if first is None:
        raise Http404
    return render(
        request,
        "subsidy/public_qualified.html",
        {"policy": first.policy, "page": _page(request, items)},
    )


# ------------------------------------------------------------------------- helpers


def _said(exc: DomainError) -> str:
    """A refusal as the user reads it: its message and those of its details, never a code."""
    said = [str(exc.message)]
    for detail in exc.details:
        message = str(detail.get("message", ""))
        if message and message not in said:
            said.append(message)
    return _("；").join(said)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DomainError("VALIDATION_ERROR", _("请选择或填写有效的编号")) from None


def _fields(command, form) -> dict[str, str]:
    """The command's fields from a form (which carries its CSRF token too); an empty one is
    left out, so the command's default applies, or its "必须填写"."""
    return {name: form[name] for name in command.model_fields if form.get(name, "") != ""}


def _command(command, form):
    return parse(command, _fields(command, form))


def _act(request, actions, pk: int, action: str, detail: str):
    handler = actions.get(action)
    if handler is None:
        raise Http404
    try:
        handler(request.user, pk, request.POST)
    except DomainError as exc:
        if exc.status in {403, 404}:
            raise
        messages.error(request, _said(exc))
    else:
        messages.success(request, _("已完成"))
    return redirect(detail, pk)
