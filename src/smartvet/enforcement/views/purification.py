"""Purification farm register (with the county's registration form) and the village
sourcing table (整村推进)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import child_regions, region_label
from smartvet.enforcement.commands.purification import RegisterPurificationFarm
from smartvet.enforcement.forms import PurificationForm
from smartvet.enforcement.models import PurificationLevel
from smartvet.enforcement.permissions import REGISTER_PURIFICATION
from smartvet.enforcement.queries import purification as queries
from smartvet.enforcement.services import purification as services


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def purification_list(request):
    params = request.GET
    rows = queries.purification_farms_visible_to(
        request.user,
        q=params.get("q", "")[:50],
        level=params.get("level", "")[:20],
        valid_on=timezone.localdate() if params.get("valid") else None,
    )
    may_register = can(request.user, REGISTER_PURIFICATION)
    form = PurificationForm(request.POST or None, user=request.user) if may_register else None
    error = None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.register_purification_farm(
                actor=request.user, command=parse(RegisterPurificationFarm, form.cleaned_data)
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记净化场"))
            return redirect("enforcement:purification-list")
    return render(
        request,
        "enforcement/purification_list.html",
        {
            "page": Paginator(rows, 20).get_page(params.get("page")),
            "params": params,
            "levels": PurificationLevel.choices,
            "form": form,
            "error": error,
            "today": timezone.localdate(),
        },
        status=error.status if error else 200,
    )


@login_required
def sourcing(request):
    params = request.GET
    region = params.get("region", "")[:12] or request.user.region_id
    start, end = _day(params.get("start", "")), _day(params.get("end", ""))
    rows = queries.village_sourcing(request.user, region=region, start=start, end=end)
    return render(
        request,
        "enforcement/sourcing.html",
        {
            "rows": rows,
            "params": params,
            "region": region,
            "region_label": region_label(region),
            "children": child_regions(actor=request.user, parent=region),
            "buyers": sum(row.buyers for row in rows),
            "from_purification": sum(row.from_purification for row in rows),
        },
    )
