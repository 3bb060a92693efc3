"""The enforcement desk's panel on the home page: a checkpoint's failed checks waiting for a
case; the bureau's cases by stage, overdue first."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.enforcement.permissions import DECIDE_CASE, OPEN_CASE, VIEW_CASES
from smartvet.enforcement.queries import cases as queries


def home_panels(user) -> list[Panel]:
    if not can(user, VIEW_CASES):
        return []
    counts = queries.counts_by_stage(user)
    figures = [(_("逾期"), counts["overdue"]), (_("已立案"), counts["open"])]
    figures.append((_("调查取证"), counts["investigating"]))
    if can(user, OPEN_CASE):
        figures.insert(0, (_("查验待立案"), queries.checks_awaiting_case(user).count()))
    # The day's first work of the checkpoint and of the bureau's law enforcement.
    first = can(user, DECIDE_CASE) or can(user, OPEN_CASE)
    return [
        Panel(
            _("执法办案"),
            figures,
            url=reverse("enforcement:desk"),
            link_label=_("办理"),
            order=8 if first else 60,
        )
    ]
