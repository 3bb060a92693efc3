"""Migration 0006 re-chains a ledger written as one chain into one chain per county, and
refuses a single chain that was tampered with (re-chaining it would launder the change).

Only core's own migrations after 0005 go back and forth (the ledger's tables are core's): the
other apps' tables do not depend on the ledger, and migrating them back and again took minutes
a test. The snapshot restore after each test (tests/support/snapshot.py) puts the rows back."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent, LedgerHead

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = ("core", "0005_activation_code")
rechaining = importlib.import_module("smartvet.core.migrations.0006_ledger_chains")


def _single_chain(apps, regions):
    """Events as the ledger wrote them before 0006: one chain, one head row."""
    Event, Head = apps.get_model("core", "LedgerEvent"), apps.get_model("core", "LedgerHead")
    Event.objects.all().delete()
    previous, at = ledger.GENESIS, timezone.now()
    for seq, region in enumerate(regions, start=1):
        event = Event(
            seq=seq,
            at=at + timedelta(seconds=seq),
            actor_name="system",
            region=region,
            action="x.y",
            summary={"n": seq},
            prev_digest=previous,
        )
        event.digest = previous = rechaining.single_chain_digest(event)
        event.save()
    Head.objects.update_or_create(pk=1, defaults={"seq": len(regions), "digest": previous})


def _back_to_before():
    """Unapply core's migrations after BEFORE, and only those; the historical models there."""
    executor = MigrationExecutor(connection)
    plan = [step for step in executor.migration_plan([BEFORE]) if step[0].app_label == "core"]
    executor.migrate([BEFORE], plan=plan)
    return executor.loader.project_state(BEFORE).apps


def _forward():
    """Apply what is unapplied (core's migrations after BEFORE)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_intact_single_chain_becomes_one_chain_per_county():
    old = _back_to_before()
    _single_chain(old, ["420506107", "419001", "420506", "", "420506107201"])
    _forward()
    assert ledger.verify() is None
    rows = LedgerEvent.objects.order_by("seq").values_list("seq", "chain", "chain_seq")
    assert list(rows) == [
        (1, "420506", 1),
        (2, "419001", 1),
        (3, "420506", 2),
        (4, "CN", 1),
        (5, "420506", 3),
    ]
    assert dict(LedgerHead.objects.values_list("chain", "seq")) == {
        "420506": 3,
        "419001": 1,
        "CN": 1,
    }
    with transaction.atomic():
        event = ledger.record(actor=None, action="x.y", region="420506101")
    assert (event.chain, event.chain_seq, event.seq > 5) == ("420506", 4, True)
    assert ledger.verify() is None


def test_a_tampered_single_chain_is_not_rechained():
    old = _back_to_before()
    _single_chain(old, ["420506107", "419001", "420506"])
    old.get_model("core", "LedgerEvent").objects.filter(seq=2).update(action="forged")
    with pytest.raises(RuntimeError, match="第2号事件"):
        _forward()
    old.get_model("core", "LedgerEvent").objects.all().delete()
    old.get_model("core", "LedgerHead").objects.all().delete()
    _forward()
