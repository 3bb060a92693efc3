"""Who may work the hotline (客服专线) and the ticket's workflow (see core.access).

The desk is whoever answers the line: the township station, the service provider, the
county. A ticket is answered by the account it was routed to, or by the county (where an
overdue ticket is escalated)."""

from __future__ import annotations

from typing import Any

from smartvet.core.access import Action, Workflow, can, permission
from smartvet.core.models import Role
from smartvet.vetservice import hotline_rules

DESK_ROLES = (Role.STATION, Role.PROVIDER, Role.SUPERVISOR, Role.BUREAU)

HOTLINE_DESK = permission("vetservice.hotline_desk", *DESK_ROLES)
# A farmer may file a ticket itself (平台自助); the desk files one for a caller.
HOTLINE_FILE = permission("vetservice.hotline_file", Role.FARMER, *DESK_ROLES)
HOTLINE_VIEW = permission("vetservice.hotline_view", Role.FARMER, *DESK_ROLES, Role.ADMIN)
# Escalations go to the county; the county may take over any ticket of its county.
HOTLINE_COUNTY = permission("vetservice.hotline_county", Role.SUPERVISOR, Role.BUREAU)
# The county's desk hours and clock limits (policy data, with hotline_rules' defaults).
HOTLINE_POLICY = permission("vetservice.hotline_policy", Role.BUREAU, Role.ADMIN)
# Who a station topic is routed to in a township.
HOTLINE_STATION = permission("vetservice.hotline_station", Role.STATION)


def _handles(actor: Any, ticket: Any) -> bool:
    return ticket.routed_to_id == actor.pk or can(actor, HOTLINE_COUNTY)


def _can_become_order(actor: Any, ticket: Any) -> bool:
    return _handles(actor, ticket) and ticket.farm_id is not None and ticket.order_id is None


HOTLINE_ANSWER = permission("vetservice.hotline_answer", *DESK_ROLES, condition=_handles)
# The order is placed for the caller's farm by the station or the provider (PLACE_ORDER's
# desk roles), in the same step as the ticket notes it.
HOTLINE_ORDER = permission(
    "vetservice.hotline_order", Role.STATION, Role.PROVIDER, condition=_can_become_order
)

TICKET_WORKFLOW = Workflow(
    model="vetservice.HotlineTicket",
    transitions=hotline_rules.TICKET_TRANSITIONS,
    actions=(
        Action("respond", HOTLINE_ANSWER, to="in_progress"),
        Action("update", HOTLINE_ANSWER, applies_in=frozenset({"in_progress"})),
        Action("order", HOTLINE_ORDER, applies_in=frozenset({"open", "in_progress"})),
        Action("close", HOTLINE_ANSWER, to="closed"),
    ),
)
