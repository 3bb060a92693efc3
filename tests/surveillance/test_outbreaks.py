"""Suspected major outbreaks: the reporting clocks with overdue flags (policy data), the
event in the WOAH shape, immediate, follow-up and final reports, JSON and xlsx exports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.surveillance.commands import OutbreakIn, OutbreakReportIn
from smartvet.surveillance.models import OutbreakEvent, SurveillancePolicy
from smartvet.surveillance.queries.outbreaks import clocks, woah_event
from smartvet.surveillance.services import outbreaks
from tests.support.personas import PASSWORD
from tests.surveillance import factories


@pytest.fixture
def event(personas, farm):
    report = factories.report(
        personas.station_longquan, farm, kind="suspected_outbreak", sick=6, dead=2, disease="ASF"
    )
    return OutbreakEvent.objects.get(source_report=report)


def test_the_province_clock_runs_two_hours_and_flags_overdue(event):
    assert not clocks(event)["province"]["overdue"]
    later = timezone.now() + timedelta(hours=2, minutes=1)
    assert clocks(event, later)["province"]["overdue"]
    assert clocks(event)["ministry"] is None


def test_the_clock_limits_are_policy_data(personas, farm):
    SurveillancePolicy.objects.create(region_id="42", values={"PROVINCE_REPORT_HOURS": 1})
    report = factories.report(
        personas.station_longquan, farm, kind="suspected_outbreak", sick=1, disease="FMD"
    )
    event = OutbreakEvent.objects.get(source_report=report)
    assert event.province_due - event.suspected_at == timedelta(hours=1)


def test_reported_to_the_province_then_by_the_province_to_the_ministry(personas, event):
    outbreaks.report_to_province(actor=personas.cdc, event_id=event.pk)
    event.refresh_from_db()
    assert event.ministry_due - event.province_reported_at == timedelta(hours=1)
    with pytest.raises(PermissionDenied):  # a county account is not the province
        outbreaks.report_to_ministry(actor=personas.cdc, event_id=event.pk)
    province = create_account(
        actor=personas.admin, username="hubei_cdc", password=PASSWORD, role=Role.CDC, region="42"
    )
    outbreaks.report_to_ministry(actor=province, event_id=event.pk)
    event.refresh_from_db()
    state = clocks(event)
    assert not state["province"]["overdue"] and not state["ministry"]["overdue"]
    assert state["ministry"]["done"] == event.ministry_reported_at


def test_the_event_in_the_woah_shape(personas, event, farm):
    outbreaks.add_outbreak(
        actor=personas.cdc,
        event_id=event.pk,
        command=parse(
            OutbreakIn,
            {
                "region": "420506107202",
                "started_on": timezone.localdate().isoformat(),
                "counts": [{"species": "pig", "susceptible": 40, "cases": 3, "destroyed": 40}],
            },
        ),
    )
    content = woah_event(event)["event"]
    assert content["disease"] == "ASF" and content["administrative_division"] == "420506"
    first, second = content["outbreaks"]
    assert first["farm"] == farm.pk
    assert first["species"] == [
        {
            "species": "pig",
            "susceptible": 200,
            "cases": 6,
            "deaths": 2,
            "killed_and_disposed": 0,
            "slaughtered": 0,
        }
    ]
    assert second["species"][0]["killed_and_disposed"] == 40


def report(actor, event, kind):
    return outbreaks.submit_event_report(
        actor=actor, event_id=event.pk, command=parse(OutbreakReportIn, {"kind": kind})
    )


def test_immediate_then_follow_ups_then_one_final_report(personas, event):
    with pytest.raises(DomainError):
        report(personas.cdc, event, "follow_up")  # the immediate report comes first
    assert report(personas.cdc, event, "immediate").number == 1
    assert report(personas.cdc, event, "follow_up").number == 2
    final = report(personas.cdc, event, "final")
    assert final.content["event"]["reference"] == event.number
    event.refresh_from_db()
    assert event.status == "resolved"
    with pytest.raises(DomainError):
        report(personas.cdc, event, "follow_up")


def test_the_exports(personas, event, client):
    client.force_login(personas.cdc)
    as_json = client.get(f"/surveillance/outbreaks/{event.pk}/export.json")
    assert as_json.status_code == 200 and as_json.json()["event"]["reference"] == event.number
    as_xlsx = client.get(f"/surveillance/outbreaks/{event.pk}/export.xlsx")
    assert as_xlsx.status_code == 200 and as_xlsx.content[:2] == b"PK"
