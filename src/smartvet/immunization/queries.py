"""Reads of compulsory immunization, scoped to the actor (`visible_to`).

Other apps read: `protection_problems` (quarantine's gate, with the deciding actor) and, for a
farm the caller has already authorised, the subsidy's counts (`immunized_counts`,
`doses_bought`, `doses_used`, `antibody_results`) and the trace's `farm_immunizations`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import can, in_reach, require, require_reach, within
from smartvet.core.errors import NotFound, PermissionDenied, Problem
from smartvet.core.models import Region, User
from smartvet.core.species import CATEGORY_LABELS, CATEGORY_SPECIES, SPECIES_LABELS
from smartvet.immunization import rules
from smartvet.immunization.models import (
    AntibodyTest,
    Disease,
    Immunization,
    LotSource,
    PlanEntry,
    Receipt,
    RegionalSwitch,
    VaccineLot,
)
from smartvet.immunization.permissions import (
    CDC_SAMPLING,
    DRAW_SHARED_STOCK,
    IMMUNIZE,
    SHARE_TENDER_STOCK,
    SIGN_FOR_LOT,
    TRANSFER_LOT,
    USE_TENDER_VACCINE,
    VIEW_ANTIBODY_TESTS,
    VIEW_DENSITY,
    VIEW_LOTS,
    VIEW_RECORDS,
    VIEW_SAMPLING,
)
from smartvet.registry import queries as registry_queries
from smartvet.registry.permissions import SERVE_FARMS

if TYPE_CHECKING:
    from smartvet.registry.models import Farm

# --- the plan --------------------------------------------------------------------------------


def plan_entry(disease: str, category: str) -> PlanEntry | None:
    return PlanEntry.objects.filter(disease=disease, category=category, active=True).first()


def _ancestors(code: str) -> list[str]:
    chain = []
    current: str | None = code
    while current and current != regions.NATION:
        chain.append(current)
        current = regions.parent_code(current)
    return chain


def _line(entry: PlanEntry) -> rules.PlanLine:
    return rules.PlanLine(
        entry.disease, entry.category, entry.protection_days, entry.interval_days, entry.nationwide
    )


def compulsory_entries(
    region_code: str, category: str | None = None
) -> list[tuple[PlanEntry, bool]]:
    """Active plan entries (of one category, or all) with whether each is compulsory in the
    region once regional switches are applied."""
    entries = PlanEntry.objects.filter(active=True)
    if category:
        entries = entries.filter(category=category)
    switches: dict[str, dict[str, bool]] = defaultdict(dict)
    for disease, code, enabled in RegionalSwitch.objects.filter(
        region_id__in=_ancestors(region_code)
    ).values_list("disease", "region_id", "enabled"):
        switches[disease][code] = enabled
    return [
        (entry, rules.applies(_line(entry), switches.get(entry.disease, {})))
        for entry in entries.order_by("disease", "category")
    ]


def diseases_for(categories: set[str]) -> set[str]:
    """Diseases the active plan lists for any of these categories."""
    return set(
        PlanEntry.objects.filter(active=True, category__in=categories).values_list(
            "disease", flat=True
        )
    )


# --- interface for quarantine and subsidy ----------------------------------------------------


@dataclass(frozen=True)
class DiseaseStatus:
    disease: str
    required: bool
    protected: bool
    since: date | None
    until: date | None


def immunization_status(
    actor: User, farm: Farm, category: str, on_date: date
) -> list[DiseaseStatus]:
    """One entry per disease of the plan for that category (regional switches applied:
    `required` says whether it is compulsory where the farm is). `protected` when an
    immunization of that category on or before `on_date` still protects on it; `since` is
    that vaccination's date and `until` the end of protection. When not protected, since
    and until describe the last lapsed vaccination (None when there was none). A farm
    outside the actor's reach is NOT_FOUND."""
    if not in_reach(actor, farm):
        raise NotFound()
    records = Immunization.objects.visible_to(actor).filter(farm=farm, category=category)
    result = []
    for entry, required in compulsory_entries(farm.region_id, category):
        pairs = list(
            records.filter(disease=entry.disease, date__lte=on_date).values_list(
                "date", "protected_until"
            )
        )
        protected, since, until = rules.protection(pairs, on_date)
        result.append(DiseaseStatus(entry.disease, required, protected, since, until))
    return result


def protection_problems(*, actor: User, farm: Farm, category: str, on_date: date) -> list[Problem]:
    """seed 003 §五(五): no compulsory immunization within protection, no certificate. One
    IMMUNIZATION_MISSING problem per compulsory disease not protected on that date, as the
    actor deciding (declaring, issuing) sees the farm's records."""
    problems = []
    for status in immunization_status(actor, farm, category, on_date):
        if status.required and not status.protected:
            label = Disease(status.disease).label
            message = (
                _("%(c)s未在%(d)s免疫保护期内（上次免疫%(s)s，保护期至%(u)s）")
                % {
                    "c": CATEGORY_LABELS.get(category, category),
                    "d": label,
                    "s": status.since,
                    "u": status.until,
                }
                if status.since
                else _("%(c)s没有%(d)s强制免疫记录")
                % {"c": CATEGORY_LABELS.get(category, category), "d": label}
            )
            problems.append(
                Problem(
                    "IMMUNIZATION_MISSING",
                    message,
                    {
                        "disease": status.disease,
                        "category": category,
                        "until": status.until.isoformat() if status.until else None,
                    },
                )
            )
    return problems


def immunized_counts(farm: Farm, start: date, end: date) -> dict[str, int]:
    """Animals immunized per category in [start, end], for the 先打后补 subsidy. Rule: per
    category, the animals of each compulsory disease are summed over the period, and the
    category's count is the largest of those disease totals (an animal vaccinated against
    FMD and PPR is one animal, not two). Categories without records are left out."""
    required = {
        (entry.disease, entry.category) for entry, on in compulsory_entries(farm.region_id) if on
    }
    totals: dict[str, int] = {}
    rows = (
        Immunization.objects.filter(farm=farm, date__gte=start, date__lte=end)
        .values("category", "disease")
        .annotate(total=Sum("animals"))
    )
    for row in rows:
        if (row["disease"], row["category"]) in required:
            totals[row["category"]] = max(totals.get(row["category"], 0), row["total"])
    return totals


def doses_bought(farm: Farm, start: date, end: date) -> int:
    """Doses of self-purchased lots the farm received in [start, end]."""
    return (
        VaccineLot.objects.filter(
            farm=farm, source=LotSource.SELF, received_on__gte=start, received_on__lte=end
        ).aggregate(n=Sum("doses"))["n"]
        or 0
    )


def doses_used(farm: Farm, start: date, end: date) -> int:
    """Doses used on the farm in [start, end], whatever lot they came from."""
    return (
        Immunization.objects.filter(farm=farm, date__gte=start, date__lte=end).aggregate(
            n=Sum("doses")
        )["n"]
        or 0
    )


def antibody_results(farm: Farm, start: date, end: date) -> list[dict[str, Any]]:
    """The farm's antibody tests sampled in [start, end], oldest first."""
    tests = AntibodyTest.objects.filter(farm=farm, sampled_on__gte=start, sampled_on__lte=end)
    return [
        {
            "round": t.round,
            "disease": t.disease,
            "samples": t.samples,
            "qualified": t.qualified,
            "sampled_on": t.sampled_on,
            "pass_rate": t.pass_rate,
        }
        for t in tests.order_by("sampled_on", "id")
    ]


def farm_immunizations(farm: Farm, until: datetime | None = None) -> list[dict[str, Any]]:
    """The farm's immunizations in the order they were recorded (for the quarantine trace);
    `at` is when the record was entered, `date` the day of vaccination."""
    records = Immunization.objects.filter(farm=farm).select_related("lot", "performed_by")
    if until is not None:
        records = records.filter(created_at__lte=until)
    return [
        {
            "at": r.created_at,
            "date": r.date,
            "disease": r.disease,
            "category": r.category,
            "animals": r.animals,
            "lot": f"{r.lot.product} {r.lot.batch}",
            "by": str(r.performed_by),
        }
        for r in records.order_by("created_at", "id")
    ]


# --- scoped reads ----------------------------------------------------------------------------


def lots_visible_to(
    actor: User,
    *,
    q: str = "",
    source: str = "",
    disease: str = "",
    usable: bool | None = None,
    today: date | None = None,
) -> QuerySet[VaccineLot]:
    require(actor, VIEW_LOTS)
    # A provider's lots sit at its own (county) region: the provider and its vaccinators see
    # the lots they hold beside those of their region.
    holders = [pk for pk in (actor.pk, actor.provider_id) if pk]
    lots = VaccineLot.objects.filter(
        Q(pk__in=VaccineLot.objects.visible_to(actor).values("pk")) | Q(holder_id__in=holders)
    )
    if q:
        q = q.strip()
        lots = lots.filter(
            Q(product__contains=q)
            | Q(batch__contains=q)
            | Q(manufacturer__contains=q)
            | Q(approval_number__contains=q)
        )
    if source:
        lots = lots.filter(source=source)
    if usable is not None and today is not None:
        condition = Q(expiry__gte=today, doses_left__gt=0, held=False, receipt=Receipt.SIGNED)
        lots = lots.filter(condition) if usable else lots.exclude(condition)
    lots = lots.select_related("farm", "holder", "region")
    if disease:
        return lots.filter(pk__in=[lot.pk for lot in lots if disease in lot.diseases])
    return lots


def lot(actor: User, lot_id: int) -> VaccineLot:
    found = lots_visible_to(actor).filter(pk=lot_id).first()
    if found is None:
        raise NotFound()
    return found


def immunizations_visible_to(
    actor: User,
    *,
    farm_id: int | None = None,
    region: str = "",
    disease: str = "",
    category: str = "",
    start: date | None = None,
    end: date | None = None,
    q: str = "",
) -> QuerySet[Immunization]:
    require(actor, VIEW_RECORDS)
    records = Immunization.objects.visible_to(actor).select_related("farm", "lot", "performed_by")
    if farm_id:
        records = records.filter(farm_id=farm_id)
    if region:
        require_reach(actor, region)
        records = records.filter(within("farm__region_id", region))
    if disease:
        records = records.filter(disease=disease)
    if category:
        records = records.filter(category=category)
    if start:
        records = records.filter(date__gte=start)
    if end:
        records = records.filter(date__lte=end)
    if q:
        records = records.filter(
            Q(farm__name__contains=q.strip()) | Q(farm__code__startswith=q.strip())
        )
    return records


def antibody_tests_visible_to(
    actor: User,
    *,
    farm_id: int | None = None,
    region: str = "",
    disease: str = "",
    year: int | None = None,
    late: bool | None = None,
    passed: bool | None = None,
    q: str = "",
) -> QuerySet[AntibodyTest]:
    require(actor, VIEW_ANTIBODY_TESTS)
    tests = AntibodyTest.objects.visible_to(actor).select_related("farm", "entered_by")
    if farm_id:
        tests = tests.filter(farm_id=farm_id)
    if region:
        require_reach(actor, region)
        tests = tests.filter(within("farm__region_id", region))
    if disease:
        tests = tests.filter(disease=disease)
    if year:
        tests = tests.filter(sampled_on__year=year)
    if late is not None:
        tests = tests.filter(late=late)
    if passed is not None:
        tests = tests.filter(passed=passed)
    if q:
        tests = tests.filter(Q(farm__name__contains=q.strip()) | Q(lab__contains=q.strip()))
    return tests


def farms_to_immunize(actor: User, *, q: str = "") -> QuerySet[Farm]:
    """The farms an actor goes to: a farmer's own, the farms a vaccinator or provider serves,
    a station's township."""
    require(actor, IMMUNIZE)
    farms = registry_queries.farms_visible_to(actor, q=q, served_only=can(actor, SERVE_FARMS))
    return farms.order_by("region_id", "name")


def farm_to_immunize(actor: User, farm_id: int) -> Farm:
    """The farm, if the actor may immunize there: NOT_FOUND outside its reach, refused for a
    role that does not immunize or a vaccinator or provider that does not serve it."""
    farm = registry_queries.farm(actor, farm_id)
    require(actor, IMMUNIZE)
    if not can(actor, IMMUNIZE, farm):
        raise PermissionDenied(_("您不是该养殖场的服务防疫员或服务主体"))
    return farm


def lot_usable(actor: User, lot: VaccineLot, farm: Farm) -> bool:
    """Self-purchased vaccine only on its own farm; tender vaccine on farms in the holder's
    area, drawn by the holder, its members, or the area's own vaccinators and station when a
    public holder (a station, the county) keeps it."""
    if lot.source == LotSource.SELF:
        return lot.farm_id == farm.pk
    if not regions.is_within(farm.region_id, lot.region_id):
        return False
    if not can(actor, USE_TENDER_VACCINE):
        return False
    if lot.holder_id in {actor.pk, actor.provider_id}:
        return True
    return bool(
        lot.holder
        and can(lot.holder, SHARE_TENDER_STOCK)
        and can(actor, DRAW_SHARED_STOCK)
        and regions.is_within(actor.region_id, lot.region_id)
    )


def usable_lots(
    actor: User, farm: Farm, on: date, *, category: str, disease: str
) -> list[VaccineLot]:
    """Unexpired lots with doses left, signed for and not held by the cold chain, that the
    actor may use on this farm for this category and disease (the lot protects against it
    and is made for the category's species): the farm's own and the tender stock of its
    area or above it (shared down to the township); the soonest to expire first."""
    candidates = (
        VaccineLot.objects.filter(
            expiry__gte=on, doses_left__gt=0, held=False, receipt=Receipt.SIGNED
        )
        .filter(Q(farm=farm) | Q(source=LotSource.TENDER))
        .select_related("holder")
    )
    species = CATEGORY_SPECIES[category]
    return [
        lot
        for lot in candidates.order_by("expiry", "id")
        if disease in lot.diseases
        and rules.serves_species(lot.species, species)
        and regions.is_within(farm.region_id, lot.region_id)
        and lot_usable(actor, lot, farm)
    ]


def farm_status(actor: User, farm: Farm, on_date: date) -> list[dict[str, Any]]:
    """Every category the farm keeps with its diseases' protection on a date."""
    require(actor, VIEW_RECORDS)
    rows = []
    for category, quantity in sorted(registry_queries.current_stock(farm).items()):
        for status in immunization_status(actor, farm, category, on_date):
            rows.append(
                {
                    "category": category,
                    "stock": quantity,
                    "disease": status.disease,
                    "category_label": CATEGORY_LABELS.get(category, category),
                    "disease_label": Disease(status.disease).label,
                    "required": status.required,
                    "protected": status.protected,
                    "since": status.since,
                    "until": status.until,
                }
            )
    return rows


# --- large farms and the CDC's sampling -----------------------------------------------------


def sampling_overview(actor: User, year: int, *, region: str = "") -> dict[str, Any]:
    """Large farms (their yearly self-test with enough samples) and the CDC's ≥25% sample of
    the other scale farms, with the farms still to sample (DOMAIN.md §4)."""
    require(actor, VIEW_SAMPLING)
    farms = registry_queries.farms_visible_to(actor, kind="scale", region=region)
    tests: dict[int, list[AntibodyTest]] = defaultdict(list)
    year_tests = AntibodyTest.objects.visible_to(actor).filter(sampled_on__year=year)
    for test in year_tests.filter(farm__in=farms):
        tests[test.farm_id].append(test)
    large, others = [], []
    for farm in farms.order_by("region_id", "name"):
        stock = registry_queries.current_stock(farm)
        species = rules.large_species(stock, CATEGORY_SPECIES)
        if species:
            needed = max(rules.min_samples(s) for s in species)
            enough = [t for t in tests.get(farm.pk, []) if t.samples >= needed]
            large.append(
                {
                    "farm": farm,
                    "species": species,
                    "species_labels": [SPECIES_LABELS.get(s, s) for s in species],
                    "min_samples": needed,
                    "tests": len(tests.get(farm.pk, [])),
                    "ok": bool(enough),
                }
            )
        else:
            sampled = any(CDC_SAMPLING.allows(t.entered_role) for t in tests.get(farm.pk, []))
            others.append({"farm": farm, "sampled": sampled})
    target = rules.cdc_target(len(others))
    sampled_count = sum(1 for row in others if row["sampled"])
    return {
        "year": year,
        "large": large,
        "scale_farms": len(others),
        "target": target,
        "sampled": sampled_count,
        "still_needed": max(0, target - sampled_count),
        "to_sample": [row["farm"] for row in others if not row["sampled"]],
    }


# --- density ---------------------------------------------------------------------------------

LEVELS = ("farm", "village", "township", "county")


def _unit_of(farm_region: str, level: str) -> str:
    if level == "county":
        return farm_region[:6]
    if level == "township":
        return farm_region[:9]
    return farm_region  # a farm registered at township level groups under the township


def density(
    actor: User, *, disease: str, start: date, end: date, level: str = "township", region: str = ""
) -> list[dict[str, Any]]:
    """免疫密度 = immunized / stock that must be immunized, per farm, village, township or
    county for one disease and date range. Per farm and category the immunized count is
    capped at the current stock (boosters inside the range are not extra animals)."""
    require(actor, VIEW_DENSITY)
    if level not in LEVELS:
        level = "township"
    categories = [
        entry.category for entry in PlanEntry.objects.filter(disease=disease, active=True)
    ]
    farms = registry_queries.farms_visible_to(actor, region=region)
    stock: dict[tuple[int, str], int] = {}
    farm_info: dict[int, tuple[str, str]] = {}
    for row in registry_queries.stock_rows(farms, categories):
        stock[(row.farm_id, row.category)] = row.quantity
        farm_info[row.farm_id] = (row.farm_name, row.region_id)
    immunized: dict[tuple[int, str], int] = defaultdict(int)
    for farm_id, category, total in (
        Immunization.objects.visible_to(actor)
        .filter(farm__in=farms, disease=disease, date__gte=start, date__lte=end)
        .values_list("farm_id", "category")
        .annotate(total=Sum("animals"))
        .values_list("farm_id", "category", "total")
    ):
        immunized[(farm_id, category)] = total
    units: dict[str, dict[str, Any]] = {}
    for (farm_id, category), quantity in stock.items():
        name, region_id = farm_info[farm_id]
        key = str(farm_id) if level == "farm" else _unit_of(region_id, level)
        unit = units.setdefault(
            key,
            {
                "key": key,
                "name": name if level == "farm" else "",
                "region": region_id if level == "farm" else key,
                "required": 0,
                "immunized": 0,
                "farms": set(),
            },
        )
        unit["required"] += quantity
        unit["immunized"] += rules.counted_immunized(immunized[(farm_id, category)], quantity)
        unit["farms"].add(farm_id)
    if level != "farm":
        names = dict(Region.objects.filter(code__in=list(units)).values_list("code", "name"))
        for key, unit in units.items():
            unit["name"] = names.get(key, key)
    rows = []
    for unit in sorted(units.values(), key=lambda u: (u["region"], u["name"])):
        rate = rules.density(unit["immunized"], unit["required"])
        rows.append(
            {
                **unit,
                "farms": len(unit["farms"]),
                "density": rate,
                "meets_target": rate is not None and rate >= rules.DENSITY_TARGET,
            }
        )
    return rows


def density_total(rows: list[dict[str, Any]]) -> Decimal | None:
    return rules.density(sum(r["immunized"] for r in rows), sum(r["required"] for r in rows))


def immunizations_performed_by(account: User, day: date) -> QuerySet[Immunization]:
    """The immunizations an account performed on a day, with their farms (a vaccinator's
    daily report, seed 000 dream 2), for a caller who reads that account's own day."""
    return (
        Immunization.objects.filter(performed_by=account, date=day)
        .select_related("farm")
        .order_by("id")
    )


def may_transfer(actor: User, lot: VaccineLot) -> bool:
    """Whether the lot's page offers 调拨: tender vaccine in its holder's hands (signed for,
    not held by the cold chain)."""
    return (
        lot.source == LotSource.TENDER
        and rules.not_in_hand(lot.receipt, lot.held) is None
        and can(actor, TRANSFER_LOT, lot)
    )


def may_sign_for(actor: User, lot: VaccineLot) -> bool:
    """Whether the lot's page offers 签收: a transfer awaiting its receiver's signature (one
    moved by the cold chain is signed for there, with its temperature)."""
    return lot.receipt == Receipt.AWAITED and can(actor, SIGN_FOR_LOT, lot)
