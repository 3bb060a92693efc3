"""The rules page: each rule in force with its source, its record and PPV beside it; the
county's or province's edit; the backtest of a rule over a past year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.surveillance.commands import RuleIn
from smartvet.surveillance.models import Method, RegionLevelChoice, Severity
from smartvet.surveillance.permissions import EDIT_RULES
from smartvet.surveillance.queries import backtest
from smartvet.surveillance.queries import rules as queries
from smartvet.surveillance.services import rules as services
from smartvet.surveillance.views.common import render_page


@login_required
def rule_list(request):
    return render_page(
        request,
        "surveillance/rules.html",
        {
            "rules": queries.rules_for(request.user),
            "edits": can(request.user, EDIT_RULES, request.user.region),
        },
    )


def _rule_data(request) -> dict:  # type: ignore[no-untyped-def]
    post = request.POST
    parameters = {}
    for key in ("k", "baseline_windows", "threshold", "alpha"):
        if post.get(key, "").strip():
            parameters[key] = post[key].strip()
    return {
        **{key: post.get(key, "") for key in ("name", "region_level", "method", "severity")},
        **{key: post.get(key, "") for key in ("routing_level", "source")},
        "window_days": post.get("window_days", ""),
        "min_count": post.get("min_count", ""),
        "cooldown_hours": post.get("cooldown_hours", ""),
        "parameters": parameters,
        "active": post.get("active") == "on",
    }


@login_required
def rule_detail(request, rule_id: int):
    rule = queries.rule(request.user, rule_id)
    error = None
    if request.method == "POST":
        try:
            own = services.edit_rule(
                actor=request.user, rule_id=rule.pk, command=parse(RuleIn, _rule_data(request))
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("surveillance:rule", own.pk)
    year = timezone.localdate().year - 1
    region = request.GET.get("region", "")[:12] or request.user.region_id
    result = None
    if request.GET.get("backtest"):
        try:
            result = backtest.run(request.user, rule, region=region, year=year)
        except DomainError as exc:
            error = exc
    return render_page(
        request,
        "surveillance/rule_detail.html",
        {
            "rule": rule,
            "edits": can(request.user, EDIT_RULES, request.user.region),
            "methods": Method.choices,
            "levels": RegionLevelChoice.choices,
            "severities": Severity.choices,
            "backtest": result,
            "year": year,
            "region": region,
            "region_label": region_label(region),
        },
        error,
    )
