import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent, LedgerHead

REGIONS = ["420506107", "420506", "420506107201", "419001", "42", "4205", ""]

actions = st.lists(
    st.tuples(
        st.sampled_from(REGIONS),
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
        for region, action, summary in events:
            ledger.record(actor=None, action=action, summary=summary, region=region)


def _tamper(victim, how):
    """Change the ledger behind its back as someone with the database in hand would."""
    rows = LedgerEvent.objects.filter(pk=victim.pk)
    if how == "edit":
        rows.update(action="forged")
    elif how == "delete":
        rows.delete()
    else:  # swap with a neighbour of its chain, positions and numbers both
        chain = LedgerEvent.objects.filter(chain=victim.chain).exclude(pk=victim.pk)
        other = chain.filter(chain_seq=victim.chain_seq + 1).first() or chain.get(
            chain_seq=victim.chain_seq - 1
        )
        rows.update(seq=10**9, chain_seq=10**9)
        LedgerEvent.objects.filter(pk=other.pk).update(seq=victim.seq, chain_seq=victim.chain_seq)
        rows.update(seq=other.seq, chain_seq=other.chain_seq)


class LedgerChainTests(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(actions, st.data())
    def test_any_edit_deletion_or_swap_is_found_in_its_chain_and_named(self, events, data):
        LedgerEvent.objects.all().delete()
        LedgerHead.objects.all().delete()
        _append(events)
        assert ledger.verify() is None
        victim = data.draw(st.sampled_from(list(LedgerEvent.objects.all())))
        alone = not LedgerEvent.objects.filter(chain=victim.chain).exclude(pk=victim.pk).exists()
        how = data.draw(st.sampled_from(["edit", "delete", *([] if alone else ["swap"])]))
        last = not LedgerEvent.objects.filter(
            chain=victim.chain, chain_seq__gt=victim.chain_seq
        ).exists()
        _tamper(victim, how)
        broken = ledger.verify()
        assert broken is not None
        assert broken.chain == victim.chain  # the other chains are intact
        assert broken.position <= victim.chain_seq + (1 if how == "delete" else 0)
        if how == "edit":
            assert (broken.seq, broken.reason) == (victim.seq, "altered")
        if how == "delete":
            assert broken.reason == ("truncated" if last else "missing")
            assert broken.position == victim.chain_seq

    def test_each_county_has_its_own_chain_numbered_from_one(self):
        LedgerEvent.objects.all().delete()
        LedgerHead.objects.all().delete()
        _append([(r, "x.y", {}) for r in ["420506107", "419001", "420506", "42", "", "4205"]])
        chains = list(LedgerEvent.objects.order_by("seq").values_list("chain", "chain_seq"))
        assert chains == [
            ("420506", 1),
            ("419001", 1),
            ("420506", 2),
            ("42", 1),
            ("CN", 1),
            ("4205", 1),
        ]
        heads = dict(LedgerHead.objects.values_list("chain", "seq"))
        assert heads == {"420506": 2, "419001": 1, "42": 1, "CN": 1, "4205": 1}
        seqs = [seq for (seq,) in LedgerEvent.objects.order_by("seq").values_list("seq")]
        assert seqs == sorted(set(seqs))  # numbered across chains in the order written

    def test_an_event_added_behind_the_ledgers_back_is_found(self):
        _append([("419001", "x.y", {}), ("419001", "x.y", {})])
        last = LedgerEvent.objects.filter(chain="419001").order_by("-chain_seq").first()
        forged = LedgerEvent.objects.get(pk=last.pk)
        forged.pk, forged.seq, forged.chain_seq = None, last.seq + 1000, last.chain_seq + 1
        forged.prev_digest = last.digest
        forged.digest = ledger.digest_of(forged)
        forged.save(force_insert=True)
        broken = ledger.verify()
        assert (broken.chain, broken.seq, broken.reason) == ("419001", forged.seq, "unheaded")


class AppendedLastTests(TestCase):
    """A service decorated with `ledger.appended_last` (the certificate path) appends its
    events when it ends: the ledger reads as if they had been appended at once."""

    @settings(max_examples=25, deadline=None)
    @given(actions)
    def test_events_appended_at_the_end_chain_as_those_appended_at_once(self, events):
        LedgerEvent.objects.all().delete()
        LedgerHead.objects.all().delete()
        with transaction.atomic(), ledger.appended_last():
            for region, action, summary in events:
                ledger.record(actor=None, action=action, summary=summary, region=region)
        assert ledger.verify() is None
        written = LedgerEvent.objects.order_by("seq").values_list("region", "action", "summary")
        assert [(r, a, s) for r, a, s in written] == [
            (r, a, ledger._json_safe(s)) for r, a, s in events
        ]

    def test_nothing_is_appended_before_the_block_ends_nor_when_it_fails(self):
        before = LedgerEvent.objects.count()
        with transaction.atomic(), ledger.appended_last():
            event = ledger.record(actor=None, action="x.y", region="419001")
            assert LedgerEvent.objects.count() == before and event.pk is None
        assert LedgerEvent.objects.get(pk=event.pk).chain == "419001"
        with pytest.raises(ValueError), transaction.atomic(), ledger.appended_last():
            ledger.record(actor=None, action="x.y", region="419001")
            raise ValueError
        assert LedgerEvent.objects.count() == before + 1
        assert ledger.verify() is None


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
    err = capsys.readouterr().err
    assert f"第{event.seq}号事件内容被篡改" in err
    assert f"区划{event.chain}的链第{event.chain_seq}个事件" in err


def test_deleting_the_last_event_is_found_and_named_by_its_chain(station_longquan, capsys):
    last = LedgerEvent.objects.order_by("-seq").first()
    last.delete()
    broken = ledger.verify()
    assert (broken.chain, broken.position, broken.reason) == (
        last.chain,
        last.chain_seq,
        "truncated",
    )
    with pytest.raises(SystemExit):
        call_command("verify_ledger")
    assert f"区划{last.chain}的链第{last.chain_seq}个事件起链尾被删除" in capsys.readouterr().err


def test_ledger_page_filters_by_object_and_stays_in_region(
    client, station_longquan, station_yaqueling
):
    client.force_login(station_yaqueling)
    page = client.get("/ledger/", {"object_type": "core.user"}).content.decode()
    assert "station_yaqueling" in page
    assert "station_longquan" not in page  # a Longquan event is outside 鸦鹊岭镇
