"""Who may take the vetservice app's actions (see core.access), and its workflows."""

from __future__ import annotations

from typing import Any

from smartvet.core.access import Action, Workflow, can, permission
from smartvet.core.models import Role
from smartvet.registry.permissions import SERVE_FARMS
from smartvet.vetservice import rules


def _own_provider(actor: Any, provider: Any) -> bool:
    """A serving account (a provider or its vaccinator) acts only for its own provider; the
    station and the county act for any provider in reach."""
    if provider is None or not can(actor, SERVE_FARMS):
        return True
    return provider.account_id in (actor.pk, actor.provider_id)


def _provider_of(obj: Any) -> Any:
    """The provider an object belongs to: a vaccinator's or agreement's, or the provider itself
    (a provider has no `provider` of its own)."""
    return getattr(obj, "provider", obj)


def _assigned_to_actor(actor: Any, order: Any) -> bool:
    return order.assignee_id == actor.pk


VIEW_SERVICES = permission(
    "vetservice.view",
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)
# The accounts a provider record or a roster entry may be made for.
BE_PROVIDER = permission("vetservice.be_provider", Role.PROVIDER)
BE_ON_ROSTER = permission("vetservice.be_on_roster", Role.VACCINATOR)
MANAGE_PROVIDERS = permission("vetservice.manage_providers", Role.SUPERVISOR, Role.BUREAU)
MANAGE_ROSTER = permission(
    "vetservice.manage_roster",
    Role.STATION,
    Role.SUPERVISOR,
    Role.PROVIDER,
    condition=lambda actor, obj: _own_provider(actor, _provider_of(obj)),
)
VIEW_ROSTER = permission(
    "vetservice.view_roster", Role.STATION, Role.SUPERVISOR, Role.BUREAU, Role.PROVIDER, Role.ADMIN
)
SET_GUIDE_PRICE = permission("vetservice.set_guide_price", Role.SUPERVISOR, Role.BUREAU)
PROPOSE_AGREEMENT = permission(
    "vetservice.propose_agreement",
    Role.PROVIDER,
    Role.STATION,
    condition=lambda actor, obj: _own_provider(actor, _provider_of(obj)),
)
CONFIRM_AGREEMENT = permission("vetservice.confirm_agreement", Role.FARMER)
END_AGREEMENT = permission(
    "vetservice.end_agreement",
    Role.FARMER,
    Role.PROVIDER,
    Role.STATION,
    condition=lambda actor, obj: _own_provider(actor, _provider_of(obj)),
)
PLACE_ORDER = permission("vetservice.place_order", Role.FARMER, Role.STATION, Role.PROVIDER)
DISPATCH_ORDER = permission(
    "vetservice.dispatch_order",
    Role.STATION,
    Role.PROVIDER,
    condition=lambda actor, order: _own_provider(actor, order.provider),
)
TAKE_ORDER = permission("vetservice.take_order", Role.VACCINATOR, condition=_assigned_to_actor)
CONFIRM_ORDER = permission("vetservice.confirm_order", Role.FARMER)
PREPARE_STATEMENT = permission("vetservice.prepare_statement", Role.SUPERVISOR, Role.BUREAU)
SIGN_STATEMENT = permission("vetservice.sign_statement", Role.SUPERVISOR, Role.BUREAU)
VIEW_STATEMENTS = permission(
    "vetservice.view_statements",
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.PROVIDER,
    Role.ADMIN,
    condition=lambda actor, statement: _own_provider(actor, statement.provider),
)
# Home page: whose first work of the day is an order list.
ORDERS_FIRST = permission("vetservice.orders_first", Role.VACCINATOR, Role.PROVIDER)

AGREEMENT_WORKFLOW = Workflow(
    model="vetservice.Agreement",
    transitions=rules.AGREEMENT_TRANSITIONS,
    actions=(
        Action("confirm", CONFIRM_AGREEMENT, to="active"),
        Action("end", END_AGREEMENT, to="ended"),
    ),
)
ORDER_WORKFLOW = Workflow(
    model="vetservice.ServiceOrder",
    transitions=rules.ORDER_TRANSITIONS,
    actions=(
        Action("dispatch", DISPATCH_ORDER, to="assigned"),
        Action("accept", TAKE_ORDER, to="accepted"),
        Action("complete", TAKE_ORDER, to="done"),
        Action("record_case", TAKE_ORDER, applies_in=frozenset({"accepted", "done"})),
        Action("confirm", CONFIRM_ORDER, to="confirmed"),
        Action("dispute", CONFIRM_ORDER, to="disputed"),
    ),
)
STATEMENT_WORKFLOW = Workflow(
    model="vetservice.Statement",
    transitions=rules.STATEMENT_TRANSITIONS,
    actions=(
        Action("refresh", PREPARE_STATEMENT, applies_in=frozenset({"draft"})),
        Action("sign", SIGN_STATEMENT, to="signed"),
        Action("correct", PREPARE_STATEMENT, to="superseded"),
    ),
)

# H2: the hotline, daily reports and monthly meetings declare theirs beside these.
from smartvet.vetservice import hotline_permissions, reports_permissions  # noqa: E402, F401
