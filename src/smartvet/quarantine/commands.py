"""What each quarantine service takes (core.commands: validation once). The API takes these as
its payloads; the pages build them with `core.commands.parse` from the form's data. Limits
and labels come from the model fields; the code lists from the one place that names them
(core.species for categories, the models' choices for the rest)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, max_length, text
from smartvet.core.models import Region
from smartvet.core.species import CATEGORIES
from smartvet.quarantine.models import (
    Certificate,
    CheckpointCheck,
    CheckResult,
    Declaration,
    DestinationKind,
    EntryDecision,
    Purpose,
    SlaughterEntry,
    TransportMode,
)
from smartvet.registry.models import Farm

# One declaration or slaughter entry lists at most this many tags (a full lorry of pigs is a
# few hundred; this bounds the work one request can ask for).
MAX_TAGS = 5000
MAX_ANIMALS = 10_000_000

Category = Literal[tuple(CATEGORIES)]
PurposeCode = Literal[tuple(Purpose.values)]
DestinationKindCode = Literal[tuple(DestinationKind.values)]
TransportModeCode = Literal[tuple(TransportMode.values)]


class DestinationIn(Command):
    """Where the animals go: a registered place (a 定点屠宰场 by its account, a farm by the code
    on its card or, for an API client, its id), which names its own region and place; or a
    region and a place (a market, anywhere else)."""

    region: Annotated[
        str,
        StringConstraints(max_length=max_length(Region, "code")),
        Field("", title=label(Declaration, "destination_region")),
    ]
    place: text(Declaration, "destination_place", required=False)
    kind: DestinationKindCode = Field("other", title=label(Declaration, "destination_kind"))
    slaughterhouse: Annotated[
        str, StringConstraints(max_length=150), Field("", title=str(_("到达屠宰场")))
    ]
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(Declaration, "destination_farm"))
    farm_code: Annotated[
        str,
        StringConstraints(max_length=max_length(Farm, "code")),
        Field("", title=str(_("到达养殖场户编码"))),
    ]


class DeclarationIn(Command):
    farm: int = Field(ge=1, le=MAX_ID, title=label(Declaration, "farm"))
    category: Category = Field(title=label(Declaration, "category"))
    quantity: int = Field(gt=0, le=1_000_000, title=label(Declaration, "quantity"))
    purpose: PurposeCode = Field(title=label(Declaration, "purpose"))
    destination: DestinationIn = Field(title=str(_("到达地")))
    departure_date: date = Field(title=label(Declaration, "departure_date"))
    vehicle: text(Declaration, "vehicle")
    ear_tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS, title=str(_("耳标号")))
    carrier_name: text(Declaration, "carrier_name", required=False)
    carrier_phone: text(Declaration, "carrier_phone", required=False)
    transport_mode: TransportModeCode = Field("road", title=label(Declaration, "transport_mode"))
    remarks: text(Declaration, "remarks", required=False)


class RejectIn(Command):
    reason: text(Declaration, "rejection_reason")


class InspectIn(Command):
    result: Literal["pass", "fail"] = Field(title=str(_("检疫结果")))
    notes: text(Declaration, "inspection_notes", required=False)
    handling: text(Declaration, "handling", required=False)
    disinfection: text(Certificate, "disinfection", required=False)
    remarks: text(Certificate, "remarks", required=False)


class RevokeIn(Command):
    reason: text(Certificate, "revocation_reason")


class ArrivalIn(Command):
    received_quantity: int = Field(
        ge=0, le=MAX_ANIMALS, title=label(Certificate, "received_quantity")
    )
    notes: text(Certificate, "arrival_notes", required=False)


class CheckIn(Command):
    vehicle: text(CheckpointCheck, "vehicle")
    count_seen: int = Field(ge=0, le=MAX_ANIMALS, title=label(CheckpointCheck, "count_seen"))
    # Empty: judged from what was compared (any mismatch fails).
    result: Literal[(*CheckResult.values, "")] = Field("", title=label(CheckpointCheck, "result"))
    notes: text(CheckpointCheck, "notes", required=False)
    # The tags read on the truck; none: tags not compared.
    ear_tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS, title=str(_("车上耳标")))


class SlaughterIn(Command):
    certificate: text(Certificate, "number")
    ear_tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS, title=str(_("入场耳标")))
    # Poultry: the count; tagged species count their tags when it is left out.
    slaughtered: int | None = Field(
        None, ge=0, le=MAX_ANIMALS, title=label(SlaughterEntry, "slaughtered")
    )
    notes: text(SlaughterEntry, "notes", required=False)


class EntryDecisionIn(Command):
    """The resident vet's decision on a held batch (quarantine.permissions.ENTRY)."""

    decision: Literal["admit", "refuse", "investigate"] = Field(title=str(_("处理决定")))
    notes: text(EntryDecision, "notes", required=False)
