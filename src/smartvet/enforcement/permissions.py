"""Who may take enforcement's actions (see core.access). Checkpoints record checks and open
cases; the county bureau's law enforcement (执法) investigates, decides and closes; the county
and province supervisors read."""

from __future__ import annotations

from typing import Any

from smartvet.core.access import Action, Workflow, can, permission
from smartvet.core.models import Role
from smartvet.enforcement import rules
from smartvet.registry.permissions import SERVE_FARMS
from smartvet.registry.queries import is_served_by

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


# --- Disposal, insurance claims, purification, cold chain (issue 17 points 3–5) -------------
# The township (station, vets, the vaccinators on the farms they serve) records disposals,
# files claims and signs for vaccine; the county checks claims, registers purification farms
# and releases held vaccine; insurers read the claims' export.


def _serves_the_farm(actor: Any, item: Any) -> bool:
    """Those who serve farms (vaccinators) act only on the farms they serve."""
    item = getattr(item, "disposal", item)  # a claim acts for its disposal's farm
    farm = getattr(item, "farm", item)  # a disposal, or the farm itself
    return not can(actor, SERVE_FARMS) or is_served_by(farm, actor)


def _holds_the_lot(actor: Any, shipment: Any) -> bool:
    """The receiving holder signs for vaccine, or a vaccinator of the receiving provider."""
    return shipment.lot.holder_id in {actor.pk, actor.provider_id}


_TOWNSHIP = (Role.STATION, Role.OFFICIAL_VET, Role.VACCINATOR)
_COUNTY = (Role.SUPERVISOR, Role.BUREAU)
RECORD_DISPOSAL = permission("enforcement.record_disposal", *_TOWNSHIP, condition=_serves_the_farm)
VIEW_DISPOSALS = permission(
    "enforcement.view_disposals", Role.FARMER, *_TOWNSHIP, *_COUNTY, Role.CDC, Role.ADMIN
)
FILE_CLAIM = permission("enforcement.file_claim", *_TOWNSHIP, condition=_serves_the_farm)
DECIDE_CLAIM = permission("enforcement.decide_claim", *_COUNTY)
VIEW_CLAIMS = permission("enforcement.view_claims", Role.FARMER, *_TOWNSHIP, *_COUNTY, Role.ADMIN)
REGISTER_PURIFICATION = permission("enforcement.register_purification", *_COUNTY, Role.CDC)
VIEW_PURIFICATION = permission(
    "enforcement.view_purification",
    Role.FARMER,
    *_TOWNSHIP,
    *_COUNTY,
    Role.CDC,
    Role.ADMIN,
)
VIEW_SOURCING = permission(
    "enforcement.view_sourcing", Role.STATION, *_COUNTY, Role.CDC, Role.ADMIN
)
DISPATCH_VACCINE = permission(
    "enforcement.dispatch_vaccine", Role.STATION, Role.PROVIDER, Role.SUPERVISOR
)
RECEIVE_VACCINE = permission(
    "enforcement.receive_vaccine",
    Role.STATION,
    Role.PROVIDER,
    Role.SUPERVISOR,
    Role.VACCINATOR,
    condition=_holds_the_lot,
)
RELEASE_VACCINE = permission("enforcement.release_vaccine", *_COUNTY, Role.CDC)
VIEW_COLD_CHAIN = permission(
    "enforcement.view_cold_chain",
    Role.STATION,
    Role.PROVIDER,
    Role.VACCINATOR,
    *_COUNTY,
    Role.CDC,
    Role.ADMIN,
)

CLAIM = Workflow(
    model="enforcement.InsuranceClaim",
    transitions=rules.CLAIM_TRANSITIONS,
    actions=(
        Action("accept", DECIDE_CLAIM, to="accepted"),
        Action("refuse", DECIDE_CLAIM, to="refused"),
        Action("pay", DECIDE_CLAIM, to="paid"),
    ),
)
SHIPMENT = Workflow(
    model="enforcement.Shipment",
    transitions=rules.SHIPMENT_TRANSITIONS,
    actions=(
        Action("receive", RECEIVE_VACCINE, applies_in=frozenset({"in_transit"})),
        Action("release", RELEASE_VACCINE, to="released"),
    ),
)
