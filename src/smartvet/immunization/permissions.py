"""Who may take the immunization app's actions (see core.access)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

RECEIVE_LOT = permission(
    "immunization.receive_lot", Role.FARMER, Role.STATION, Role.PROVIDER, Role.SUPERVISOR
)
TRANSFER_LOT = permission("immunization.transfer_lot", Role.STATION, Role.PROVIDER, Role.SUPERVISOR)
IMMUNIZE = permission(
    "immunization.immunize", Role.FARMER, Role.VACCINATOR, Role.PROVIDER, Role.STATION
)
RECORD_ANTIBODY = permission("immunization.record_antibody", Role.CDC, Role.FARMER, Role.STATION)
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
