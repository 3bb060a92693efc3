"""Who sends and reads the vaccinators' daily reports (日报告制度) and the township's monthly
meetings (月例会), and the meeting's workflow (see core.access)."""

from __future__ import annotations

from smartvet.core.access import Action, Workflow, permission
from smartvet.core.models import Role
from smartvet.vetservice import meetings_rules

SEND_DAILY_REPORT = permission("vetservice.send_daily_report", Role.VACCINATOR)
VIEW_DAILY_REPORTS = permission(
    "vetservice.view_daily_reports",
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)
# The station follows up who has not reported (the county looks over its townships).
CHECK_DAILY_REPORTS = permission(
    "vetservice.check_daily_reports", Role.STATION, Role.SUPERVISOR, Role.BUREAU
)

CALL_MEETING = permission("vetservice.call_meeting", Role.STATION)
VIEW_MEETINGS = permission(
    "vetservice.view_meetings",
    Role.VACCINATOR,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)

MEETING_WORKFLOW = Workflow(
    model="vetservice.MonthlyMeeting",
    transitions=meetings_rules.MEETING_TRANSITIONS,
    actions=(Action("record", CALL_MEETING, to="held"),),
)
