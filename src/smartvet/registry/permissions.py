"""Who may take the registry app's actions (see core.access)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

REGISTER_FARM = permission(
    "registry.register_farm", Role.STATION, Role.SUPERVISOR, Role.PROVIDER, Role.FARMER
)
EDIT_FARM = permission(
    "registry.edit_farm", Role.STATION, Role.SUPERVISOR, Role.PROVIDER, Role.FARMER
)
RECORD_STOCK = permission(
    "registry.record_stock",
    Role.FARMER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.VACCINATOR,
    Role.PROVIDER,
)
ASSIGN_SERVER = permission("registry.assign_server", Role.STATION, Role.SUPERVISOR)
# The accounts a station assigns to serve farms (DOMAIN.md §7); other apps let them work only
# on the farms they serve (registry.queries.is_served_by).
SERVE_FARMS = permission("registry.serve_farms", Role.VACCINATOR, Role.PROVIDER)
# The home page: who gets the farms panel, and for whom farms are the day's first work.
FARMS_PANEL = permission(
    "registry.farms_panel",
    Role.FARMER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.PROVIDER,
    Role.VACCINATOR,
    Role.OFFICIAL_VET,
    Role.ADMIN,
    Role.CDC,
)
FARMS_FIRST = permission("registry.farms_first", Role.FARMER, Role.STATION)
# The vehicle register (备案车辆): the county registers vehicles and sets whether declarations
# must name one; those who meet vehicles on the road or at loading record disinfections.
REGISTER_VEHICLE = permission("registry.register_vehicle", Role.SUPERVISOR, Role.BUREAU)
RECORD_DISINFECTION = permission(
    "registry.record_disinfection",
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CHECKPOINT,
    Role.STATION,
    Role.OFFICIAL_VET,
)
VIEW_VEHICLES = permission(
    "registry.view_vehicles",
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CHECKPOINT,
    Role.STATION,
    Role.OFFICIAL_VET,
    Role.ADMIN,
)
SET_VEHICLE_RULE = permission("registry.set_vehicle_rule", Role.SUPERVISOR, Role.BUREAU)
