"""The county's catalogue with guide prices, the providers and the vaccinator roster."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core.access import can, require
from smartvet.core.spreadsheets import xlsx_response
from smartvet.vetservice import rules
from smartvet.vetservice.permissions import (
    MANAGE_PROVIDERS,
    MANAGE_ROSTER,
    VIEW_ROSTER,
    VIEW_SERVICES,
)
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.queries import roster as queries
from smartvet.vetservice.views.common import page_of, text_param


@login_required
def catalogue(request):
    require(request.user, VIEW_SERVICES)
    providers = list(queries.providers_visible_to(request.user).prefetch_related("villages"))
    return render(
        request,
        "vetservice/catalogue.html",
        {
            "lines": catalogue_queries.catalogue(request.user),
            "providers": providers,
            "editable": _editable(request.user, MANAGE_PROVIDERS, providers),
        },
    )


def _editable(actor, permission, rows) -> set[int]:
    """The rows the actor may edit: their links show only for those."""
    return {row.pk for row in rows if can(actor, permission, row)}


def _roster(request):
    expired = {"1": True, "0": False}.get(request.GET.get("expired", ""))
    return queries.roster_visible_to(
        request.user,
        q=text_param(request, "q"),
        region=text_param(request, "region", 12),
        expired=expired,
    ).prefetch_related("trainings", "assessments")


@login_required
def roster(request):
    require(request.user, VIEW_ROSTER)
    today = timezone.localdate()
    page = page_of(request, _roster(request))
    return render(
        request,
        "vetservice/roster.html",
        {
            "page": page,
            "params": request.GET,
            "today": today,
            "editable": _editable(request.user, MANAGE_ROSTER, page),
        },
    )


@login_required
def roster_export(request):
    require(request.user, VIEW_ROSTER)
    today = timezone.localdate()
    headers = [
        _("姓名"),
        _("账号"),
        _("类别"),
        _("所属服务主体"),
        _("资格证号"),
        _("资格有效期至"),
        _("负责村"),
        _("值班日"),
        _("年龄"),
        _("培训次数"),
        _("最近考核分数"),
    ]
    rows = []
    for entry in _roster(request)[:10000]:
        scores = list(entry.assessments.all())
        rows.append(
            [
                str(entry.account),
                entry.account.username,
                entry.get_kind_display(),
                str(entry.provider or ""),
                entry.qualification_no,
                entry.qualification_expires.isoformat(),
                "、".join(v.name for v in entry.villages.all()),
                entry.duty_days,
                rules.age(entry.birth_year, today) or "",
                len(entry.trainings.all()),
                str(scores[0].score) if scores else "",
            ]
        )
    return xlsx_response(_("防疫员花名册") + ".xlsx", headers, rows, title=_("防疫员花名册"))
