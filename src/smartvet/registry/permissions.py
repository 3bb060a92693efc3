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
