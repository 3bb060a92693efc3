"""The ear-tag panel on the home page: tags in stock, issued, fitted, cancelled."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.eartags import queries
from smartvet.eartags.permissions import DISTRIBUTE, VIEW_STOCK


def home_panels(user) -> list[Panel]:
    if not can(user, VIEW_STOCK):
        return []
    totals = queries.totals(user)
    return [
        Panel(
            _("耳标"),
            [
                (_("库存"), totals["in_stock"]),
                (_("已发放"), totals["issued"]),
                (_("已佩戴"), totals["fitted"]),
                (_("已注销"), totals["cancelled"]),
            ],
            url=reverse("eartags:stock"),
            link_label=_("耳标库存"),
            # First on the home page of the offices that issue tags.
            order=10 if can(user, DISTRIBUTE) else 45,
        )
    ]
