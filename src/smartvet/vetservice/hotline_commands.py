"""What the hotline's services take (core.commands: validation once). `OpenTicket` is the
payload of CONTRACT.md's `POST /api/v1/hotline/tickets`; its extra fields are optional."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.models import Region
from smartvet.vetservice.commands import PlaceOrder
from smartvet.vetservice.models import (
    Channel,
    HotlineTicket,
    Stage,
    TicketEntry,
    Topic,
)

StageCode = Literal[tuple(Stage.values)]
ChannelCode = Literal[tuple(Channel.values)]
TopicCode = Literal[tuple(Topic.values)]


class OpenTicket(Command):
    stage: StageCode = Field(title=label(HotlineTicket, "stage"))
    subject: text(HotlineTicket, "subject")
    body: text(HotlineTicket, "body")
    phone: text(HotlineTicket, "phone")
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(HotlineTicket, "farm"))
    # Beyond the contract, for the desk: how the call came in, what it is about, who called
    # and where (a village or township code) when no farm is named.
    channel: ChannelCode | None = Field(None, title=label(HotlineTicket, "channel"))
    topic: TopicCode = Field("other", title=label(HotlineTicket, "topic"))
    caller_name: text(HotlineTicket, "caller_name", required=False)
    region: text(Region, "code", required=False)


class AnswerTicket(Command):
    text: text(TicketEntry, "text")


class CloseTicket(Command):
    resolution: text(HotlineTicket, "resolution")
    satisfaction: int = Field(ge=1, le=5, title=label(HotlineTicket, "satisfaction"))
    comment: text(HotlineTicket, "satisfaction_comment", required=False)


class TicketToOrder(PlaceOrder):
    """The service order the caller asked for: an order's fields, for the ticket's farm (a
    farm sent along is not used)."""

    farm: int | None = Field(None, title=label(HotlineTicket, "farm"))
