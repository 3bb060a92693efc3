"""Reads of the hotline: the desk's list, one ticket, where a call is routed, the county's
clock policy and the tickets whose clocks have run out (for the sweep)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import can, require, within
from smartvet.core.models import User
from smartvet.core.permissions import SEE_PERSONAL_DATA
from smartvet.core.personal import mask_phone
from smartvet.core.queries import accounts_who_may
from smartvet.vetservice import hotline_rules
from smartvet.vetservice.hotline_permissions import (
    HOTLINE_COUNTY,
    HOTLINE_STATION,
    HOTLINE_VIEW,
)
from smartvet.vetservice.hotline_rules import DEFAULT_POLICY, ClockPolicy
from smartvet.vetservice.models import (
    HotlinePolicy,
    HotlineTicket,
    TicketEntry,
    TicketStatus,
    Topic,
)
from smartvet.vetservice.queries.roster import provider_responsible

TOWNSHIP_DIGITS = 9


def _county(code: str) -> str:
    return regions.county_of(code) or code


def policy_values(region_code: str) -> dict:
    """The county's hotline policy (HotlinePolicy) or the shipped defaults."""
    row = HotlinePolicy.objects.filter(region_id=_county(region_code)).first()
    return row.as_dict() if row else dict(DEFAULT_POLICY)


def clock_policy(region_code: str) -> ClockPolicy:
    return ClockPolicy.from_dict(policy_values(region_code))


@dataclass(frozen=True)
class Route:
    account: User
    reason: str


def _first(accounts: QuerySet[User]) -> User | None:
    return accounts.order_by("id").first()


def county_desk(region_code: str) -> User | None:
    """The county account escalations go to (监督机构 first, then 农业农村局)."""
    return _first(accounts_who_may(HOTLINE_COUNTY, region=_county(region_code)))


def route(region_code: str, topic: str) -> Route | None:
    """Who answers a call from `region_code` about `topic`: the provider covering the village
    (or the township's lead company) for a provider topic, else the township's station, else
    the county desk. None when the county has no desk account at all."""
    township = region_code[:TOWNSHIP_DIGITS] if len(region_code) >= TOWNSHIP_DIGITS else ""
    words = {"topic": Topic(topic).label}
    if township and hotline_rules.answered_by(topic) == "provider":
        provider = provider_responsible(region_code)
        if provider is not None:
            return Route(provider, _("“%(topic)s”由所在村的服务主体承接") % words)
    if township:
        station = _first(accounts_who_may(HOTLINE_STATION, region=township))
        if station is not None:
            return Route(station, _("“%(topic)s”由所在乡镇畜牧兽医站负责") % words)
    county = county_desk(region_code)
    if county is not None:
        return Route(county, _("所在地没有乡镇承办单位，由县级受理"))
    return None


def tickets_visible_to(
    actor: User,
    *,
    status: str = "",
    stage: str = "",
    channel: str = "",
    topic: str = "",
    region: str = "",
    q: str = "",
    mine: bool = False,
    overdue_at: datetime | None = None,
    escalated: bool = False,
) -> QuerySet[HotlineTicket]:
    require(actor, HOTLINE_VIEW)
    tickets = HotlineTicket.objects.visible_to(actor).select_related(
        "region", "farm", "routed_to", "order"
    )
    filters = {"status": status, "stage": stage, "channel": channel, "topic": topic}
    tickets = tickets.filter(**{name: value for name, value in filters.items() if value})
    if region and regions.level_of(region):
        tickets = tickets.filter(within("region_id", region))
    if q:
        tickets = tickets.filter(
            Q(number=q) | Q(subject__contains=q) | Q(phone=q) | Q(caller_name__contains=q)
        )
    if mine:
        tickets = tickets.filter(routed_to=actor)
    if escalated:
        tickets = tickets.exclude(escalated_at=None)
    if overdue_at is not None:
        tickets = tickets.filter(overdue_q(overdue_at))
    return tickets


def overdue_q(now: datetime) -> Q:
    """Unclosed tickets with a clock run out (as hotline_rules.overdue_clock decides)."""
    open_late = Q(status=TicketStatus.OPEN, first_response_due__lt=now)
    update_late = Q(status=TicketStatus.IN_PROGRESS, next_update_due__lt=now)
    unresolved = ~Q(status=TicketStatus.CLOSED) & Q(resolution_due__lt=now)
    return open_late | update_late | unresolved


def overdue_unescalated(now: datetime) -> QuerySet[HotlineTicket]:
    """For the sweep (a system job, not an actor's read): every ticket to escalate now."""
    return HotlineTicket.objects.filter(overdue_q(now), escalated_at=None).order_by("id")


def ticket(actor: User, ticket_id: int) -> HotlineTicket:
    require(actor, HOTLINE_VIEW)
    return HotlineTicket.objects.select_related(
        "region", "farm", "routed_to", "opened_by", "order"
    ).get_visible(actor, id=ticket_id)


def entries(ticket: HotlineTicket) -> QuerySet[TicketEntry]:
    """The thread of a ticket the caller has already read (ticket())."""
    return ticket.entries.select_related("actor")


def caller_phone(actor: User, ticket: HotlineTicket) -> str:
    """The caller's number in full for whoever must call back (the desk it was routed to,
    the caller, a role that works with personal data), masked for anyone else."""
    if ticket.routed_to_id == actor.pk or ticket.caller_id == actor.pk:
        return ticket.phone
    if can(actor, SEE_PERSONAL_DATA):
        return ticket.phone
    return mask_phone(ticket.phone)
