"""Who may take the quarantine app's actions (see core.access)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

# Who follows the declarations and certificates of the region (the county's and township's
# veterinary staff); the parties of a declaration or certificate are added per list.
_VETERINARY_STAFF = (Role.OFFICIAL_VET, Role.STATION, Role.SUPERVISOR, Role.BUREAU, Role.ADMIN)

DECLARE = permission("quarantine.declare", Role.FARMER, Role.STATION, Role.VACCINATOR)
HANDLE = permission("quarantine.handle", Role.OFFICIAL_VET)
CHECK = permission("quarantine.check", Role.CHECKPOINT)
REPORT_ARRIVAL = permission("quarantine.arrival", Role.SLAUGHTERHOUSE, Role.FARMER, Role.STATION)
SLAUGHTER = permission("quarantine.slaughter", Role.SLAUGHTERHOUSE)

TRACE = permission(
    "quarantine.trace",
    Role.OFFICIAL_VET,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.CDC,
    Role.ADMIN,
    Role.SLAUGHTERHOUSE,
    Role.CHECKPOINT,
)
LIST_CHECKS = permission(
    "quarantine.list_checks",
    Role.CHECKPOINT,
    Role.OFFICIAL_VET,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
    Role.STATION,
)
VIEW_DECLARATIONS = permission(
    "quarantine.view_declarations", *_VETERINARY_STAFF, Role.FARMER, Role.VACCINATOR
)
VIEW_CERTIFICATES = permission(
    "quarantine.view_certificates", *_VETERINARY_STAFF, Role.FARMER, Role.SLAUGHTERHOUSE, Role.CDC
)
