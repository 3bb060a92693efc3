"""What the outbox's delivery stands at (the admin page, `smartvet exchange status`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Max
from django.utils.translation import gettext as _

from smartvet.core.access import require
from smartvet.core.models import LedgerEvent, OutboxEvent
from smartvet.exchange.permissions import VIEW_OUTBOX


@dataclass(frozen=True)
class Status:
    pending: int
    failing: int  # pending events the platform has refused or not answered at least once
    acknowledged: int
    oldest: OutboxEvent | None
    last_acknowledged_at: Any

    def as_dict(self) -> dict[str, Any]:
        oldest = self.oldest
        return {
            "pending": self.pending,
            "failing": self.failing,
            "acknowledged": self.acknowledged,
            "oldest_pending": None
            if oldest is None
            else {
                "id": str(oldest.pk),
                "type": oldest.type,
                "occurred_at": oldest.occurred_at.isoformat(),
                "attempts": oldest.attempts,
                "next_attempt_at": oldest.next_attempt_at.isoformat()
                if oldest.next_attempt_at
                else None,
                "last_error": oldest.last_error,
            },
            "last_acknowledged_at": self.last_acknowledged_at.isoformat()
            if self.last_acknowledged_at
            else None,
        }


def status() -> Status:
    """For the operator's command and a caller that checked VIEW_OUTBOX."""
    pending = OutboxEvent.objects.filter(acknowledged_at__isnull=True)
    done = OutboxEvent.objects.filter(acknowledged_at__isnull=False)
    return Status(
        pending=pending.count(),
        failing=pending.filter(attempts__gt=0).count(),
        acknowledged=done.count(),
        oldest=pending.order_by("seq").first(),
        last_acknowledged_at=done.aggregate(last=Max("acknowledged_at"))["last"],
    )


def status_for(actor) -> Status:
    require(actor, VIEW_OUTBOX)
    return status()


def failing_events(actor, limit: int = 20) -> list[OutboxEvent]:
    """The oldest events still waiting after a failed attempt, with the platform's answer;
    each named (`type_label`) by the words of the write that made it."""
    require(actor, VIEW_OUTBOX)
    waiting = OutboxEvent.objects.filter(acknowledged_at__isnull=True, attempts__gt=0)
    events = list(waiting.order_by("seq")[:limit])
    actions = dict(
        LedgerEvent.objects.filter(seq__in=[e.seq for e in events]).values_list("seq", "action")
    )
    words: dict[str, Any] = {}
    for config in apps.get_app_configs():
        words.update(getattr(config, "ledger_actions", {}))
    for event in events:
        event.type_label = words.get(actions.get(event.seq, ""), _("其他事件"))
    return events
