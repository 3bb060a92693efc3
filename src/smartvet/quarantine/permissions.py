"""Who may take the quarantine app's actions, and the two workflows they move along (see
core.access): services refuse with them, pages show exactly the actions they allow."""

from __future__ import annotations

from typing import Any

from smartvet.core import regions
from smartvet.core.access import Action, Workflow, can, permission, sees_own_farms_only
from smartvet.core.models import Role
from smartvet.quarantine import rules
from smartvet.registry import queries as registry_queries

# Who follows the declarations and certificates of the region (the county's and township's
# veterinary staff); the parties of a declaration or certificate are added per list.
_VETERINARY_STAFF = (Role.OFFICIAL_VET, Role.STATION, Role.SUPERVISOR, Role.BUREAU, Role.ADMIN)

# Who declares for every farm it sees: a farmer for its own, a station for its township's.
# Anyone else who declares (a vaccinator) does so on the farmer's behalf, for the farms it
# serves only (seed 002 §二(一)).
DECLARE_FOR_FARMS_IN_REACH = permission("quarantine.declare_in_reach", Role.FARMER, Role.STATION)


def _declares_for(actor: Any, farm: Any) -> bool:
    return can(actor, DECLARE_FOR_FARMS_IN_REACH) or registry_queries.is_served_by(farm, actor)


def _at_origin(actor: Any, certificate: Any) -> bool:
    """The certificate is revoked where it was issued: the destination's vets see it, but it
    is not theirs to revoke."""
    return regions.is_within(certificate.farm.region_id, actor.region_id)


def _at_destination(actor: Any, certificate: Any) -> bool:
    """Arrival and slaughter are the destination's: the receiving farm's owner, or the
    slaughterhouse or station of the destination's region (the origin's see it too)."""
    if sees_own_farms_only(actor):
        farm = certificate.destination_farm
        return farm is not None and farm.owner_id == actor.pk
    return regions.is_within(certificate.destination_region_id, actor.region_id)


DECLARE = permission(
    "quarantine.declare", Role.FARMER, Role.STATION, Role.VACCINATOR, condition=_declares_for
)
HANDLE = permission("quarantine.handle", Role.OFFICIAL_VET)
REVOKE = permission("quarantine.revoke", Role.OFFICIAL_VET, condition=_at_origin)
# A checkpoint checks vehicles from anywhere: it finds a certificate by its (unguessable)
# number, outside its region, and lists the checks it made.
CHECK = permission("quarantine.check", Role.CHECKPOINT)
REPORT_ARRIVAL = permission(
    "quarantine.arrival",
    Role.SLAUGHTERHOUSE,
    Role.FARMER,
    Role.STATION,
    condition=_at_destination,
)
# The slaughterhouse lists the entries it recorded.
SLAUGHTER = permission("quarantine.slaughter", Role.SLAUGHTERHOUSE, condition=_at_destination)


def _resident(actor: Any, entry: Any) -> bool:
    """驻场官方兽医: the official vet whose region covers the slaughterhouse decides a batch
    held at its entry; a vet of the origin sees the entry but does not decide it."""
    return regions.is_within(entry.slaughterhouse.region_id, actor.region_id)


DECIDE_ENTRY = permission("quarantine.decide_entry", Role.OFFICIAL_VET, condition=_resident)

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
# The queue of what waits in the region: acceptance, inspection, follow-up of arrivals.
FOLLOW = permission("quarantine.follow", *_VETERINARY_STAFF)
# Who reads the slaughter entries: the slaughterhouse its own, the staff those of the region.
LIST_SLAUGHTER_ENTRIES = permission(
    "quarantine.list_slaughter_entries", Role.SLAUGHTERHOUSE, *_VETERINARY_STAFF, Role.CDC
)
VIEW_DECLARATIONS = permission(
    "quarantine.view_declarations", *_VETERINARY_STAFF, Role.FARMER, Role.VACCINATOR
)
VIEW_CERTIFICATES = permission(
    "quarantine.view_certificates", *_VETERINARY_STAFF, Role.FARMER, Role.SLAUGHTERHOUSE, Role.CDC
)

# 受理 or 不予受理, then 现场检疫: pass issues the certificate, fail records the handling.
DECLARATION = Workflow(
    model="quarantine.Declaration",
    transitions=rules.DECLARATION_TRANSITIONS,
    actions=(
        Action("accept", HANDLE, to="accepted"),
        Action("reject", HANDLE, to="rejected"),
        Action("pass", HANDLE, to="certified"),
        Action("fail", HANDLE, to="failed"),
    ),
)

CERTIFICATE = Workflow(
    model="quarantine.Certificate",
    transitions=rules.CERTIFICATE_TRANSITIONS,
    field="stage",
    actions=(
        Action("print", VIEW_CERTIFICATES, applies_in=rules.CERTIFICATE_STAGES),
        Action("arrival", REPORT_ARRIVAL, to="arrived"),
        Action("slaughter", SLAUGHTER, applies_in=rules.SLAUGHTER_STAGES),
        Action("revoke", REVOKE, to="revoked"),
    ),
)

# A batch held at the slaughterhouse: the resident vet admits the animals that match the
# certificate, refuses the batch, or holds it for investigation first.
ENTRY = Workflow(
    model="quarantine.SlaughterEntry",
    transitions=rules.ENTRY_TRANSITIONS,
    actions=(
        Action("admit", DECIDE_ENTRY, to="admitted"),
        Action("refuse", DECIDE_ENTRY, to="refused"),
        Action("investigate", DECIDE_ENTRY, to="investigating"),
    ),
)
