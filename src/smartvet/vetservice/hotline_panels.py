"""Home-page panels of the hotline and the daily reports: what waits for this user today."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.vetservice.hotline_permissions import HOTLINE_DESK
from smartvet.vetservice.models import TicketStatus
from smartvet.vetservice.queries import hotline, reports
from smartvet.vetservice.reports_permissions import CHECK_DAILY_REPORTS, SEND_DAILY_REPORT


def _hotline(user) -> Panel:
    mine = hotline.tickets_visible_to(user, mine=True).exclude(status=TicketStatus.CLOSED)
    overdue = hotline.tickets_visible_to(user, overdue_at=timezone.now()).count()
    return Panel(
        _("客服专线"),
        [
            (_("转我办理"), mine.count()),
            (_("待响应"), mine.filter(status=TicketStatus.OPEN).count()),
            (_("已超时"), overdue),
        ],
        url=reverse("vetservice:hotline") + "?mine=1",
        link_label=_("办理"),
        order=57,
    )


def _own_report(user) -> Panel:
    sent = reports.own_report(user, timezone.localdate())
    return Panel(
        _("今日日报"),
        [(_("今天"), _("已提交") if sent else _("未提交"))],
        url=reverse("vetservice:daily-report-new"),
        link_label=_("填写"),
        order=20,
    )


def _missing(user) -> Panel:
    missing = reports.not_reported(user, timezone.localdate())
    return Panel(
        _("防疫员日报"),
        [(_("今日未报告"), len(missing))],
        url=reverse("vetservice:daily-reports-missing"),
        link_label=_("催报"),
        order=58,
    )


def home_panels(user) -> list[Panel]:
    panels = []
    if can(user, SEND_DAILY_REPORT):
        panels.append(_own_report(user))
    if can(user, HOTLINE_DESK):
        panels.append(_hotline(user))
    if can(user, CHECK_DAILY_REPORTS):
        panels.append(_missing(user))
    return panels
