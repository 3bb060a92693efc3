"""Surveillance on the home page: the open alerts of whoever is told of them (first on the
CDC's and the station's home), the reporter's zero report of this period."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.surveillance.permissions import HANDLE_ALERTS, VIEW_ALERTS, ZERO_REPORT
from smartvet.surveillance.queries import alerts, reports


def home_panels(user) -> list[Panel]:  # type: ignore[no-untyped-def]
    panels = []
    if can(user, VIEW_ALERTS):
        counts = alerts.status_counts(user)
        panels.append(
            Panel(
                _("预警"),
                [
                    (_("待确认"), counts.get("open", 0)),
                    (_("调查中"), counts.get("acknowledged", 0)),
                ],
                url=reverse("surveillance:alerts"),
                link_label=_("处置预警"),
                order=1 if can(user, HANDLE_ALERTS) else 25,
            )
        )
    if can(user, ZERO_REPORT):
        mine = reports.villages_to_report(user)
        panels.append(
            Panel(
                _("疫情零报告"),
                [(_("本期未报的村"), sum(1 for r in mine["rows"] if r["state"] == "missing"))],
                url=reverse("surveillance:zero"),
                link_label=_("零报告"),
                order=4,
            )
        )
    return panels
