"""Who may watch and nudge the delivery to the national platform (issue 14 point 2)."""

from __future__ import annotations

from smartvet.core.access import permission
from smartvet.core.models import Role

# The system administrator runs the province's link with the national platform.
VIEW_OUTBOX = permission("exchange.view_outbox", Role.ADMIN)
RETRY_OUTBOX = permission("exchange.retry_outbox", Role.ADMIN)
