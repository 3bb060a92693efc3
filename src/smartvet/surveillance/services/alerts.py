"""Handling an alert: acknowledged, investigated with the quarantine trace, closed with an
outcome (confirmed, false alarm, data error) from which the rule's PPV is counted."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.models import User
from smartvet.core.workflow import move
from smartvet.surveillance import rules
from smartvet.surveillance.commands import CloseIn
from smartvet.surveillance.models import Alert, AlertEntry, Outcome
from smartvet.surveillance.permissions import ALERT
from smartvet.surveillance.queries.alerts import alert_for


def _alert(actor: User, alert_id: int, action: str) -> Alert:
    alert = alert_for(actor, alert_id)
    ALERT.require(actor, alert, action)
    return alert


@transaction.atomic(durable=True)
def acknowledge(*, actor: User, alert_id: int) -> Alert:
    alert = _alert(actor, alert_id, "acknowledge")
    now = timezone.now()
    move(alert, to="acknowledged", transitions=rules.ALERT_TRANSITIONS, updated_at=now)
    AlertEntry.objects.create(alert=alert, kind="acknowledged", at=now, actor=actor)
    ledger.record(actor=actor, action="alert.acknowledged", obj=alert, region=alert.region_id)
    return alert


@transaction.atomic(durable=True)
def record_investigation(*, actor: User, alert_id: int, farms: int) -> Alert:
    """The investigator opened the trace of the alert's farm: the timeline says so and how
    many farms it named to visit."""
    alert = _alert(actor, alert_id, "investigate")
    now = timezone.now()
    text = _("查看追溯：需走访养殖场户%(n)d个") % {"n": farms}
    AlertEntry.objects.create(alert=alert, kind="investigated", at=now, actor=actor, text=text)
    ledger.record(
        actor=actor,
        action="alert.investigated",
        obj=alert,
        region=alert.region_id,
        summary={"farms": farms},
    )
    return alert


@transaction.atomic(durable=True)
def close(*, actor: User, alert_id: int, command: CloseIn) -> Alert:
    alert = _alert(actor, alert_id, "close")
    now = timezone.now()
    move(
        alert,
        to="closed",
        transitions=rules.ALERT_TRANSITIONS,
        outcome=command.outcome,
        notes=command.notes,
        closed_at=now,
        updated_at=now,
    )
    text = str(Outcome(command.outcome).label)
    if command.notes:
        text = f"{text}：{command.notes}"
    AlertEntry.objects.create(alert=alert, kind="closed", at=now, actor=actor, text=text)
    ledger.record(
        actor=actor,
        action="alert.closed",
        obj=alert,
        region=alert.region_id,
        summary={"outcome": command.outcome},
    )
    return alert
