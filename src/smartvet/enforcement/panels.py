"""The home page's panels of enforcement: the case desk's (a checkpoint's failed checks waiting
for a case; the bureau's cases by stage, overdue first), the township's disposals and vaccine
to sign for, the county's claims to check and held vaccine to release."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.enforcement.models import ClaimStatus, ShipmentStatus
from smartvet.enforcement.permissions import (
    DECIDE_CASE,
    DECIDE_CLAIM,
    OPEN_CASE,
    RECEIVE_VACCINE,
    RECORD_DISPOSAL,
    RELEASE_VACCINE,
    VIEW_CASES,
    VIEW_COLD_CHAIN,
    VIEW_DISPOSALS,
)
from smartvet.enforcement.queries import cases, coldchain, disposal


def _case_panel(user) -> list[Panel]:
    if not can(user, VIEW_CASES):
        return []
    counts = cases.counts_by_stage(user)
    figures = [(_("逾期"), counts["overdue"]), (_("已立案"), counts["open"])]
    figures.append((_("调查取证"), counts["investigating"]))
    if can(user, OPEN_CASE):
        figures.insert(0, (_("查验待立案"), cases.checks_awaiting_case(user).count()))
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
    return _case_panel(user) + _disposal_panel(user) + _cold_chain_panel(user)
