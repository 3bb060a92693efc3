"""Who may take the immunization app's actions (see core.access)."""

from __future__ import annotations

from typing import Any

from smartvet.core.access import can, permission
from smartvet.core.models import Role
from smartvet.registry import queries as registry_queries
from smartvet.registry.permissions import SERVE_FARMS


def _serves_the_farm(actor: Any, farm: Any) -> bool:
    """Those who serve farms (vaccinators, providers) immunize only the farms they serve."""
    return not can(actor, SERVE_FARMS) or registry_queries.is_served_by(farm, actor)


RECEIVE_LOT = permission(
    "immunization.receive_lot", Role.FARMER, Role.STATION, Role.PROVIDER, Role.SUPERVISOR
)
# Self-purchased vaccine is recorded by the farm or its station (seed 003 §四(三)); tender
# vaccine is held by stations, providers and the county, never by a farm.
RECEIVE_SELF_PURCHASED = permission(
    "immunization.receive_self_purchased", Role.FARMER, Role.STATION, Role.SUPERVISOR
)
HOLD_TENDER_VACCINE = permission(
    "immunization.hold_tender_vaccine", Role.STATION, Role.PROVIDER, Role.SUPERVISOR
)
TRANSFER_LOT = permission("immunization.transfer_lot", Role.STATION, Role.PROVIDER, Role.SUPERVISOR)


def _holds_the_lot(actor: Any, lot: Any) -> bool:
    return bool(lot.holder_id == actor.pk)


# A transferred lot is signed for by the account it was sent to, and by no one else.
SIGN_FOR_LOT = permission(
    "immunization.sign_for_lot",
    Role.STATION,
    Role.PROVIDER,
    Role.SUPERVISOR,
    condition=_holds_the_lot,
)
IMMUNIZE = permission(
    "immunization.immunize",
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    condition=_serves_the_farm,
)
# Who draws on tender vaccine at all (a farmer uses only its own), and which public holders
# (a station, the county) share their tender stock with the area's vaccinators and station.
USE_TENDER_VACCINE = permission(
    "immunization.use_tender_vaccine", Role.VACCINATOR, Role.PROVIDER, Role.STATION
)
SHARE_TENDER_STOCK = permission("immunization.share_tender_stock", Role.STATION, Role.SUPERVISOR)
DRAW_SHARED_STOCK = permission("immunization.draw_shared_stock", Role.VACCINATOR, Role.STATION)
RECORD_ANTIBODY = permission("immunization.record_antibody", Role.CDC, Role.FARMER, Role.STATION)
# A test entered by the CDC counts toward its ≥25% sample of the scale farms (seed 003 §三(三)).
CDC_SAMPLING = permission("immunization.cdc_sampling", Role.CDC)
VIEW_RECORDS = permission(
    "immunization.view_records",
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CDC,
    Role.ADMIN,
    Role.OFFICIAL_VET,
)
VIEW_LOTS = permission(
    "immunization.view_lots",
    Role.FARMER,
    Role.STATION,
    Role.PROVIDER,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.VACCINATOR,
    Role.ADMIN,
)
VIEW_ANTIBODY_TESTS = permission(
    "immunization.view_antibody_tests",
    Role.CDC,
    Role.FARMER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)
VIEW_DENSITY = permission(
    "immunization.view_density", Role.STATION, Role.SUPERVISOR, Role.BUREAU, Role.CDC, Role.ADMIN
)
# The yearly sampling lists: large farms' self-tests and the CDC's quarter of the others.
VIEW_SAMPLING = permission(
    "immunization.view_sampling", Role.CDC, Role.STATION, Role.SUPERVISOR, Role.BUREAU, Role.ADMIN
)
IMMUNIZATION_PANEL = permission(
    "immunization.panel",
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CDC,
    Role.ADMIN,
)
