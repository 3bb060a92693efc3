"""Who may take the subsidy app's actions (see core.access)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

APPLY = permission("subsidy.apply", Role.FARMER, Role.PROVIDER)
PRELIMINARY_REVIEW = permission("subsidy.preliminary_review", Role.SUPERVISOR)
FINAL_REVIEW = permission("subsidy.final_review", Role.BUREAU)
RETURN = permission("subsidy.return", Role.SUPERVISOR, Role.BUREAU)
PUBLICITY = permission("subsidy.publicity", Role.BUREAU)
PAYMENT = permission("subsidy.payment", Role.BUREAU)
POLICY = permission("subsidy.policy", Role.BUREAU, Role.ADMIN)
DISQUALIFY = permission("subsidy.disqualify", Role.BUREAU)

VIEW = permission(
    "subsidy.view",
    Role.FARMER,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)
