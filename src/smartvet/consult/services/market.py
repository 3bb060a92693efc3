"""Market information (seed 004 §7): price reports, held back when far from the region's
recent prices until the reporter confirms them, and supply and demand posts that expire."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.consult import queries, rules
from smartvet.consult.commands import PostIn, PriceIn
from smartvet.consult.models import MarketPost, PriceReport
from smartvet.consult.permissions import POST, REPORT_PRICE, WITHDRAW_POST
from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, Problem
from smartvet.core.models import Region, User


def _refuse(code: str, message: str, field: str, **details: object) -> DomainError:
    return DomainError.from_problems([Problem(code, message, {"field": field, **details})])


def _region(code: str) -> str:
    if not Region.objects.filter(code=code).exists():
        raise _refuse("REGION_UNKNOWN", _("没有这个区划：%(code)s") % {"code": code}, "region")
    return code


@transaction.atomic(durable=True)
def report_price(*, actor: User, command: PriceIn) -> PriceReport:
    """报价: one price seen at a market. A price far from the county's last four weeks is
    refused with PRICE_OUTLIER (nothing stored) until the reporter corrects it or sends it
    again with `confirm`."""
    region = _region(command.region)
    require(actor, REPORT_PRICE, region=region)
    unit = rules.unit_of(command.commodity)
    if command.unit != unit:
        raise _refuse(
            "VALIDATION_ERROR",
            _("%(commodity)s的价格单位应为%(unit)s")
            % {"commodity": rules.COMMODITIES[command.commodity][0], "unit": rules.UNITS[unit]},
            "unit",
        )
    if command.date > timezone.localdate():
        raise _refuse("VALIDATION_ERROR", _("日期不能晚于今天"), "date")
    verdict = rules.price_verdict(
        command.price, queries.recent_prices(command.commodity, region, command.date)
    )
    if verdict.outlier and not command.confirm:
        raise _refuse(
            "PRICE_OUTLIER",
            _("价格%(price)s与本地区近四周的中位数%(median)s相差过大，请核实后更正或确认")
            % {"price": command.price, "median": verdict.median},
            "price",
            median=str(verdict.median),
        )
    row = PriceReport.objects.create(
        commodity=command.commodity,
        region_id=region,
        market=command.market,
        unit=unit,
        price=command.price,
        date=command.date,
        confirmed_outlier=verdict.outlier,
        reported_by=actor,
    )
    ledger.record(
        actor=actor,
        action="price.reported",
        obj=row,
        region=region,
        summary={
            "commodity": row.commodity,
            "price": row.price,
            "market": row.market,
            "date": row.date,
            "confirmed_outlier": row.confirmed_outlier,
        },
    )
    return row


@transaction.atomic(durable=True)
def create_post(*, actor: User, command: PostIn) -> MarketPost:
    """供求信息: a post on the region's board until it expires."""
    region = _region(command.region)
    require(actor, POST, region=region)
    post = MarketPost.objects.create(
        kind=command.kind,
        commodity=command.commodity,
        quantity=command.quantity,
        price=command.price,
        region_id=region,
        contact=command.contact,
        details=command.details,
        expires_on=timezone.localdate() + timedelta(days=command.days),
        posted_by=actor,
    )
    ledger.record(
        actor=actor,
        action="post.created",
        obj=post,
        region=region,
        summary={"kind": post.kind, "commodity": post.commodity, "expires_on": post.expires_on},
    )
    return post


@transaction.atomic(durable=True)
def withdraw_post(*, actor: User, post_id: int) -> MarketPost:
    post = MarketPost.objects.select_for_update().filter(pk=post_id, withdrawn=False).first()
    if post is None:
        raise NotFound()
    require(actor, WITHDRAW_POST, post)
    MarketPost.objects.filter(pk=post.pk).update(withdrawn=True)
    post.withdrawn = True
    ledger.record(actor=actor, action="post.withdrawn", obj=post, region=post.region_id)
    return post
