"""Reads of disposals and their insurance claims, scoped to the actor; the insurer's export
rows (one per claim, with the disposal's evidence summary)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from smartvet.core.access import require, within
from smartvet.core.models import User
from smartvet.core.species import CATEGORY_LABELS
from smartvet.enforcement.models import Disposal, InsuranceClaim
from smartvet.enforcement.permissions import VIEW_CLAIMS, VIEW_DISPOSALS


def disposals_visible_to(
    actor: User,
    *,
    q: str = "",
    region: str = "",
    method: str = "",
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Disposal]:
    """The list's search: farm name or code, the place or the collector; filters by area,
    method and date span."""
    require(actor, VIEW_DISPOSALS)
    rows = Disposal.objects.visible_to(actor).select_related("farm", "recorded_by", "claim")
    if q:
        rows = rows.filter(
            Q(farm__name__icontains=q)
            | Q(farm__code__icontains=q)
            | Q(place__icontains=q)
            | Q(collector__icontains=q)
        )
    if region:
        rows = rows.filter(within("farm__region_id", region))
    if method:
        rows = rows.filter(method=method)
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    return rows


def disposal(actor: User, disposal_id: int) -> Disposal:
    require(actor, VIEW_DISPOSALS)
    return (
        Disposal.objects.select_related("farm", "report", "stock_event", "recorded_by")
        .prefetch_related("photos")
        .get_visible(actor, pk=disposal_id)
    )


def disposed_for_report(report_id: int) -> int:
    """Animals already disposed of under one death report (for a report the caller read)."""
    total = Disposal.objects.filter(report_id=report_id).aggregate(n=Sum("animals"))["n"]
    return total or 0


def claims_visible_to(
    actor: User, *, q: str = "", status: str = "", region: str = ""
) -> QuerySet[InsuranceClaim]:
    require(actor, VIEW_CLAIMS)
    rows = InsuranceClaim.objects.visible_to(actor).select_related(
        "disposal__farm__region", "disposal__recorded_by"
    )
    if q:
        rows = rows.filter(
            Q(insurer__icontains=q)
            | Q(policy_number__icontains=q)
            | Q(disposal__farm__name__icontains=q)
        )
    if status:
        rows = rows.filter(status=status)
    if region:
        rows = rows.filter(within("disposal__farm__region_id", region))
    return rows


def claim(actor: User, claim_id: int) -> InsuranceClaim:
    require(actor, VIEW_CLAIMS)
    return InsuranceClaim.objects.select_related(
        "disposal__farm", "disposal__report", "disposal__recorded_by", "decided_by"
    ).get_visible(actor, pk=claim_id)


def claim_headers() -> list[str]:
    return [
        _("保单号"),
        _("保险机构"),
        _("养殖场户"),
        _("养殖场户编码"),
        _("所在区划"),
        _("品种类别"),
        _("理赔数量（头/只）"),
        _("申报金额（元）"),
        _("状态"),
        _("处理日期"),
        _("处理数量（头/只）"),
        _("处理方式"),
        _("处理地点"),
        _("收集人"),
        _("监督处理人"),
        _("照片（张）"),
        _("死亡报告"),
        _("核实意见"),
        _("赔付日期"),
    ]


def claim_rows(claims: QuerySet[InsuranceClaim]) -> Iterator[list[Any]]:
    """One row per claim for the insurer: the claim, then what the disposal shows."""
    for item in claims.prefetch_related("disposal__photos"):
        done = item.disposal
        yield [
            item.policy_number,
            item.insurer,
            done.farm.name,
            done.farm.code,
            done.farm.region.name,
            str(CATEGORY_LABELS[done.category]),
            item.animals,
            float(item.amount),
            item.get_status_display(),
            done.date.isoformat(),
            done.animals,
            done.get_method_display(),
            done.place,
            done.collector,
            str(done.recorded_by),
            len(done.photos.all()),
            done.report_id or "",
            item.note,
            item.paid_on.isoformat() if item.paid_on else "",
        ]
