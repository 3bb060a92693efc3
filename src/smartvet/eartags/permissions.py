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
# The offices that keep stock (seed 002 §二(二)): the county's supervision keeps the county's
# stock and issues it to townships; a township's station keeps the township's and issues it
# to farms and vaccinators.
KEEP_COUNTY_STOCK = permission("eartags.keep_county_stock", Role.SUPERVISOR)
KEEP_TOWNSHIP_STOCK = permission("eartags.keep_township_stock", Role.STATION)
# A vaccinator may be given tags to fit, and sees only the stock it keeps itself.
KEEP_OWN_STOCK = permission("eartags.keep_own_stock", Role.VACCINATOR)
