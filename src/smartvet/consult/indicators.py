"""What the consult app contributes to supervision (DOMAIN.md §9: training sessions with
attendance are tracked; seed 002 §二(三)): attendees of training, counted at their village or
township on the day of the event; and consultations asked."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from smartvet.consult.models import Attendance, Consultation
from smartvet.core.indicators import Cell, Indicator, Measure, cells, span


def attendee_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Attendance.objects.filter(
        span("village_id", region, "event__starts_at", first, last, timestamp=True)
    )
    return cells(rows, day="event__starts_at", place="village_id")


def consultation_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Consultation.objects.filter(
        span("region_id", region, "asked_at", first, last, timestamp=True)
    )
    return cells(rows, day="asked_at", place="region_id")


TRAINING_ATTENDEES = Measure("training_attendees", attendee_facts)
CONSULTATIONS = Measure("consultations", consultation_facts)

INDICATORS = (
    Indicator(
        code="training_attendees",
        name=_("培训参训人次"),
        unit=_("人次"),
        definition=_(
            "期内培训活动（田间课堂、师资培训、使用培训）的签到人次，按参训人所在村或乡镇统计"
        ),
        source=_("科技特派员·培训活动签到"),
        measure=TRAINING_ATTENDEES,
        order=150,
    ),
    Indicator(
        code="consultations",
        name=_("在线咨询"),
        unit=_("件"),
        definition=_("期内养殖场户向专家提出的在线咨询件数"),
        source=_("科技特派员·在线咨询"),
        measure=CONSULTATIONS,
        order=151,
    ),
)
