"""Who may take enforcement's actions (see core.access). Checkpoints record checks and open
cases; the county bureau's law enforcement (执法) investigates, decides and closes; the county
and province supervisors read."""

from __future__ import annotations

from smartvet.core.access import Action, Workflow, permission
from smartvet.core.models import Role
from smartvet.enforcement import rules

OPEN_CASE = permission("enforcement.open_case", Role.CHECKPOINT, Role.OFFICIAL_VET, Role.BUREAU)
INVESTIGATE = permission("enforcement.investigate", Role.BUREAU)
ADD_EVIDENCE = permission(
    "enforcement.add_evidence", Role.CHECKPOINT, Role.OFFICIAL_VET, Role.BUREAU
)
DECIDE_CASE = permission("enforcement.decide_case", Role.BUREAU)
CLOSE_CASE = permission("enforcement.close_case", Role.BUREAU)
VIEW_CASES = permission(
    "enforcement.view_cases",
    Role.CHECKPOINT,
    Role.OFFICIAL_VET,
    Role.BUREAU,
    Role.SUPERVISOR,
    Role.ADMIN,
)
# Dealers and brokers (贩运经纪人): the county registers them; a checkpoint records the trades
# it sees on the road.
REGISTER_DEALER = permission("enforcement.register_dealer", Role.SUPERVISOR, Role.BUREAU)
RECORD_TRADE = permission("enforcement.record_trade", Role.SUPERVISOR, Role.BUREAU, Role.CHECKPOINT)
VIEW_DEALERS = permission(
    "enforcement.view_dealers",
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CHECKPOINT,
    Role.OFFICIAL_VET,
    Role.ADMIN,
)

CASE = Workflow(
    model="enforcement.Case",
    transitions=rules.TRANSITIONS,
    actions=(
        Action("investigate", INVESTIGATE, to="investigating"),
        Action("add_evidence", ADD_EVIDENCE, applies_in=frozenset({"open", "investigating"})),
        Action("decide", DECIDE_CASE, to="decided"),
        Action("close", CLOSE_CASE, to="closed"),
    ),
)
