"""What the 先打后补 subsidy contributes to supervision (DOMAIN.md §5, §9): applications,
amounts approved and amounts paid."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, cells, span
from smartvet.subsidy.models import ApplicationStatus, Payment, SubsidyApplication

APPROVED = [
    ApplicationStatus.APPROVED,
    ApplicationStatus.IN_PUBLICITY,
    ApplicationStatus.PUBLICIZED,
    ApplicationStatus.PAID,
]


def _applications(region: str, first: date | None, last: date | None) -> object:
    return SubsidyApplication.objects.filter(
        span("farm__region_id", region, "submitted_at", first, last, timestamp=True)
    )


def application_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return cells(_applications(region, first, last), day="submitted_at", place="farm__region_id")


def approved_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # counted on the day of application: the final review keeps no date of its own
    rows = _applications(region, first, last).filter(status__in=APPROVED)
    return cells(rows, day="submitted_at", place="farm__region_id", value=Sum("allocated"))


def paid_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Payment.objects.filter(
        span("application__farm__region_id", region, "paid_on", first, last, timestamp=False)
    )
    return cells(
        rows,
        day="paid_on",
        place="application__farm__region_id",
        value=Sum("amount"),
        timestamp=False,
    )


APPLICATIONS = Measure("subsidy_applications", application_facts)
APPROVED_AMOUNT = Measure("subsidy_approved", approved_facts)
PAID = Measure("subsidy_paid", paid_facts)

SOURCE = _("先打后补补助申请与拨付")
INDICATORS = (
    Indicator(
        "subsidy_applications",
        _("补助申请"),
        _("件"),
        _("期内提交的先打后补补助申请数"),
        SOURCE,
        APPLICATIONS,
        order=50,
    ),
    Indicator(
        "subsidy_approved",
        _("核定补助金额"),
        _("元"),
        _("期内申请中终审通过的实补金额"),
        SOURCE,
        APPROVED_AMOUNT,
        order=51,
    ),
    Indicator(
        "subsidy_paid", _("拨付补助金额"), _("元"), _("期内拨付的补助金额"), SOURCE, PAID, order=52
    ),
)
