"""Hotline, daily-report and meeting rows for tests, made through the services."""

from __future__ import annotations

from smartvet.core.commands import parse
from smartvet.vetservice.hotline_commands import AnswerTicket, CloseTicket, OpenTicket
from smartvet.vetservice.services import hotline


def open_ticket(actor, **fields):
    values = {
        "stage": "during",
        "subject": "母猪产后不食",
        "body": "两头母猪产后三天不吃料，体温偏高",
        "phone": "13907171234",
        "farm": None,
        **fields,
    }
    return hotline.open_ticket(actor=actor, command=parse(OpenTicket, values))


def respond(actor, ticket, text="已电话回复，明早上门"):
    return hotline.respond(
        actor=actor, ticket_id=ticket.pk, command=parse(AnswerTicket, {"text": text})
    )


def close(actor, ticket, satisfaction=5):
    return hotline.close(
        actor=actor,
        ticket_id=ticket.pk,
        command=parse(
            CloseTicket,
            {"resolution": "上门诊治，已恢复采食", "satisfaction": satisfaction, "comment": "及时"},
        ),
    )
