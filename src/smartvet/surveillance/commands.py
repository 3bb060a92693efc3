"""What each surveillance service takes (core.commands: validation once). The API takes these
as its payloads (CONTRACT.md "Surveillance"); the pages build them with `parse`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, max_length, text
from smartvet.core.models import Region
from smartvet.core.species import CATEGORIES
from smartvet.immunization.models import Accreditation
from smartvet.surveillance.models import (
    Alert,
    AlertRule,
    Disease,
    DisposalMethod,
    LabResult,
    Method,
    OutbreakCount,
    Outcome,
    RegionLevelChoice,
    Report,
    ReportKind,
    SamplingPlan,
    Season,
    Severity,
)

MAX_ANIMALS = 10_000_000
Category = Literal[tuple(CATEGORIES)]
DiseaseCode = Literal[tuple(Disease.values)]
RegionCode = Annotated[str, StringConstraints(max_length=max_length(Region, "code"))]


class ReportIn(Command):
    kind: Literal[tuple(ReportKind.values)] = Field(title=label(Report, "kind"))
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(Report, "farm"))
    region: RegionCode = Field("", title=label(Report, "region"))
    category: Literal[("", *CATEGORIES)] = Field("", title=label(Report, "category"))
    at_risk: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(Report, "at_risk"))
    sick: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(Report, "sick"))
    dead: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(Report, "dead"))
    onset_date: date | None = Field(None, title=label(Report, "onset_date"))
    disease: Literal[("", *Disease.values)] = Field("", title=label(Report, "disease"))
    signs: text(Report, "signs", required=False)
    notes: text(Report, "notes", required=False)
    disposal_method: Literal[("", *DisposalMethod.values)] = Field(
        "", title=label(Report, "disposal_method")
    )
    disposal_place: text(Report, "disposal_place", required=False)
    disposal_by: text(Report, "disposal_by", required=False)


class LabResultIn(Command):
    farm: int = Field(ge=1, le=MAX_ID, title=label(LabResult, "farm"))
    disease: DiseaseCode = Field(title=label(LabResult, "disease"))
    kind: Literal[tuple(LabResult.Kind.values)] = Field(
        LabResult.Kind.PATHOGEN.value, title=label(LabResult, "kind")
    )
    sampled_on: date = Field(title=label(LabResult, "sampled_on"))
    samples: int = Field(gt=0, le=100_000, title=label(LabResult, "samples"))
    positive: int | None = Field(ge=0, le=100_000, title=label(LabResult, "positive"))
    lab: text(LabResult, "lab", required=False)
    accreditation: Literal[tuple(Accreditation.values)] = Field(
        Accreditation.NONE.value, title=label(LabResult, "accreditation")
    )
    plan: int | None = Field(None, ge=1, le=MAX_ID, title=label(LabResult, "plan"))


class ResultIn(Command):
    """The lab's result for a sample already recorded."""

    positive: int = Field(ge=0, le=100_000, title=label(LabResult, "positive"))
    lab: text(LabResult, "lab")
    accreditation: Literal[tuple(Accreditation.values)] = Field(
        Accreditation.NONE.value, title=label(LabResult, "accreditation")
    )


class SamplingPlanIn(Command):
    disease: DiseaseCode = Field(title=label(SamplingPlan, "disease"))
    species: Literal["pig", "cattle", "sheep", "poultry"] = Field(
        title=label(SamplingPlan, "species")
    )
    region: RegionCode = Field(title=label(SamplingPlan, "region"))
    year: int = Field(ge=2000, le=2100, title=label(SamplingPlan, "year"))
    season: Literal[tuple(Season.values)] = Field(title=label(SamplingPlan, "season"))
    samples: int = Field(gt=0, le=1_000_000, title=label(SamplingPlan, "samples"))


class AcknowledgeIn(Command):
    pass


class CloseIn(Command):
    outcome: Literal[tuple(Outcome.values)] = Field(title=label(Alert, "outcome"))
    notes: text(Alert, "notes", required=False)


class RuleIn(Command):
    """A rule's settings a county or province may change."""

    name: text(AlertRule, "name")
    region_level: Literal[tuple(RegionLevelChoice.values)] = Field(
        title=label(AlertRule, "region_level")
    )
    window_days: int = Field(ge=1, le=365, title=label(AlertRule, "window_days"))
    method: Literal[tuple(Method.values)] = Field(title=label(AlertRule, "method"))
    parameters: dict[str, float] = Field(default_factory=dict, title=label(AlertRule, "parameters"))
    min_count: int = Field(ge=0, le=100_000, title=label(AlertRule, "min_count"))
    severity: Literal[tuple(Severity.values)] = Field(title=label(AlertRule, "severity"))
    routing_level: Literal[tuple(RegionLevelChoice.values)] = Field(
        title=label(AlertRule, "routing_level")
    )
    cooldown_hours: int = Field(ge=0, le=24 * 90, title=label(AlertRule, "cooldown_hours"))
    source: text(AlertRule, "source")
    active: bool = Field(True, title=label(AlertRule, "active"))


class SpeciesCountIn(Command):
    species: Literal["pig", "cattle", "sheep", "poultry"] = Field(
        title=label(OutbreakCount, "species")
    )
    susceptible: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(OutbreakCount, "susceptible"))
    cases: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(OutbreakCount, "cases"))
    deaths: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(OutbreakCount, "deaths"))
    destroyed: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(OutbreakCount, "destroyed"))
    slaughtered: int = Field(0, ge=0, le=MAX_ANIMALS, title=label(OutbreakCount, "slaughtered"))


class OutbreakIn(Command):
    """One place of an event and its counts per species."""

    farm: int | None = Field(None, ge=1, le=MAX_ID, title=str(_("养殖场户")))
    region: RegionCode = Field("", title=str(_("发生地")))
    started_on: date = Field(title=str(_("开始日期")))
    counts: list[SpeciesCountIn] = Field(min_length=1, max_length=4, title=str(_("分种类数")))


class OutbreakReportIn(Command):
    kind: Literal["immediate", "follow_up", "final"] = Field(title=str(_("报告类别")))


def as_dict(command: Command) -> dict[str, Any]:
    return command.model_dump()
