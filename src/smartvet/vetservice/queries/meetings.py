"""Reads of the townships' monthly meetings (月例会)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from smartvet.core import regions
from smartvet.core.access import require, within
from smartvet.core.models import User
from smartvet.vetservice.models import MeetingAttendance, MonthlyMeeting, Vaccinator
from smartvet.vetservice.reports_permissions import VIEW_MEETINGS


def meetings_visible_to(
    actor: User, *, month: str = "", status: str = "", region: str = ""
) -> QuerySet[MonthlyMeeting]:
    require(actor, VIEW_MEETINGS)
    meetings = MonthlyMeeting.objects.visible_to(actor).select_related("region")
    if month:
        meetings = meetings.filter(month=month)
    if status:
        meetings = meetings.filter(status=status)
    if region and regions.level_of(region):
        meetings = meetings.filter(within("region_id", region))
    # An aggregate drops Meta.ordering: the pages paginate, so the order is named.
    return meetings.annotate(
        invited=Count("attendance"), present=Count("attendance", filter=Q(attendance__present=True))
    ).order_by("-held_on", "-id")


def meeting(actor: User, meeting_id: int) -> MonthlyMeeting:
    require(actor, VIEW_MEETINGS)
    return MonthlyMeeting.objects.select_related("region", "called_by").get_visible(
        actor, id=meeting_id
    )


def attendance(meeting: MonthlyMeeting) -> QuerySet[MeetingAttendance]:
    """The invitees of a meeting the caller has already read (meeting())."""
    return meeting.attendance.select_related("attendee").order_by("attendee__username")


def invitees(township: str) -> QuerySet[User]:
    """The on-roster vaccinators of a township (a meeting's invitation list)."""
    entries = Vaccinator.objects.filter(
        within("account__region_id", township), on_roster=True, account__is_active=True
    ).values("account_id")
    return User.objects.filter(pk__in=entries).order_by("username")
