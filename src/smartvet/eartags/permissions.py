"""Who may take the eartags app's actions (see core.access)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

REGISTER_STOCK = permission("eartags.register_stock", Role.SUPERVISOR)
DISTRIBUTE = permission("eartags.distribute", Role.SUPERVISOR, Role.STATION)
FIT = permission("eartags.fit", Role.FARMER, Role.VACCINATOR, Role.PROVIDER, Role.STATION)
CANCEL = permission(
    "eartags.cancel",
    Role.SLAUGHTERHOUSE,
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.OFFICIAL_VET,
)
VIEW_STOCK = permission(
    "eartags.view_stock",
    Role.SUPERVISOR,
    Role.STATION,
    Role.BUREAU,
    Role.ADMIN,
    Role.FARMER,
    Role.VACCINATOR,
    Role.PROVIDER,
)
