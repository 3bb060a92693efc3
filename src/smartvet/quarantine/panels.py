"""Quarantine's panel on the home page: the vet's queue, the farmer's declarations."""

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
