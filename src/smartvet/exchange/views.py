"""The administrator's page of the delivery to the national platform (issue 14 point 2)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.access import can
from smartvet.exchange import queries, services
from smartvet.exchange.permissions import RETRY_OUTBOX


@login_required
def outbox(request):
    status = queries.status_for(request.user)
    return render(
        request,
        "exchange/outbox.html",
        {
            "status": status,
            "failing": queries.failing_events(request.user),
            "configured": bool(getattr(settings, "SMARTVET_NATIONAL_URL", "")),
            "keep_days": services.keep_days(),
            "may_retry": can(request.user, RETRY_OUTBOX) and status.failing,
        },
    )


@login_required
@require_POST
def retry(request):
    count = services.retry_now(actor=request.user)
    messages.success(request, _("已安排立即重新发送%(n)d条事件") % {"n": count})
    return redirect("exchange:outbox")
