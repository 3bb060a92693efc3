"""Monthly statements of government-purchased services (政府购买服务结算, seed 000): the county
prepares a provider's month from its confirmed public-welfare orders, reviews and signs it; a
signed statement is locked and a correction is a new version."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.models import User
from smartvet.core.workflow import move
from smartvet.vetservice import rules
from smartvet.vetservice.commands import CorrectStatement, PrepareStatement
from smartvet.vetservice.models import (
    Provider,
    Statement,
    StatementLine,
    StatementStatus,
)
from smartvet.vetservice.permissions import PREPARE_STATEMENT, STATEMENT_WORKFLOW
from smartvet.vetservice.queries import statements as queries
from smartvet.vetservice.services.common import invalid, refused


def signed_refusal() -> Exception:
    return refused("STATEMENT_SIGNED", _("结算单已签署，不能修改；如需更正，请生成新版本"))


def _fill(statement: Statement) -> None:
    """Lines from the month's rows: confirmed ones priced and counted, disputed and
    unconfirmed ones listed apart; the total is the exact sum of the counted lines."""
    statement.lines.all().delete()
    StatementLine.objects.build(
        statement, queries.month_orders(statement.provider, statement.month)
    )
    statement.total = queries.counted_total(statement)
    statement.prepared_at = timezone.now()
    Statement.objects.filter(pk=statement.pk).update(
        total=statement.total, prepared_at=statement.prepared_at
    )


def _summary(statement: Statement) -> dict:
    return {
        "provider": statement.provider.account.username,
        "month": f"{statement.month:%Y-%m}",
        "version": statement.version,
        "total": statement.total,
        "lines": statement.lines.filter(included=True).count(),
        "apart": statement.lines.filter(included=False).count(),
    }


@transaction.atomic(durable=True)
def prepare_statement(*, actor: User, command: PrepareStatement) -> Statement:
    """The county prepares (or refreshes) a provider's month. Refused once signed
    (STATEMENT_SIGNED): a correction makes a new version."""
    month = rules.parse_month(command.month)
    if month is None:
        raise invalid("month", _("月份格式应为YYYY-MM"))
    provider: Provider = queries.provider_by_username(actor, command.provider)
    require(actor, PREPARE_STATEMENT, provider)
    statement = queries.latest_statement(provider, month)
    if statement is not None and statement.status != StatementStatus.DRAFT:
        raise signed_refusal()
    if statement is None:
        statement = Statement.objects.create(
            provider=provider,
            county_id=provider.township_id[:6],
            month=month,
            prepared_by=actor,
            prepared_at=timezone.now(),
        )
    else:
        STATEMENT_WORKFLOW.require(actor, statement, "refresh")
    _fill(statement)
    ledger.record(
        actor=actor,
        action="statement.prepared",
        obj=statement,
        region=provider.township_id,
        summary=_summary(statement),
    )
    return statement


def _statement(actor: User, statement_id: int) -> Statement:
    return (
        Statement.objects.select_for_update()
        .select_related("provider__account")
        .get_visible(actor, id=statement_id)
    )


@transaction.atomic(durable=True)
def refresh_statement(*, actor: User, statement_id: int) -> Statement:
    """Rebuild a draft from the month's orders as they stand (STATEMENT_SIGNED once signed)."""
    statement = _statement(actor, statement_id)
    if statement.status != StatementStatus.DRAFT:
        raise signed_refusal()
    STATEMENT_WORKFLOW.require(actor, statement, "refresh")
    _fill(statement)
    ledger.record(
        actor=actor,
        action="statement.prepared",
        obj=statement,
        region=statement.provider.township_id,
        summary=_summary(statement),
    )
    return statement


@transaction.atomic(durable=True)
def sign_statement(*, actor: User, statement_id: int) -> Statement:
    """The county signs what it reviewed: the statement is locked from then on."""
    statement = _statement(actor, statement_id)
    if statement.status != StatementStatus.DRAFT:
        raise signed_refusal()
    STATEMENT_WORKFLOW.require(actor, statement, "sign")
    move(
        statement,
        to=StatementStatus.SIGNED,
        transitions=rules.STATEMENT_TRANSITIONS,
        signed_by=actor,
        signed_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="statement.signed",
        obj=statement,
        region=statement.provider.township_id,
        summary=_summary(statement),
    )
    return statement


@transaction.atomic(durable=True)
def correct_statement(*, actor: User, statement_id: int, command: CorrectStatement) -> Statement:
    """A signed statement is never edited: its correction is the next version, a new draft
    built from the orders as they stand, and the signed one is marked superseded."""
    statement = _statement(actor, statement_id)
    STATEMENT_WORKFLOW.require(actor, statement, "correct")
    move(statement, to=StatementStatus.SUPERSEDED, transitions=rules.STATEMENT_TRANSITIONS)
    correction = Statement.objects.create(
        provider=statement.provider,
        county_id=statement.county_id,
        month=statement.month,
        version=statement.version + 1,
        correction_reason=command.reason,
        prepared_by=actor,
        prepared_at=timezone.now(),
    )
    _fill(correction)
    ledger.record(
        actor=actor,
        action="statement.corrected",
        obj=correction,
        region=statement.provider.township_id,
        summary={**_summary(correction), "reason": command.reason, "replaces": statement.pk},
    )
    return correction
