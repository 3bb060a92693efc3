"""Reads of veterinary socialized services, always scoped to the actor unless they say whom
they serve. One module per subject; H2's subjects (reports, meetings, hotline) add theirs."""

from smartvet.vetservice.queries.orders import orders_done_by
from smartvet.vetservice.queries.roster import (
    on_duty,
    provider_of_account,
    provider_responsible,
    providers_visible_to,
    roster_covering,
    roster_visible_to,
    vaccinators_covering,
)

__all__ = [
    "on_duty",
    "orders_done_by",
    "provider_of_account",
    "provider_responsible",
    "providers_visible_to",
    "roster_covering",
    "roster_visible_to",
    "vaccinators_covering",
]
