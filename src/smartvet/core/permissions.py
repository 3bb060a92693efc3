"""What the core app's actions need (see core.access). Every app keeps its permissions in a
module of this name; core's AppConfig imports them all at start, so a navigation item or a
template can name any permission."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

MANAGE_REGIONS = permission("core.manage_regions", Role.ADMIN)
MANAGE_ACCOUNTS = permission("core.manage_accounts", Role.ADMIN)
# Who works with farmers in person and so reads their ID-card and phone numbers unmasked.
SEE_PERSONAL_DATA = permission(
    "core.see_personal_data",
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.OFFICIAL_VET,
    Role.ADMIN,
)
# The station (or county) that registers a farm gives its farmer an account.
ENROL_FARMER = permission("core.enrol_farmer", Role.STATION, Role.SUPERVISOR)
