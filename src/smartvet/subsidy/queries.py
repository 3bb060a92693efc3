"""Reads of the 先打后补 subsidy, scoped to the actor (or public where DOMAIN.md §1 says the
public may read: publicity lists)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from smartvet.core import regions
from smartvet.core.access import can, require, sees_own_farms_only, within
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.core.species import CATEGORY_LABELS, CATEGORY_SPECIES, SPECIES_LABELS
from smartvet.registry import queries as registry_queries
from smartvet.subsidy import calc
from smartvet.subsidy.models import (
    ApplicationStatus,
    Objection,
    Payment,
    Publicity,
    PublicityStatus,
    Qualification,
    QualificationStatus,
    SubsidyApplication,
    SubsidyPolicy,
)
from smartvet.subsidy.permissions import APPLY, EDIT_SHIPPED_POLICY, POLICY, VIEW


def _search(queryset: QuerySet, q: str, *fields: str) -> QuerySet:
    q = (q or "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL in text
    if not q:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__contains": q})
    return queryset.filter(condition)


def _plain(value: str) -> str:
    return (value or "").replace("\x00", "").strip()[:40]


def policies_visible_to(actor: User) -> QuerySet[SubsidyPolicy]:
    """The shipped templates, the policies of the actor's region and those above it."""
    require(actor, VIEW)
    above = SubsidyPolicy.objects.filter(region_id__in=_ancestors(actor.region_id))
    return (SubsidyPolicy.objects.visible_to(actor) | above).order_by("-id")


def may_edit_policy(actor: User, policy: SubsidyPolicy) -> bool:
    """A region's own policy by whoever keeps its policies; a shipped template (at the
    national root) only by the administrator."""
    if policy.region_id == regions.NATION:
        return can(actor, EDIT_SHIPPED_POLICY)
    return can(actor, POLICY, region=policy.region_id)


def policy_to_edit(actor: User, policy_id: int) -> SubsidyPolicy:
    require(actor, POLICY)
    policy = SubsidyPolicy.objects.select_related("region").filter(pk=policy_id).first()
    if policy is None or not may_edit_policy(actor, policy):
        raise NotFound()
    return policy


def _ancestors(code: str) -> list[str]:
    found = [code]
    while (parent := regions.parent_code(found[-1])) is not None:
        found.append(parent)
    return found


def qualifications_visible_to(
    actor: User, *, status: str = "", policy: str = "", q: str = ""
) -> QuerySet[Qualification]:
    require(actor, VIEW)
    queryset = Qualification.objects.visible_to(actor).select_related(
        "farm", "farm__region", "policy", "applicant"
    )
    status, policy = _plain(status), _plain(policy)
    if status:
        queryset = queryset.filter(status=status)
    if policy:
        queryset = queryset.filter(policy__code=policy)
    return _search(queryset, q, "farm__name", "farm__code", "farm__owner_name")


def qualification(actor: User, qualification_id: int) -> Qualification:
    require(actor, VIEW)
    return Qualification.objects.select_related("farm", "policy", "applicant").get_visible(
        actor, id=qualification_id
    )


def applications_visible_to(
    actor: User, *, status: str = "", policy: str = "", q: str = "", flagged: bool | None = None
) -> QuerySet[SubsidyApplication]:
    require(actor, VIEW)
    queryset = SubsidyApplication.objects.visible_to(actor).select_related(
        "farm", "farm__region", "policy", "applicant", "payee_provider"
    )
    status, policy = _plain(status), _plain(policy)
    if status:
        queryset = queryset.filter(status=status)
    if policy:
        queryset = queryset.filter(policy__code=policy)
    if flagged is True:
        queryset = queryset.exclude(flags=[])
    elif flagged is False:
        queryset = queryset.filter(flags=[])
    return _search(queryset, q, "number", "farm__name", "farm__code", "farm__owner_name")


def application(actor: User, application_id: int) -> SubsidyApplication:
    require(actor, VIEW)
    return SubsidyApplication.objects.select_related(
        "farm", "policy", "applicant", "payee_provider", "publicity"
    ).get_visible(actor, id=application_id)


def publicities_visible_to(actor: User) -> QuerySet[Publicity]:
    require(actor, VIEW)
    return Publicity.objects.visible_to(actor).select_related("policy", "region")


def publicity(actor: User, publicity_id: int) -> Publicity:
    require(actor, VIEW)
    return Publicity.objects.select_related("policy", "region").get_visible(actor, id=publicity_id)


def objections_of(actor: User, publicity_id: int) -> QuerySet[Objection]:
    require(actor, VIEW)
    return (
        Objection.objects.visible_to(actor)
        .filter(publicity_id=publicity_id)
        .select_related("application", "application__farm")
    )


def payments_visible_to(actor: User, *, q: str = "", late: bool | None = None) -> QuerySet[Payment]:
    require(actor, VIEW)
    queryset = Payment.objects.visible_to(actor).select_related("application", "application__farm")
    if late is not None:
        queryset = queryset.filter(late=late)
    return _search(queryset, q, "application__number", "application__farm__name", "payee_name")


# ------------------------------------------------------------------------ public lists


def open_publicities() -> QuerySet[Publicity]:
    """Publicity that is running today: the public may read it without an account."""
    today = timezone.localdate()
    return Publicity.objects.filter(
        status=PublicityStatus.OPEN, starts_on__lte=today, ends_on__gte=today
    ).select_related("region", "policy")


def public_card(item: Publicity) -> dict[str, Any]:
    rows = []
    for app in item.applications.select_related("farm").order_by("farm__name", "id"):
        rows.append(
            {
                "number": app.number,
                "farm": app.farm.name,
                "status": app.status,
                "lines": [
                    {
                        "category": line["category"],
                        "category_label": str(CATEGORY_LABELS.get(line["category"], "")),
                        "count": line["count"],
                        "rate": line["rate"],
                        "amount": line["amount"],
                        "basis": line["basis"],
                    }
                    for line in app.lines
                ],
                "entitled": calc.money(app.entitled),
                "allocated": calc.money(app.allocated or Decimal(0)),
            }
        )
    return {
        "id": item.pk,
        "title": item.title,
        "region": item.region_id,
        "region_name": item.region.name,
        "policy": item.policy.code,
        "policy_version": item.policy_version,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "budget": calc.money(item.budget),
        "entitled_total": calc.money(item.entitled_total),
        "allocated_total": calc.money(item.allocated_total),
        "scale_factor": item.scale_factor,
        "items": rows,
    }


def approved_qualifications(policy_code: str) -> QuerySet[Qualification]:
    """The published list of qualified farms (审核通过的名单进行公开公示)."""
    return (
        Qualification.objects.filter(policy__code=policy_code, status=QualificationStatus.APPROVED)
        .select_related("farm", "farm__region")
        .order_by("farm__region_id", "farm__name")
    )


# ----------------------------------------------------------------------- county summary


def _split(amount: Decimal, lines: list[dict[str, Any]]) -> list[Decimal]:
    """A farm's allocated amount spread over its lines in proportion, to the cent."""
    entitled = [Decimal(line["amount"]) for line in lines]
    if not lines:
        return []
    return calc.allocate(entitled, list(range(len(lines))), amount)


SPENT_STATUSES = {
    ApplicationStatus.IN_PUBLICITY,
    ApplicationStatus.PUBLICIZED,
    ApplicationStatus.PAID,
}


def county_summary(actor: User, *, policy: str = "") -> dict[str, Any]:
    """Entitled, allocated and paid by species (and category) for the actor's region:
    entitled counts every application past the preliminary review, allocated those in or
    after publicity, paid those with a payment. A farm's amounts are split over its lines
    in proportion, to the cent, so the species figures add up to the totals."""
    queryset = applications_visible_to(actor, policy=_plain(policy)).exclude(
        status__in=[ApplicationStatus.RETURNED, ApplicationStatus.REJECTED]
    )
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "count": 0,
            "entitled": Decimal("0.00"),
            "allocated": Decimal("0.00"),
            "paid": Decimal("0.00"),
        }
    )
    farms = set()
    for app in queryset.select_related("payment"):
        farms.add(app.farm_id)
        allocated = _split(app.allocated, app.lines) if app.status in SPENT_STATUSES else []
        paid_amount = getattr(getattr(app, "payment", None), "amount", None)
        paid = _split(paid_amount, app.lines) if paid_amount is not None else []
        for index, line in enumerate(app.lines):
            row = rows[line["category"]]
            row["count"] += line["count"]
            row["entitled"] += Decimal(line["amount"])
            if allocated:
                row["allocated"] += allocated[index]
            if paid:
                row["paid"] += paid[index]
    species: dict[str, dict[str, Any]] = {}
    for category, row in sorted(rows.items()):
        name = CATEGORY_SPECIES.get(category, category)
        entry = species.setdefault(
            name,
            {
                "species": name,
                "label": str(SPECIES_LABELS.get(name, name)),
                "categories": [],
                "entitled": Decimal("0.00"),
                "allocated": Decimal("0.00"),
                "paid": Decimal("0.00"),
            },
        )
        entry["categories"].append(
            {"category": category, "label": str(CATEGORY_LABELS.get(category, category)), **row}
        )
        for key in ("entitled", "allocated", "paid"):
            entry[key] += row[key]
    totals = {
        key: sum((entry[key] for entry in species.values()), Decimal("0.00"))
        for key in ("entitled", "allocated", "paid")
    }
    return {
        "region": actor.region_id,
        "policy": policy,
        "farms": len(farms),
        "species": list(species.values()),
        "totals": totals,
    }


def status_counts(actor: User) -> dict[str, int]:
    rows = SubsidyApplication.objects.visible_to(actor).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def payments_due(actor: User) -> list[dict[str, Any]]:
    """Per policy: applications cleared by publicity and not yet paid, their amount, and the
    days left to the payment deadline (30 April by default; negative when overdue)."""
    today = timezone.localdate()
    due: dict[int, dict[str, Any]] = {}
    pending = applications_visible_to(actor, status=ApplicationStatus.PUBLICIZED)
    for app in pending:
        entry = due.get(app.policy_id)
        if entry is None:
            deadline = calc.Policy.from_dict(
                {**app.policy_rules, "code": app.policy.code}
            ).payment_deadline
            entry = due[app.policy_id] = {
                "policy": app.policy.code,
                "name": app.policy.name,
                "deadline": deadline,
                "days_left": (deadline - today).days,
                "count": 0,
                "amount": Decimal("0.00"),
            }
        entry["count"] += 1
        entry["amount"] += app.allocated or Decimal("0.00")
    return sorted(due.values(), key=lambda entry: entry["deadline"])


def open_for_qualification(actor: User) -> list[SubsidyPolicy]:
    """The policies of the actor's region (not the national templates) still taking
    qualification applications today."""
    today = timezone.localdate()
    found = []
    for policy in policies_visible_to(actor).exclude(region_id=regions.NATION):
        try:
            if policy.as_policy().qualification_deadline >= today:
                found.append(policy)
        except calc.InputError:
            continue  # a broken policy takes no applications
    return found


def qualified_to_apply(actor: User) -> QuerySet[Qualification]:
    """Finally approved qualifications of the farms the actor may apply for, with no
    application under their policy yet: what a subsidy application can be made for."""
    applied = SubsidyApplication.objects.filter(farm=OuterRef("farm"), policy=OuterRef("policy"))
    return (
        Qualification.objects.filter(
            status=QualificationStatus.APPROVED, farm__in=farms_for_applicant(actor)
        )
        .exclude(Exists(applied))
        .select_related("farm", "policy")
        .order_by("farm__name", "-policy_id")
    )


def farms_for_applicant(actor: User) -> QuerySet[Any]:
    """Farms the actor may apply for (subsidy.apply on the farm): a farmer's own, the farms a
    provider (or one of its vaccinators) serves."""
    farms = registry_queries.farms_visible_to(actor, served_only=not sees_own_farms_only(actor))
    return farms if can(actor, APPLY) else farms.none()


# Applications whose counts no longer stand (a returned or refused one counts for nothing).
_ENDED = {ApplicationStatus.RETURNED, ApplicationStatus.REJECTED}
_STANDING = [s for s in ApplicationStatus.values if s not in _ENDED]


def counted_animals_in(region: str) -> list[dict[str, Any]]:
    """The standing applications of the farms under `region` with the animals each counted
    as leaving the farm with a certificate in its cycle (per category, the larger of its
    output and quarantined counts, as they were when it was computed): one query, for
    supervision's "subsidy counts above quarantine counts", which already authorised the
    region. Rows: id, number, farm_id, region, period (first, last dates), counted."""
    rows = SubsidyApplication.objects.filter(
        within("farm__region_id", region), status__in=_STANDING
    ).values_list("id", "number", "farm_id", "farm__region_id", "counts")
    found = []
    for pk, number, farm_id, place, counts in rows.order_by("farm__region_id", "id"):
        output, quarantined = counts.get("output", {}), counts.get("quarantined", {})
        counted = {c: max(output.get(c, 0), quarantined.get(c, 0)) for c in {*output, *quarantined}}
        first, last = counts.get("period") or ("", "")
        if counted and first and last:
            period = (date.fromisoformat(first), date.fromisoformat(last))
            found.append(
                {
                    "id": pk,
                    "number": number,
                    "farm_id": farm_id,
                    "region": place,
                    "period": period,
                    "counted": counted,
                }
            )
    return found
