"""Quarantine's panels on the home page: the slaughterhouse's and the checkpoint's work today,
the vet's queue, the declarations of whoever follows them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.quarantine import queries
from smartvet.quarantine.permissions import CHECK, HANDLE, SLAUGHTER, VIEW_DECLARATIONS


def home_panels(user) -> list[Panel]:
    if can(user, SLAUGHTER):
        return [_slaughter_panel(user)]
    if can(user, CHECK):
        return [_checkpoint_panel(user)]
    if not can(user, VIEW_DECLARATIONS):
        return []
    counts = queries.work_queue_counts(user)
    handles = can(user, HANDLE)  # the vet's queue comes first on the vet's home page
    return [
        Panel(
            _("检疫待办") if handles else _("检疫申报"),
            [
                (_("待受理"), counts["submitted"]),
                (_("待检疫"), counts["accepted"]),
                (_("逾期未落地"), counts["overdue"]),
            ],
            url=reverse("quarantine:declaration-list"),
            link_label=_("查看"),
            order=3 if handles else 20,
        )
    ]


def _slaughter_panel(user) -> Panel:
    today = queries.todays_entries(user)
    return Panel(
        _("今日入场"),
        [
            (_("入场批次"), today["entries"]),
            (_("屠宰数量"), today["animals"]),
            (_("数量或耳标不符"), today["mismatched"]),
        ],
        url=reverse("quarantine:slaughter"),
        link_label=_("入场查验"),
        order=1,
    )


def _checkpoint_panel(user) -> Panel:
    today = queries.todays_checks(user)
    return Panel(
        _("今日查验"),
        [(_("查验车辆"), today["checks"]), (_("发现问题"), today["problems"])],
        url=reverse("quarantine:checkpoint"),
        link_label=_("扫码查验"),
        order=1,
    )
