"""Quarantine's panels on the home page: the vet's queue, the farmer's declarations, the
slaughterhouse's and the checkpoint's work today."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.models import Role
from smartvet.core.navigation import Panel
from smartvet.quarantine import queries

ROLES = {
    Role.OFFICIAL_VET,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
    Role.FARMER,
    Role.VACCINATOR,
}


def home_panels(user) -> list[Panel]:
    if user.role == Role.SLAUGHTERHOUSE:
        return [_slaughter_panel(user)]
    if user.role == Role.CHECKPOINT:
        return [_checkpoint_panel(user)]
    if user.role not in ROLES:
        return []
    counts = queries.work_queue_counts(user)
    title = _("检疫待办") if user.role == Role.OFFICIAL_VET else _("检疫申报")
    return [
        Panel(
            title,
            [
                (_("待受理"), counts["submitted"]),
                (_("待检疫"), counts["accepted"]),
                (_("逾期未落地"), counts["overdue"]),
            ],
            url=reverse("quarantine:declaration-list"),
            link_label=_("查看"),
            order=3 if user.role == Role.OFFICIAL_VET else 20,
        )
    ]


def _slaughter_panel(user) -> Panel:
    today = queries.todays_work(user)
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
    today = queries.todays_work(user)
    return Panel(
        _("今日查验"),
        [(_("查验车辆"), today["checks"]), (_("发现问题"), today["problems"])],
        url=reverse("quarantine:checkpoint"),
        link_label=_("扫码查验"),
        order=1,
    )
