"""Issue 14 point 1: every nationally relevant write adds its outbox event in its own
transaction, and every event the flows emit conforms to its published schema."""

from __future__ import annotations

import pytest
from django.apps import apps

from smartvet.core import outbox
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent, OutboxEvent
from smartvet.quarantine import services as quarantine
from smartvet.quarantine.commands import ArrivalIn, CheckIn, RevokeIn
from smartvet.registry import services as registry
from smartvet.registry.commands import UpdateFarm
from smartvet.surveillance.commands import OutbreakReportIn
from smartvet.surveillance.models import OutbreakEvent
from smartvet.surveillance.services import outbreaks
from tests.exchange.schemas import SCHEMAS, problems
from tests.quarantine import factories as q
from tests.surveillance import factories as s

pytestmark = pytest.mark.django_db


def run_every_flow(p, capture):
    """The national story of one county: tags registered and issued, a farm registered,
    immunized and changed, two certificates (one checked and slaughtered, one revoked), a
    suspected outbreak with its 快报, and an alert from a positive result."""
    q.stock_tags(p)
    farm = q.ready_farm(p)
    registry.update_farm(
        actor=p.station_longquan,
        farm_id=farm.pk,
        command=parse(UpdateFarm, {"name": farm.name + "（改）"}),
    )
    certificate = q.certify(p, q.declare(p.farmer_longquan, farm, q.tags(1, 5)))
    quarantine.record_checkpoint_check(
        actor=p.checkpoint,
        number=certificate.number,
        command=parse(CheckIn, {"vehicle": "鄂E A1234", "count_seen": 5}),
    )
    quarantine.report_arrival(
        actor=p.slaughterhouse,
        number=certificate.number,
        command=parse(ArrivalIn, {"received_quantity": 5}),
    )
    q.enter(p, certificate, q.tags(1, 5))
    other = q.certify(p, q.declare(p.farmer_longquan, farm, q.tags(6, 2)))
    quarantine.revoke_certificate(
        actor=p.vet_longquan, number=other.number, command=parse(RevokeIn, {"reason": "取消调运"})
    )
    report = s.report(
        p.station_longquan, farm, kind="suspected_outbreak", sick=6, dead=2, disease="ASF"
    )
    event = OutbreakEvent.objects.get(source_report=report)
    outbreaks.submit_event_report(
        actor=p.cdc, event_id=event.pk, command=parse(OutbreakReportIn, {"kind": "immediate"})
    )
    with capture(execute=True):
        s.lab_result(p.cdc, farm, disease="FMD", positive=1)
    return certificate


def test_every_emitted_event_conforms_to_its_published_schema(
    personas, django_capture_on_commit_callbacks
):
    run_every_flow(personas, django_capture_on_commit_callbacks)
    events = list(OutboxEvent.objects.order_by("seq"))
    for event in events:
        assert problems(event.envelope()) == [], event.type
    published = {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")}
    # every published type is emitted by some flow, and nothing is emitted without a schema
    assert {event.type for event in events} == published


def test_a_certificate_s_story_reaches_the_nation_in_order_with_growing_versions(
    personas, django_capture_on_commit_callbacks
):
    certificate = run_every_flow(personas, django_capture_on_commit_callbacks)
    story = OutboxEvent.objects.filter(object_type="certificate", object_id=str(certificate.pk))
    assert [e.type for e in story.order_by("seq")][:2] == [
        "certificate.issued",
        "certificate.checked",
    ]
    assert "slaughter.recorded" in [e.type for e in story]
    versions = [e.envelope()["version"] for e in story.order_by("seq")]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    issued = story.get(type="certificate.issued").data
    assert issued["number"] == certificate.number and issued["ear_tags"] == q.tags(1, 5)


def test_each_event_is_written_with_its_ledger_event_and_names_the_province(personas):
    farm = q.ready_farm(personas, immunized=False)
    (event,) = OutboxEvent.objects.all()
    ledger = LedgerEvent.objects.get(seq=event.seq)
    assert ledger.action == "farm.registered" and event.province == "42"
    assert event.envelope()["object"] == {"type": "farm", "id": str(farm.pk)}
    assert event.data["code"] == farm.code


def test_personal_data_stays_in_the_province(personas):
    q.ready_farm(personas, immunized=False)
    text = str(OutboxEvent.objects.get().data)
    for personal in ("张三", "420506197503124511", "13907171234", "测试地址1组"):
        assert personal not in text


def test_a_refused_write_leaves_no_event(personas):
    farm = q.ready_farm(personas, immunized=False)
    before = OutboxEvent.objects.count()
    with pytest.raises(DomainError):
        q.declare(personas.farmer_longquan, farm, q.tags(1, 5))  # no tags held, no immunization
    assert OutboxEvent.objects.count() == before


def test_writes_the_nation_need_not_hear_of_add_nothing(personas):
    q.stock_tags(personas)
    farm = q.ready_farm(personas)
    q.declare(personas.farmer_longquan, farm, q.tags(1, 5))
    assert not OutboxEvent.objects.filter(type__startswith="declaration").exists()


def test_every_declared_builder_is_named_by_an_app_and_importable():
    declared = {}
    for config in apps.get_app_configs():
        declared.update(getattr(config, "outbox_events", {}))
    assert set(outbox.builders()) == set(declared) and len(declared) >= 13


def test_event_ids_are_uuid7_and_ordered_by_time():
    first, second = outbox.uuid7(), outbox.uuid7()
    assert first.version == 7 and first.variant == "specified in RFC 4122"
    assert first.int >> 80 <= second.int >> 80


def test_an_event_that_breaks_its_schema_fails_the_write_that_emits_it(personas, monkeypatch):
    """tests/exchange/plugin.py, which the whole suite loads, checks each event as written."""
    broken = lambda farm: outbox.Event("farm.registered", "farm", farm.pk, {"code": 1})  # noqa: E731
    monkeypatch.setitem(outbox.builders(), "farm.registered", broken)
    with pytest.raises(AssertionError, match=r"farm\.registered breaks its schema"):
        q.ready_farm(personas, immunized=False)
