"""Slaughterhouse entry with tags that do not match the certificate (issue 10, point 3): the
batch is held until the resident official vet (驻场官方兽医) decides, and every tag ends in a
state that tells the truth, with the entry in its history."""

import pytest

from smartvet.core.access import available_actions
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.quarantine import queries, services
from smartvet.quarantine.commands import RevokeIn
from smartvet.quarantine.models import Certificate
from tests.quarantine import factories
from tests.quarantine.test_pages import shown_actions
from tests.support.personas import PERSONA_NAMES

# Tags 1-5 are on the certificate; the slaughterhouse presents 1-4 and 900, a tag of the
# township's stock that no certificate lists.
PRESENTED = [*factories.tags(1, 4), factories.tag(900)]


def _state(personas, serial):
    status = factories.tag_status(personas, serial)
    return status["status"], status["cancel_reason"]


def _kinds(personas, serial):
    trace = queries.tag_trace(personas.vet_longquan, factories.tag(serial))
    return [event["kind"] for event in trace["events"]]


@pytest.fixture
def held(tagged, certificate):
    return factories.enter(tagged, certificate, PRESENTED)


def test_tags_that_do_not_match_hold_the_batch_and_nothing_is_slaughtered(tagged, held):
    assert held.status == "held" and held.slaughtered == 0 and not held.reconciled
    assert held.matched_tags == factories.tags(1, 4)
    assert held.missing_tags == [factories.tag(5)] and held.extra_tags == [factories.tag(900)]
    # The batch waits at the gate on its certificate: its tags stay in transit, none is
    # cancelled, none goes back to a farm as worn.
    for serial in range(1, 6):
        assert _state(tagged, serial) == ("in_transit", None)
    assert _state(tagged, 900) == ("in_stock", None)
    certificate = Certificate.objects.get(pk=held.certificate_id)
    assert certificate.status == "valid" and certificate.stage == "held"
    assert available_actions(tagged.slaughterhouse, certificate).names == ["print"]
    assert LedgerEvent.objects.filter(action="slaughter.held", object_id=str(held.pk)).exists()
    assert not LedgerEvent.objects.filter(action="eartags.cancelled").exists()
    assert "held" in _kinds(tagged, 900) and "held" in _kinds(tagged, 5)


def test_a_matching_batch_is_still_slaughtered_at_once(tagged, certificate):
    entry = factories.enter(tagged, certificate, certificate.ear_tags)
    assert entry.status == "slaughtered" and entry.slaughtered == 5 and entry.reconciled
    assert _state(tagged, 1) == ("cancelled", "slaughter")


def test_the_resident_vet_admits_the_matching_animals_and_every_tag_tells_the_truth(
    tagged, resident_vet, held
):
    assert available_actions(resident_vet, held).names == ["admit", "refuse", "investigate"]
    last = LedgerEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    entry = factories.decide(resident_vet, held, "admit")
    assert entry.status == "admitted" and entry.slaughtered == 4
    for serial in range(1, 5):
        assert _state(tagged, serial) == ("cancelled", "slaughter")
    # Not presented: recorded as missing at entry and cancelled as lost, never "worn" again.
    assert _state(tagged, 5) == ("cancelled", "loss")
    # Not on the certificate: its animal was not taken in; its tag is as it was.
    assert _state(tagged, 900) == ("in_stock", None)
    certificate = Certificate.objects.get(pk=held.certificate_id)
    assert certificate.status == "arrived" and certificate.received_quantity == 4
    assert certificate.stage == "slaughtered" and certificate.arrival_flags == ["short"]
    assert list(LedgerEvent.objects.filter(seq__gt=last).values_list("action", flat=True)) == [
        "eartags.cancelled",
        "eartags.arrived",
        "eartags.cancelled",
        "slaughter.admitted",
    ]
    one, five, stray = _kinds(tagged, 1), _kinds(tagged, 5), _kinds(tagged, 900)
    assert one.index("held") < one.index("slaughtered") and "cancelled" in one
    assert five.index("held") < five.index("missing") and "slaughtered" not in five
    assert stray.index("held") < stray.index("turned_away") and "slaughtered" not in stray


def test_refusing_the_batch_slaughters_nothing_and_the_origin_may_then_revoke(
    tagged, resident_vet, held
):
    entry = factories.decide(resident_vet, held, "refuse", "耳标与证明不符，退回产地")
    assert entry.status == "refused" and entry.slaughtered == 0
    for serial in range(1, 6):
        assert _state(tagged, serial) == ("in_transit", None)
    assert "refused_entry" in _kinds(tagged, 1) and "refused_entry" in _kinds(tagged, 900)
    certificate = Certificate.objects.get(pk=held.certificate_id)
    assert certificate.stage == "refused"
    assert "revoke" in available_actions(tagged.vet_longquan, certificate)
    assert "slaughter" not in available_actions(tagged.slaughterhouse, certificate)
    services.revoke_certificate(
        actor=tagged.vet_longquan,
        number=certificate.number,
        command=factories.command(RevokeIn, reason="入场被拒，动物已返回产地"),
    )
    assert _state(tagged, 1)[0] != "in_transit"


def test_investigation_first_says_why_and_the_decision_comes_later(tagged, resident_vet, held):
    with pytest.raises(DomainError) as exc:
        factories.decide(resident_vet, held, "investigate")
    assert exc.value.code == "VALIDATION_ERROR" and exc.value.details[0]["field"] == "notes"
    investigated = factories.decide(resident_vet, held, "investigate", "核查耳标900来源")
    assert available_actions(resident_vet, investigated).names == ["admit", "refuse"]
    entry = factories.decide(resident_vet, held, "admit")
    assert [d.status for d in entry.decisions.all()] == ["investigating", "admitted"]
    kinds = _kinds(tagged, 1)
    assert kinds.index("held") < kinds.index("investigating") < kinds.index("slaughtered")


def test_a_batch_is_decided_once(tagged, resident_vet, held):
    factories.decide(resident_vet, held, "admit")
    with pytest.raises(DomainError) as exc:
        factories.decide(resident_vet, held, "refuse", "重复处理")
    assert exc.value.code == "INVALID_TRANSITION"


def test_only_the_resident_vet_decides(tagged, held):
    # The origin's vet sees the entry but the slaughterhouse is not in its township.
    for actor in (tagged.vet_longquan, tagged.slaughterhouse, tagged.station_longquan):
        with pytest.raises(PermissionDenied):
            factories.decide(actor, held, "admit")
    with pytest.raises(NotFound):
        factories.decide(tagged.vet_yaqueling, held, "admit")
    assert available_actions(tagged.vet_longquan, held).names == []


def test_the_resident_vets_queue_lists_what_waits(tagged, resident_vet, held):
    assert list(queries.entries_to_decide(resident_vet)) == [held]
    factories.decide(resident_vet, held, "admit")
    assert list(queries.entries_to_decide(resident_vet)) == []


# --- the pages ------------------------------------------------------------------------------


def _entry_page(entry) -> str:
    return f"/quarantine/slaughter/entries/{entry.pk}/"


def test_the_held_batch_page_shows_each_reader_exactly_its_buttons(
    client, tagged, resident_vet, held
):
    seen = set()
    for user in [*(getattr(tagged, name) for name in PERSONA_NAMES), resident_vet]:
        client.force_login(user)
        response = client.get(_entry_page(held))
        if response.status_code in {403, 404}:
            continue
        assert response.status_code == 200, user.username
        shown = sorted(action[0] for action in shown_actions(response.content.decode()))
        assert shown == sorted(available_actions(user, held).names), user.username
        seen.add(user.username)
    assert {"vet_yiling", "vet_longquan", "slaughterhouse"} <= seen


@pytest.mark.parametrize(
    ("decision", "after"),
    [("admit", "admitted"), ("refuse", "refused"), ("investigate", "investigating")],
)
def test_each_decision_button_works(client, tagged, resident_vet, held, decision, after):
    client.force_login(resident_vet)
    page = client.get(_entry_page(held)).content.decode()
    (action,) = [a for a in shown_actions(page) if a[0] == decision]
    _name, _method, url, fields = action
    response = client.post(url, {**fields, "notes": "耳标900来源待查"}, follow=True)
    assert response.status_code == 200 and b'role="alert"' not in response.content
    held.refresh_from_db()
    assert held.status == after


def test_the_slaughterhouse_sees_its_batch_held_and_the_vet_finds_it_in_the_queue(
    client, tagged, resident_vet, certificate
):
    client.force_login(tagged.slaughterhouse)
    response = client.post(
        "/quarantine/slaughter/",
        {"certificate": certificate.number, "ear_tags": "\n".join(PRESENTED)},
    )
    page = response.content.decode()
    assert "本批已暂扣，待驻场官方兽医处理" in page and "待处理" in page
    client.force_login(resident_vet)
    queue = client.get("/quarantine/slaughter/entries/").content.decode()
    assert certificate.number in queue and 'href="/quarantine/slaughter/entries/' in queue
    home = client.get("/").content.decode()
    assert 'href="/quarantine/slaughter/entries/"' in home  # the navigation leads there
