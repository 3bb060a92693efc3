"""A checkpoint's check of a certificate issued in another province (read through the
national hub, quarantine.hub) is recorded like any other: by the certificate's number (this
province holds no row of it), with its ledger event, in the checkpoint's own list and on the
certificate's checkpoint page; a failed one opens a case. Who may not check records nothing."""

from __future__ import annotations

import pytest

from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent, OutboxEvent
from smartvet.enforcement.commands.cases import OpenCaseFromCheck
from smartvet.enforcement.services import cases
from smartvet.quarantine import forms, hub, queries, services
from smartvet.quarantine.models import CheckpointCheck
from tests.exchange.test_federation_reports import NUMBER, from_hub  # noqa: F401 (a fixture)
from tests.support.api import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("from_hub")]


def _seen(count: int = 10, vehicle: str = "鄂E·A1234"):
    return forms.check_command({"vehicle": vehicle, "count_seen": str(count), "ear_tags": ""})


def test_the_check_is_recorded_by_number_with_its_ledger_event(personas):
    check = services.record_checkpoint_check(
        actor=personas.checkpoint, number=NUMBER, command=_seen(8)
    )
    check.refresh_from_db()
    assert check.certificate is None and check.number == NUMBER
    assert check.result == "fail" and "count_mismatch" in check.flags
    event = LedgerEvent.objects.get(
        object_type="quarantine.checkpointcheck", object_id=str(check.pk)
    )
    assert event.action == "certificate.checked_foreign" and event.actor == personas.checkpoint
    assert event.summary["number"] == NUMBER and event.region == personas.checkpoint.region_id
    listed = queries.checks_visible_to(personas.checkpoint)
    assert list(listed) == [check]
    assert list(queries.checks_of(hub.certificate(NUMBER))) == [check]


def test_the_nation_hears_of_the_check_as_an_event_of_the_issuing_province_s_certificate(
    personas,
):
    origin = hub.certificate(NUMBER)
    check = services.record_checkpoint_check(
        actor=personas.checkpoint, number=NUMBER, command=_seen(8)
    )
    event = OutboxEvent.objects.get(type="certificate.checked")
    assert (event.province, event.object_type) == ("41", "certificate")
    assert event.object_id == str(origin.pk)  # the id in 湖北, not a row of this province
    assert event.data["issued_in"] == "42" and event.data["number"] == NUMBER
    assert event.data["result"] == "fail" and event.data["count_seen"] == 8
    assert event.seq == LedgerEvent.objects.get(action="certificate.checked_foreign").seq
    check.refresh_from_db()
    assert (check.issued_in, check.origin_certificate_id) == ("42", origin.pk)


def test_whoever_may_not_check_records_nothing(personas):
    with pytest.raises(DomainError):
        services.record_checkpoint_check(
            actor=personas.vet_longquan, number=NUMBER, command=_seen()
        )
    assert not CheckpointCheck.objects.exists()
    assert not LedgerEvent.objects.filter(action__startswith="certificate.checked").exists()
    assert not OutboxEvent.objects.exists()


def test_the_checkpoint_page_records_it_and_lists_it(client, personas):
    client.force_login(personas.checkpoint)
    url = f"/quarantine/checkpoint/?number={NUMBER}"
    page = client.get(url).content.decode()
    assert 'data-testid="from-hub"' in page and "有效" in page
    assert 'data-action="check"' in page
    response = client.post(
        "/quarantine/checkpoint/",
        {"number": NUMBER, "vehicle": "鄂E·A1234", "count_seen": "10", "ear_tags": ""},
    )
    assert response.status_code == 302
    again = client.get(url).content.decode()
    assert "检查记录" in again and "夷陵区指定通道检查站" in again
    listed = ApiClient(personas.checkpoint).get("/api/v1/checkpoint-checks").json()
    assert [item["certificate"] for item in listed["items"]] == [NUMBER]


def test_a_failed_check_opens_a_case_without_the_origins_farm(personas):
    check = services.record_checkpoint_check(
        actor=personas.checkpoint, number=NUMBER, command=_seen(7, vehicle="鄂E·Z9999")
    )
    case = cases.open_case_from_check(
        actor=personas.checkpoint, command=OpenCaseFromCheck(check=check.pk)
    )
    assert case.certificate_number == NUMBER and case.farm is None
    assert case.check_record == check
