"""Who may take the consult app's actions (core.access), and the consultation's workflow."""

from __future__ import annotations

from typing import Any

from smartvet.consult import rules
from smartvet.core.access import Action, Workflow, permission, sees_own_farms_only
from smartvet.core.models import Role
from smartvet.registry import queries as registry_queries

_EVERYONE = tuple(Role.values)
_COUNTY = (Role.STATION, Role.SUPERVISOR, Role.BUREAU)


def _asks_for(actor: Any, farm: Any) -> bool:
    """A farmer asks about its own farm (ownership is checked by the scope); a vaccinator for
    a farm it serves."""
    return sees_own_farms_only(actor) or registry_queries.is_served_by(farm, actor)


ASK = permission("consult.ask", Role.FARMER, Role.VACCINATOR, condition=_asks_for)
VIEW = permission(
    "consult.view",
    Role.FARMER,
    Role.VACCINATOR,
    Role.EXPERT,
    Role.STATION,
    Role.OFFICIAL_VET,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)


def _has_entry(actor: Any, consultation: Any) -> bool:
    return hasattr(actor, "expert_entry")


# An expert answers any question of the regions it reaches (its home region); the routing
# only decides whom the question is pushed to first.
ANSWER = permission("consult.answer", Role.EXPERT, condition=_has_entry)


def _asked_it(actor: Any, consultation: Any) -> bool:
    return actor.pk in {consultation.farmer_id, consultation.asked_by_id}


RATE = permission("consult.rate", Role.FARMER, Role.VACCINATOR, condition=_asked_it)
# The county's desk sees questions nobody answered in time (escalation).
OVERSEE = permission("consult.oversee", *_COUNTY)
KNOWLEDGE = permission("consult.knowledge", *_EVERYONE)
DIRECTORY = permission("consult.directory", *_EVERYONE)
# The county keeps the directory; an expert its own entry.
MANAGE_EXPERTS = permission("consult.manage_experts", Role.BUREAU, Role.SUPERVISOR, Role.ADMIN)
EDIT_OWN_ENTRY = permission("consult.edit_own_entry", Role.EXPERT)
PAIR = permission("consult.pair", Role.BUREAU, Role.STATION)


def _own_pairing(actor: Any, pairing: Any) -> bool:
    return pairing.expert.account_id == actor.pk


RECORD_VISIT = permission("consult.record_visit", Role.EXPERT, condition=_own_pairing)
VIEW_PAIRINGS = permission("consult.view_pairings", Role.EXPERT, *_COUNTY)

TRAIN = permission("consult.train", Role.STATION, Role.BUREAU, Role.SUPERVISOR, Role.EXPERT)
VIEW_TRAINING = permission(
    "consult.view_training",
    Role.STATION,
    Role.BUREAU,
    Role.SUPERVISOR,
    Role.EXPERT,
    Role.CDC,
    Role.ADMIN,
)
SIGN_IN = permission("consult.sign_in", *_EVERYONE)

REPORT_PRICE = permission("consult.report_price", Role.STATION, Role.BUREAU)
MARKET = permission("consult.market", *_EVERYONE)
POST = permission(
    "consult.post", Role.FARMER, Role.PROVIDER, Role.STATION, Role.VACCINATOR, Role.SLAUGHTERHOUSE
)


def _posted_it(actor: Any, post: Any) -> bool:
    return post.posted_by_id == actor.pk


WITHDRAW_POST = permission("consult.withdraw_post", *_EVERYONE, condition=_posted_it)

CONSULTATION = Workflow(
    model="consult.Consultation",
    transitions=rules.TRANSITIONS,
    actions=(
        Action("answer", ANSWER, applies_in=frozenset({"open", "answered"})),
        Action("mark_helpful", RATE, applies_in=frozenset({"answered"})),
        Action("close", RATE, to="closed"),
    ),
)
