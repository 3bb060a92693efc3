"""The registry's panel on the home page: farms in reach, and how many are incomplete."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can, sees_own_farms_only
from smartvet.core.navigation import Panel
from smartvet.registry import queries
from smartvet.registry.permissions import FARMS_FIRST, FARMS_PANEL


def home_panels(user) -> list[Panel]:
    if not can(user, FARMS_PANEL):
        return []
    farms = queries.farms_visible_to(user)
    total = farms.count()
    incomplete = farms.filter(is_complete=False).count()
    title = _("我的养殖场") if sees_own_farms_only(user) else _("养殖场户")
    return [
        Panel(
            title,
            [(_("登记数"), total), (_("信息不完整"), incomplete)],
            url=reverse("registry:farm-list"),
            link_label=_("查看"),
            order=5 if can(user, FARMS_FIRST) else 40,
        )
    ]
