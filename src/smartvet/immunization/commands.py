"""The inputs of the immunization services (core.commands): the API takes them as payloads,
pages build them from forms with `parse`. Limits and labels come from the model fields;
domain rules (expiry, stock, the plan, re-tests, qualified ≤ samples) stay in the services."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from smartvet.core.commands import Command, label, max_length, text
from smartvet.core.models import User
from smartvet.immunization.models import AntibodyTest, BottleCode, Immunization, VaccineLot

DiseaseCode = Literal["HPAI", "FMD", "PPR", "BRUCELLOSIS", "ECHINOCOCCOSIS"]
SpeciesCode = Literal["pig", "cattle", "sheep", "poultry"]
CategoryCode = Literal[
    "sow",
    "fattening_pig",
    "breeding_boar",
    "dairy_cattle",
    "beef_cattle",
    "sheep",
    "goat",
    "layer",
    "broiler",
    "duck",
    "goose",
]
# A scanner may send an empty line between bottles; the service drops those.
BottleCodeText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=max_length(BottleCode, "code"))
]


class ReceiveLot(Command):
    product: text(VaccineLot, "product")
    manufacturer: text(VaccineLot, "manufacturer")
    approval_number: text(VaccineLot, "approval_number")
    batch: text(VaccineLot, "batch")
    expiry: datetime.date = Field(title=label(VaccineLot, "expiry"))
    diseases: list[DiseaseCode] = Field(
        min_length=1, max_length=5, title=label(VaccineLot, "diseases")
    )
    species: list[SpeciesCode] = Field(
        default_factory=list, max_length=4, title=label(VaccineLot, "species")
    )
    doses: int = Field(gt=0, le=100_000_000, title=label(VaccineLot, "doses"))
    source: Literal["self", "tender"] = Field(title=label(VaccineLot, "source"))
    farm: int | None = Field(None, title=label(VaccineLot, "farm"))
    bottles: int | None = Field(None, ge=0, le=1_000_000, title=label(VaccineLot, "bottles"))
    bottle_codes: list[BottleCodeText] = Field(
        default_factory=list, max_length=5000, title=label(BottleCode, "code")
    )
    protection_days: int | None = Field(
        None, ge=1, le=3650, title=label(VaccineLot, "protection_days")
    )
    received_on: datetime.date | None = Field(None, title=label(VaccineLot, "received_on"))


class TransferLot(Command):
    to: text(User, "username")
    doses: int = Field(gt=0, le=100_000_000, title=label(VaccineLot, "doses"))


class RecordImmunization(Command):
    farm: int = Field(title=label(Immunization, "farm"))
    date: datetime.date = Field(title=label(Immunization, "date"))
    category: CategoryCode = Field(title=label(Immunization, "category"))
    disease: DiseaseCode = Field(title=label(Immunization, "disease"))
    lot: int = Field(title=label(Immunization, "lot"))
    animals: int = Field(gt=0, le=10_000_000, title=label(Immunization, "animals"))
    doses: int = Field(gt=0, le=100_000_000, title=label(Immunization, "doses"))
    ear_tags: list[str] = Field(
        default_factory=list, max_length=5000, title=label(Immunization, "ear_tags")
    )


class RecordAntibodyTest(Command):
    farm: int = Field(title=label(AntibodyTest, "farm"))
    disease: DiseaseCode = Field(title=label(AntibodyTest, "disease"))
    sampled_on: datetime.date = Field(title=label(AntibodyTest, "sampled_on"))
    samples: int = Field(gt=0, le=1_000_000, title=label(AntibodyTest, "samples"))
    qualified: int = Field(ge=0, le=1_000_000, title=label(AntibodyTest, "qualified"))
    lab: text(AntibodyTest, "lab")
    accreditation: Literal["CMA", "CNAS", "ministry", "none"] = Field(
        "none", title=label(AntibodyTest, "accreditation")
    )
    round: Literal["initial", "retest"] = Field("initial", title=label(AntibodyTest, "round"))
