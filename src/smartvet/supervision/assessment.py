"""Scores and rankings of a scheme (绩效考核, seed 001 §三), from the children's figures of
the scheme's region over its period (the rollups, like every figure), and the notices with
their rectification deadlines."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from smartvet.core.access import require, within
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.supervision import queries, rules
from smartvet.supervision.models import Notice, NoticeStatus, Scheme
from smartvet.supervision.permissions import VIEW


@dataclass(frozen=True)
class Score:
    rank: int
    code: str
    name: str
    score: float
    points: dict[str, float]


def scheme_for(actor: User, scheme_id: int) -> Scheme:
    require(actor, VIEW)
    scheme = Scheme.objects.visible_to(actor).filter(pk=scheme_id).first()
    if scheme is None:
        raise NotFound()
    return scheme


def scores(actor: User, scheme_id: int) -> tuple[Scheme, list[Score]]:
    scheme = scheme_for(actor, scheme_id)
    period = queries.period(scheme.starts_on, scheme.ends_on)
    answer = queries.figures(actor, scheme.region_id, period)
    items = list(scheme.items.all())
    children = {c["code"]: c for c in answer["children"] if c["code"] != scheme.region_id}
    points = {
        code: {
            item.indicator: rules.item_score(
                child["figures"].get(item.indicator),
                float(item.target),
                item.weight,
                item.lower_is_better,
            )
            for item in items
        }
        for code, child in children.items()
    }
    totals = {code: round(sum(values.values()), 2) for code, values in points.items()}
    ranked = [
        Score(place, code, children[code]["name"], score, points[code])
        for place, code, score in rules.rank(totals)
    ]
    return scheme, ranked


def notices(actor: User, *, status: str = "", region: str = "", q: str = "") -> QuerySet[Notice]:
    """Notices the actor's region issued or received (`region`: those about a region within
    it); `overdue` as its status filter gives the criticisms whose deadline has passed
    without closing."""
    require(actor, VIEW)
    found = Notice.objects.visible_to(actor).select_related("region", "issued_by")
    if region:
        found = found.filter(within("region_id", region))
    if q:
        found = found.filter(Q(reason__icontains=q) | Q(region__name__icontains=q))
    if status == "overdue":
        return found.filter(status=NoticeStatus.RECTIFYING, rectify_by__lt=timezone.localdate())
    if status:
        return found.filter(status=status)
    return found


def schemes(actor: User, *, region: str, q: str = "") -> QuerySet[Scheme]:
    """The schemes set by `region` or an office within it that the actor may see."""
    require(actor, VIEW, region=region)
    found = Scheme.objects.visible_to(actor).filter(within("region_id", region))
    found = found.select_related("region").prefetch_related("items")
    return found.filter(name__icontains=q) if q else found


def is_overdue(notice: Notice) -> bool:
    return notice.status == NoticeStatus.RECTIFYING and bool(
        notice.rectify_by and notice.rectify_by < timezone.localdate()
    )
