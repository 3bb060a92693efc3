"""The supervision panel on the home page: this year's headline figures of the reader's
region, from the cached rollup figures (never the fact tables)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.supervision import queries
from smartvet.supervision.permissions import VIEW

HEADLINE = ("farms_registered", "certificates", "certificates_unarrived")


def home_panels(user) -> list[Panel]:
    if not can(user, VIEW):
        return []
    answer = queries.figures(user, user.region_id, queries.period(None, None))
    names = {item.code: item.name for item in queries.indicators()}
    return [
        Panel(
            _("智慧监管（本年）"),
            [(names[code], answer["figures"].get(code)) for code in HEADLINE],
            url=reverse("supervision:dashboard", args=[user.region_id]),
            link_label=_("查看监管看板"),
            order=15,
        )
    ]
