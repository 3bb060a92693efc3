"""The registry's panel on the home page: farms in reach, and how many are incomplete."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.models import Role
from smartvet.core.navigation import Panel
from smartvet.registry.models import Farm

ROLES = {
    Role.FARMER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.PROVIDER,
    Role.VACCINATOR,
    Role.OFFICIAL_VET,
    Role.ADMIN,
    Role.CDC,
}


def home_panels(user) -> list[Panel]:
    if user.role not in ROLES:
        return []
    farms = Farm.objects.visible_to(user)
    total = farms.count()
    incomplete = farms.filter(is_complete=False).count()
    title = _("我的养殖场") if user.role == Role.FARMER else _("养殖场户")
    return [
        Panel(
            title,
            [(_("登记数"), total), (_("信息不完整"), incomplete)],
            url=reverse("registry:farm-list"),
            link_label=_("查看"),
            order=5 if user.role in {Role.FARMER, Role.STATION} else 40,
        )
    ]
