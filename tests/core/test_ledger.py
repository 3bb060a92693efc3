import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent, LedgerHead

actions = st.lists(
    st.tuples(
        st.sampled_from(["farm.registered", "tag.issued", "x.y"]),
        # Text the edge refuses never reaches a service: NUL (InputGuardMiddleware; PostgreSQL's
        # jsonb cannot hold it) and lone surrogates (the API's validation; UTF-8 cannot encode
        # them).
        st.dictionaries(
            st.text(
                st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=5
            ),
            st.integers(),
            max_size=3,
        ),
    ),
    min_size=3,
    max_size=12,
)


def _append(events):
    with transaction.atomic():
        for action, summary in events:
            ledger.record(actor=None, action=action, summary=summary, region="420506")


class LedgerChainTests(TestCase):
    @settings(max_examples=15, deadline=None)
    @given(actions, st.data())
    def test_any_edit_deletion_or_swap_is_found_and_named(self, events, data):
        LedgerEvent.objects.all().delete()
        LedgerHead.objects.filter(pk=1).update(seq=0, digest=ledger.GENESIS)
        _append(events)
        assert ledger.verify() is None
        seqs = list(LedgerEvent.objects.values_list("seq", flat=True))
        victim = data.draw(st.sampled_from(seqs))
        tamper = data.draw(st.sampled_from(["edit", "delete", "swap"]))
        if tamper == "edit":
            LedgerEvent.objects.filter(seq=victim).update(action="forged")
        elif tamper == "delete":
            LedgerEvent.objects.filter(seq=victim).delete()
        else:
            other = victim + 1 if victim < max(seqs) else victim - 1
            a, b = LedgerEvent.objects.get(seq=victim), LedgerEvent.objects.get(seq=other)
            LedgerEvent.objects.filter(pk=a.pk).update(seq=10**9)
            LedgerEvent.objects.filter(pk=b.pk).update(seq=a.seq)
            LedgerEvent.objects.filter(pk=a.pk).update(seq=b.seq)
        broken = ledger.verify()
        assert broken is not None
        assert broken.seq <= victim + (1 if tamper == "delete" else 0)


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        ledger.record(actor=None, action="x")


def test_verify_ledger_command_exits_0_then_1_naming_the_event(station_longquan, capsys):
    call_command("verify_ledger")
    assert "哈希链校验通过" in capsys.readouterr().out
    event = LedgerEvent.objects.order_by("seq")[2]
    LedgerEvent.objects.filter(pk=event.pk).update(summary={"forged": True})
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_ledger")
    assert exit_info.value.code == 1
    assert f"第{event.seq}号事件内容被篡改" in capsys.readouterr().err


def test_deleting_the_last_event_is_found(station_longquan):
    LedgerEvent.objects.order_by("-seq").first().delete()
    assert ledger.verify().reason == "truncated"


def test_ledger_page_filters_by_object_and_stays_in_region(
    client, station_longquan, station_yaqueling
):
    client.force_login(station_yaqueling)
    page = client.get("/ledger/", {"object_type": "core.user"}).content.decode()
    assert "station_yaqueling" in page
    assert "station_longquan" not in page  # a Longquan event is outside 鸦鹊岭镇
