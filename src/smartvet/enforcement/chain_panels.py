"""The home page's panels of enforcement: the case desk's (panels.py) and the rest of the
chain's — the township's disposals and vaccine to sign for, the county's claims to check and
held vaccine to release."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.enforcement import panels
from smartvet.enforcement.models import ClaimStatus, ShipmentStatus
from smartvet.enforcement.permissions import (
    DECIDE_CLAIM,
    RECEIVE_VACCINE,
    RECORD_DISPOSAL,
    RELEASE_VACCINE,
    VIEW_COLD_CHAIN,
    VIEW_DISPOSALS,
)
from smartvet.enforcement.queries import coldchain, disposal


def _disposal_panel(user) -> list[Panel]:
    if not can(user, VIEW_DISPOSALS) or not (can(user, RECORD_DISPOSAL) or can(user, DECIDE_CLAIM)):
        return []
    figures = [(_("无害化处理记录"), disposal.disposals_visible_to(user).count())]
    if can(user, DECIDE_CLAIM):
        waiting = disposal.claims_visible_to(user, status=ClaimStatus.CLAIMED).count()
        figures.append((_("理赔待核实"), waiting))
    return [
        Panel(
            _("无害化处理与保险理赔"),
            figures,
            url=reverse("enforcement:disposal-list"),
            link_label=_("登记或核实"),
            order=30,
        )
    ]


def _cold_chain_panel(user) -> list[Panel]:
    if not can(user, VIEW_COLD_CHAIN):
        return []
    rows = coldchain.shipments_visible_to(user)
    figures = []
    if can(user, RECEIVE_VACCINE):
        figures.append((_("待签收疫苗"), rows.filter(status=ShipmentStatus.IN_TRANSIT).count()))
    figures.append((_("暂停使用疫苗"), rows.filter(status=ShipmentStatus.HELD).count()))
    first = can(user, RELEASE_VACCINE)
    return [
        Panel(
            _("疫苗冷链"),
            figures,
            url=reverse("enforcement:cold-chain"),
            link_label=_("签收或放行"),
            order=31 if first else 55,
        )
    ]


def home_panels(user) -> list[Panel]:
    return panels.home_panels(user) + _disposal_panel(user) + _cold_chain_panel(user)
