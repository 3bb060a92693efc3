"""The hotline (客服专线): tickets routed by region and topic, three working-hour clocks,
escalation to the county when overdue (task and sweep), closing with satisfaction, and
every refusal."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent
from smartvet.vetservice.hotline_commands import AnswerTicket, TicketToOrder
from smartvet.vetservice.models import HotlinePolicy, HotlineTicket, TicketStatus
from smartvet.vetservice.services import hotline
from tests.support.factories import LONGQUAN, LONGQUAN_VILLAGE, YAQUELING, make_farm
from tests.vetservice.hotline_factories import close, open_ticket, respond

pytestmark = pytest.mark.django_db

# Tuesday 3 June 2025, 09:00 in Asia/Shanghai: a plain working day.
MORNING = timezone.make_aware(datetime(2025, 6, 3, 9, 0))


@pytest.fixture
def at_nine(monkeypatch):
    """The clock of the services stands at MORNING (and can be moved)."""
    now = {"value": MORNING}
    monkeypatch.setattr(timezone, "now", lambda: now["value"])
    return now


def _actions():
    return list(LedgerEvent.objects.order_by("seq").values_list("action", flat=True))


def test_a_farmers_call_is_routed_to_the_station_and_clocked_in_working_hours(personas, at_nine):
    farm = make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    ticket = open_ticket(personas.station_longquan, farm=farm.pk, topic="immunization")
    assert ticket.routed_to == personas.station_longquan
    assert ticket.region_id == LONGQUAN_VILLAGE
    assert ticket.channel == "phone"  # the desk took a call
    assert ticket.status == TicketStatus.OPEN
    # 2 working hours to answer; 21 to resolve: 6.5 that day, 7 on each of the next two,
    # the last half hour on Friday morning.
    assert ticket.first_response_due == MORNING + timedelta(hours=2)
    assert timezone.localtime(ticket.resolution_due) == timezone.make_aware(
        datetime(2025, 6, 6, 9, 0)
    )
    assert ticket.number.startswith("KF2025")
    assert _actions()[-1] == "hotline.ticket_opened"


def test_a_call_on_the_eve_of_national_day_is_due_after_the_holiday(personas, at_nine):
    at_nine["value"] = timezone.make_aware(datetime(2025, 9, 30, 17, 0))
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    assert timezone.localtime(ticket.first_response_due) == timezone.make_aware(
        datetime(2025, 10, 9, 10, 0)
    )


def test_the_countys_policy_sets_the_hours_and_limits(personas, at_nine):
    HotlinePolicy.objects.create(
        region_id="420506",
        working_hours="08:00-12:00",
        first_response_hours=1,
        next_update_hours=4,
        resolution_hours=8,
    )
    at_nine["value"] = timezone.make_aware(datetime(2025, 6, 3, 11, 30))
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    assert timezone.localtime(ticket.first_response_due) == timezone.make_aware(
        datetime(2025, 6, 4, 8, 30)
    )


def test_a_technical_question_goes_to_the_provider_covering_the_village(personas, at_nine, xingmu):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN_VILLAGE, topic="disease")
    assert ticket.routed_to == personas.provider_xingmu
    assert "服务主体" in ticket.route_reason
    # Without a provider the station answers even a technical question.
    other = open_ticket(personas.station_yaqueling, region=YAQUELING, topic="disease")
    assert other.routed_to == personas.station_yaqueling


def test_a_farmer_files_for_its_own_farm_and_sees_its_ticket(personas, at_nine):
    farm = make_farm(personas.farmer_longquan)
    ticket = open_ticket(personas.farmer_longquan, farm=farm.pk)
    assert ticket.channel == "app" and ticket.caller == personas.farmer_longquan
    assert list(HotlineTicket.objects.visible_to(personas.farmer_longquan)) == [ticket]


def test_answering_stops_the_first_clock_and_starts_the_next_update_clock(personas, at_nine):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    at_nine["value"] = MORNING + timedelta(hours=1)
    ticket = respond(personas.station_longquan, ticket)
    assert ticket.status == TicketStatus.IN_PROGRESS
    assert ticket.first_responded_at == MORNING + timedelta(hours=1)
    # 7 working hours from 10:00: the lunch break does not count -> 08:30 + 1h next morning.
    assert timezone.localtime(ticket.next_update_due) == timezone.make_aware(
        datetime(2025, 6, 4, 10, 0)
    )
    at_nine["value"] = MORNING + timedelta(hours=3)
    ticket = hotline.update(
        actor=personas.station_longquan,
        ticket_id=ticket.pk,
        command=parse(AnswerTicket, {"text": "已联系兽医，下午上门"}),
    )
    assert timezone.localtime(ticket.next_update_due) == timezone.make_aware(
        datetime(2025, 6, 4, 12, 0)
    )
    ticket = close(personas.station_longquan, ticket, satisfaction=4)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED
    assert ticket.satisfaction == 4 and ticket.next_update_due is None
    assert [e.kind for e in ticket.entries.all()] == ["response", "update", "closing"]
    assert _actions()[-4:] == [
        "hotline.ticket_opened",
        "hotline.responded",
        "hotline.updated",
        "hotline.closed",
    ]


def test_an_overdue_ticket_is_escalated_to_the_county_once(personas, at_nine):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    assert not hotline.escalate_if_overdue(ticket.pk)  # not due yet
    at_nine["value"] = MORNING + timedelta(hours=2, minutes=1)
    assert hotline.escalate_if_overdue(ticket.pk)
    assert not hotline.escalate_if_overdue(ticket.pk)  # once
    ticket.refresh_from_db()
    assert ticket.escalated_clock == "first_response"
    assert "县级" in ticket.entries.get(kind="escalation").text
    event = LedgerEvent.objects.filter(action="hotline.escalated").get()
    assert event.actor_name == "system"
    # The county may now answer it, though it was routed to the station.
    respond(personas.county_supervisor, ticket)


def test_the_sweep_escalates_every_overdue_ticket_without_a_task(personas, at_nine):
    late = open_ticket(personas.station_longquan, region=LONGQUAN)
    answered = open_ticket(personas.station_longquan, region=LONGQUAN)
    respond(personas.station_longquan, answered)
    at_nine["value"] = MORNING + timedelta(hours=3)
    call_command("hotline_sweep")
    late.refresh_from_db()
    answered.refresh_from_db()
    assert late.escalated_at is not None and answered.escalated_at is None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_each_due_time_enqueues_a_clock_check_at_that_instant(
    personas, at_nine, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    results = default_task_backend.results
    assert [r.task.run_after for r in results] == [ticket.first_response_due]
    assert results[0].args == [ticket.pk]
    with django_capture_on_commit_callbacks(execute=True):
        ticket = respond(personas.station_longquan, ticket)
    assert results[-1].task.run_after == ticket.next_update_due


def test_another_townships_station_cannot_answer(personas, at_nine):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    with pytest.raises(DomainError) as refused:
        respond(personas.station_yaqueling, ticket)
    assert refused.value.code == "NOT_FOUND"
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN and not ticket.entries.exists()


def test_a_desk_the_ticket_was_not_routed_to_cannot_answer(personas, at_nine, xingmu):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    with pytest.raises(DomainError) as refused:
        respond(personas.provider_xingmu, ticket)
    assert refused.value.code == "PERMISSION_DENIED"


def test_a_closed_ticket_is_not_answered_or_closed_again(personas, at_nine):
    ticket = close(
        personas.station_longquan, open_ticket(personas.station_longquan, region=LONGQUAN)
    )
    for action in (
        lambda: respond(personas.station_longquan, ticket),
        lambda: close(personas.station_longquan, ticket),
    ):
        with pytest.raises(DomainError) as refused:
            action()
        assert refused.value.code == "INVALID_TRANSITION"


def test_a_farmer_cannot_answer_or_file_for_anothers_farm(personas, at_nine):
    farm = make_farm(personas.station_longquan)  # not the farmer's
    with pytest.raises(DomainError) as refused:
        open_ticket(personas.farmer_longquan, farm=farm.pk)
    assert refused.value.code == "NOT_FOUND"
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    with pytest.raises(DomainError) as refused:
        respond(personas.farmer_longquan, ticket)
    assert refused.value.code in {"PERMISSION_DENIED", "NOT_FOUND"}


def test_a_desk_cannot_file_in_another_region(personas, at_nine):
    with pytest.raises(DomainError) as refused:
        open_ticket(personas.station_longquan, region=YAQUELING)
    assert refused.value.code == "NOT_FOUND"
    assert not HotlineTicket.objects.exists()


def test_satisfaction_is_one_to_five(personas, at_nine):
    from smartvet.core.errors import ValidationFailed

    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    with pytest.raises(ValidationFailed):
        close(personas.station_longquan, ticket, satisfaction=6)


def test_a_ticket_becomes_a_service_order_in_one_step(personas, at_nine, agreed_farm):
    ticket = open_ticket(personas.station_longquan, farm=agreed_farm.pk, topic="service")
    ticket = hotline.to_order(
        actor=personas.provider_xingmu,
        ticket_id=ticket.pk,
        command=parse(
            TicketToOrder,
            {
                "service": "castration",
                "category": "fattening_pig",
                "animals": 6,
                "preferred_date": timezone.localdate().isoformat(),
                "notes": "来电预约",
            },
        ),
    )
    order = ticket.order
    assert order.farm == agreed_farm and order.service.code == "castration"
    assert order.assignee == personas.vaccinator_longquan  # assigned at once
    assert ticket.status == TicketStatus.IN_PROGRESS and ticket.first_responded_at
    assert ticket.entries.get(kind="order").text.startswith("已转服务订单" + order.number)
    assert _actions()[-2:] == ["service_order.placed", "hotline.ordered"]
    # Only once.
    with pytest.raises(DomainError) as refused:
        hotline.to_order(
            actor=personas.provider_xingmu,
            ticket_id=ticket.pk,
            command=parse(
                TicketToOrder,
                {
                    "service": "castration",
                    "category": "fattening_pig",
                    "animals": 1,
                    "preferred_date": timezone.localdate().isoformat(),
                },
            ),
        )
    assert refused.value.code == "PERMISSION_DENIED"


def test_a_ticket_without_a_farm_cannot_become_an_order(personas, at_nine):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    with pytest.raises(DomainError) as refused:
        hotline.to_order(
            actor=personas.station_longquan,
            ticket_id=ticket.pk,
            command=parse(
                TicketToOrder,
                {
                    "service": "castration",
                    "category": "fattening_pig",
                    "animals": 1,
                    "preferred_date": "2025-06-04",
                },
            ),
        )
    assert refused.value.code == "PERMISSION_DENIED"
    assert not ticket.entries.exists()


def test_a_township_without_a_station_account_goes_to_the_county(personas, at_nine):
    # 雾渡河镇 has no station account among the personas: the county desk takes it.
    ticket = open_ticket(personas.county_supervisor, region="420506102", topic="immunization")
    assert ticket.routed_to == personas.county_supervisor
    assert ticket.route_reason == "所在地没有乡镇承办单位，由县级受理"
