"""The outbox's writes a person or the deliverer's housekeeping makes (issue 14 point 2)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.models import OutboxEvent
from smartvet.exchange.permissions import RETRY_OUTBOX

DEFAULT_KEEP_DAYS = 30


def keep_days() -> int:
    return int(getattr(settings, "SMARTVET_OUTBOX_KEEP_DAYS", DEFAULT_KEEP_DAYS))


@transaction.atomic(durable=True)
def retry_now(*, actor) -> int:
    """Send the waiting events at the deliverer's next turn instead of after its backoff
    (the platform is back, or the operator fixed its address); the number of events."""
    require(actor, RETRY_OUTBOX)
    waiting = OutboxEvent.objects.filter(acknowledged_at__isnull=True, attempts__gt=0)
    count = waiting.update(next_attempt_at=None)
    ledger.record(
        actor=actor,
        action="exchange.retry_requested",
        object_type="core.outboxevent",
        summary={"events": count},
    )
    return count


@transaction.atomic(durable=True)
def purge_published(*, now=None) -> int:
    """Drop events the platform acknowledged more than SMARTVET_OUTBOX_KEEP_DAYS ago (they
    stay that long to answer the platform's questions); the number dropped. A system job
    of the deliverer: it is in the ledger when it drops anything."""
    before = (now or timezone.now()) - timedelta(days=keep_days())
    old = OutboxEvent.objects.filter(acknowledged_at__lt=before)
    count, _ = old.delete()
    if count:
        ledger.record(
            actor=None,
            action="exchange.purged",
            object_type="core.outboxevent",
            summary={"events": count, "acknowledged_before": before.date()},
        )
    return count
