"""Reads of violation cases, always scoped to the actor (Case.objects.visible_to)."""

from __future__ import annotations

from datetime import date

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core.access import require, require_reach, within
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.enforcement.models import Case, CaseEvidence, CaseStatus
from smartvet.enforcement.permissions import OPEN_CASE, VIEW_CASES
from smartvet.quarantine import queries as quarantine_queries
from smartvet.quarantine import rules as quarantine_rules


def cases_visible_to(
    actor: User,
    *,
    status: str = "",
    kind: str = "",
    region: str = "",
    q: str = "",
    overdue: bool = False,
    today: date | None = None,
) -> QuerySet[Case]:
    """The cases of the actor's reach; the desk's order: overdue first, then by deadline."""
    require(actor, VIEW_CASES)
    today = today or timezone.localdate()
    queryset = Case.objects.visible_to(actor).select_related("region", "farm")
    if region:
        require_reach(actor, region)
        queryset = queryset.filter(within("region_id", region))
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    q = q.strip()
    if q:
        queryset = queryset.filter(
            Q(number__contains=q)
            | Q(summary__contains=q)
            | Q(certificate_number=q)
            | Q(vehicle__contains=q)
            | Q(farm__name__contains=q)
        )
    if overdue:
        queryset = queryset.filter(due_on__lt=today).exclude(status=CaseStatus.CLOSED)
    late = When(due_on__lt=today, then=Value(0))
    return queryset.annotate(
        lateness=When_(late, default=Value(1), output_field=IntegerField())
    ).order_by("lateness", "due_on", "-id")


def case(actor: User, case_id: int) -> Case:
    require(actor, VIEW_CASES)
    return Case.objects.select_related(
        "region", "farm", "opened_by", "decided_by", "check_record"
    ).get_visible(actor, id=case_id)


def evidence(case: Case) -> QuerySet[CaseEvidence]:
    """A case the caller has read (`case(actor, id)`): its evidence, in the order it came."""
    return case.evidence.select_related("added_by")


def is_overdue(case: Case, today: date | None = None) -> bool:
    return bool(
        case.due_on
        and case.status != CaseStatus.CLOSED
        and case.due_on < (today or timezone.localdate())
    )


def counts_by_stage(actor: User) -> dict[str, int]:
    rows = cases_visible_to(actor).order_by().values_list("status", flat=True)
    counts = dict.fromkeys(CaseStatus.values, 0)
    for status in rows:
        counts[status] += 1
    counts["overdue"] = cases_visible_to(actor, overdue=True).count()
    return counts


# --- failed checks waiting for a case -------------------------------------------------------


def check_to_case(actor: User, check_id: int):
    """A check made by the checkpoints of the actor's region (where the violation was found)."""
    check = quarantine_queries.checks_made_in(actor.region_id).filter(pk=check_id).first()
    if check is None:
        raise NotFound()
    return check


def checks_awaiting_case(actor: User):
    """Failed checks of the actor's region that no case was opened from yet (the desk's first
    list for a checkpoint or the bureau)."""
    require(actor, OPEN_CASE)
    cased = Case.objects.exclude(check_record=None).values("check_record_id")
    return (
        quarantine_queries.checks_made_in(actor.region_id)
        .filter(result="fail")
        .exclude(pk__in=cased)
        .order_by("-at")
    )


def check_summary(check) -> str:
    """The check in one sentence: where, when, which vehicle, what was found."""
    found = _("、").join(quarantine_rules.flag_words(check.flags)) or _("未记录问题")
    return _("%(place)s于%(at)s查验%(vehicle)s（证明%(number)s，清点%(count)d）：%(found)s") % {
        "place": check.checkpoint_name,
        "at": timezone.localtime(check.at).strftime("%Y-%m-%d %H:%M"),
        "vehicle": check.vehicle,
        "number": check.number,
        "count": check.count_seen,
        "found": found,
    }
