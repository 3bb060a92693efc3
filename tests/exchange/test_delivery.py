"""Issue 14 point 2: the deliverer sends the outbox in order to the national endpoint with its
token, at least once, backs off until acknowledged; the reference receiver stores each event
once; the administrator sees what waits; acknowledged events are kept for a period."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.errors import PermissionDenied
from smartvet.core.models import LedgerEvent, OutboxEvent
from smartvet.exchange import delivery, queries, receiver, services
from tests.quarantine import factories as q

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(personas):
    """Tags registered and issued, a farm registered and immunized: 4 events."""
    q.stock_tags(personas)
    q.ready_farm(personas, stock={"fattening_pig": 100})
    assert OutboxEvent.objects.count() == 4
    return list(OutboxEvent.objects.order_by("seq"))


def test_every_event_reaches_the_receiver_once_in_the_order_written(national, events):
    platform = delivery.Platform(national.url, "t0ken")
    assert delivery.run(platform, loop=False) == len(events)
    assert delivery.run(platform, loop=False) == 0  # nothing left to send
    stored = national.stored()
    assert [e["id"] for e in stored] == [str(e.pk) for e in events]
    assert all(e["province"] == "42" and e["schema"] == f"{e['type']}/1" for e in stored)
    assert not OutboxEvent.objects.filter(acknowledged_at__isnull=True).exists()


def test_a_resent_batch_is_stored_once(national, events):
    platform = delivery.Platform(national.url, "t0ken")
    body = delivery.envelope_batch(events)
    assert platform.post(body).acknowledged and platform.post(body).acknowledged
    assert json.loads(platform.post(body).text) == {"accepted": 0, "duplicates": len(events)}
    assert len(national.stored()) == len(events)


def test_an_unreachable_platform_leaves_the_events_waiting_with_a_backoff(events):
    platform = delivery.Platform("http://127.0.0.1:9/events", "x", timeout=2)
    before = timezone.now()
    assert delivery.run(platform, loop=False) == 0
    first = OutboxEvent.objects.order_by("seq").first()
    assert first.attempts == 1 and first.acknowledged_at is None
    assert first.last_error.startswith("无法连接国家平台")
    assert first.next_attempt_at >= before + timedelta(seconds=delivery.FIRST_WAIT)
    assert delivery.due_batch(timezone.now()) == []  # the stream waits out the backoff
    later = first.next_attempt_at + timedelta(seconds=1)
    assert len(delivery.due_batch(later)) == len(events)


def test_a_wrong_token_is_refused_and_nothing_stored(national, events):
    assert delivery.run(delivery.Platform(national.url, "wrong"), loop=False) == 0
    error = OutboxEvent.objects.get(seq=events[0].seq).last_error
    assert error.startswith("国家平台拒绝接收：令牌无效") and "HTTP 401" in error
    assert national.stored() == []


def test_after_a_failure_the_stream_resumes_when_the_platform_returns(national, events):
    delivery.run(delivery.Platform("http://127.0.0.1:9/", timeout=2), loop=False)
    OutboxEvent.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert delivery.run(delivery.Platform(national.url, "t0ken"), loop=False) == len(events)
    assert queries.status().failing == 0


@given(st.integers(min_value=1, max_value=60))
def test_the_backoff_doubles_and_stays_bounded(attempts):
    wait = delivery.backoff(attempts)
    assert delivery.FIRST_WAIT <= wait <= delivery.LONGEST_WAIT
    assert delivery.backoff(attempts + 1) in {2 * wait, delivery.LONGEST_WAIT}


def test_the_receiver_drops_a_torn_last_line_and_remembers_the_ids(tmp_path):
    path = tmp_path / "store.jsonl"
    path.write_bytes(b'{"id":"a","type":"farm.registered"}\n{"id":"b","ty')
    store = receiver.Store(path)
    assert store.ids == {"a"} and path.read_bytes() == b'{"id":"a","type":"farm.registered"}\n'
    assert store.add([{"id": "a"}, {"id": "b"}, {"id": "b"}]) == (1, 2)
    again = receiver.Store(path)
    assert again.ids == {"a", "b"} and len(path.read_text().splitlines()) == 2


def test_the_receiver_refuses_what_is_not_a_list_of_events(national):
    platform = delivery.Platform(national.url, "t0ken")
    assert platform.post(b'{"events": [{"type": "x"}]}').status == 400
    assert platform.post(b"[1]").status == 400
    assert platform.post(b'{"events": []}').acknowledged


def test_acknowledged_events_are_kept_for_the_period_then_purged(national, events):
    delivery.run(delivery.Platform(national.url, "t0ken"), loop=False)
    old = events[0]
    OutboxEvent.objects.filter(pk=old.pk).update(
        acknowledged_at=timezone.now() - timedelta(days=services.keep_days() + 1)
    )
    OutboxEvent.objects.filter(pk=events[1].pk).update(acknowledged_at=None)  # still pending
    OutboxEvent.objects.filter(pk=events[1].pk).update(
        occurred_at=timezone.now() - timedelta(days=90)
    )
    assert services.purge_published() == 1
    assert not OutboxEvent.objects.filter(pk=old.pk).exists()
    assert OutboxEvent.objects.filter(pk=events[1].pk).exists()  # never purged unsent
    assert LedgerEvent.objects.filter(action="exchange.purged").get().summary["events"] == 1
    assert services.purge_published() == 0
    assert LedgerEvent.objects.filter(action="exchange.purged").count() == 1


def test_only_the_administrator_may_send_the_waiting_events_again(personas, events):
    delivery.run(delivery.Platform("http://127.0.0.1:9/", timeout=2), loop=False)
    with pytest.raises(PermissionDenied):
        services.retry_now(actor=personas.county_supervisor)
    assert OutboxEvent.objects.filter(next_attempt_at__isnull=False).count() == len(events)
    assert services.retry_now(actor=personas.admin) == len(events)
    assert len(delivery.due_batch(timezone.now())) == len(events)
    assert LedgerEvent.objects.filter(action="exchange.retry_requested").count() == 1


@override_settings(SMARTVET_NATIONAL_URL="http://127.0.0.1:9/")
def test_the_administrator_s_page_shows_counts_oldest_and_failures(personas, events):
    delivery.run(delivery.Platform("http://127.0.0.1:9/", timeout=2), loop=False)
    client = Client()
    client.force_login(personas.admin)
    page = client.get("/exchange/outbox/").content.decode()
    assert "待发送" in page and f">{len(events)}<" in page
    assert 'data-action="retry_outbox"' in page and 'data-table="failing"' in page
    assert "耳标入库" in page  # the failing event named by the words of its write
    assert "farm.registered" not in page  # no codes for a reader
    client.post("/exchange/outbox/retry/")
    assert OutboxEvent.objects.filter(next_attempt_at__isnull=True).count() == len(events)


def test_other_roles_do_not_see_the_page(personas):
    client = Client()
    client.force_login(personas.county_supervisor)
    assert client.get("/exchange/outbox/").status_code == 403
    assert "/exchange/outbox/" not in client.get("/").content.decode()


def test_status_command_names_pending_oldest_and_last_acknowledgement(national, events, capsys):
    call_command("exchange", "status", "--json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["pending"] == len(events) and answer["last_acknowledged_at"] is None
    assert answer["oldest_pending"]["id"] == str(events[0].pk)
    delivery.run(delivery.Platform(national.url, "t0ken"), loop=False)
    call_command("exchange", "status")
    out = capsys.readouterr().out
    assert "待发送：0" in out and "最早待发送：无" in out and "尚无" not in out
