"""Reads of the vaccinators' daily reports: the records of a day a report is filled from,
the reports in reach, and who on the roster has not reported (the station's list).

`records_of_day` reads the day's immunizations and fittings through those apps' queries; it
serves the account's own report only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import require, within
from smartvet.core.models import User
from smartvet.eartags.queries import fittings_by
from smartvet.immunization.queries import immunizations_performed_by
from smartvet.vetservice import rules
from smartvet.vetservice.models import (
    DailyReport,
    LineSource,
    Vaccinator,
)
from smartvet.vetservice.queries.orders import orders_done_by
from smartvet.vetservice.reports_permissions import CHECK_DAILY_REPORTS, VIEW_DAILY_REPORTS


@dataclass(frozen=True)
class RecordLine:
    """One line of a day's records, as the report copies it."""

    source: str
    farm_id: int | None
    text: str
    quantity: int
    ref: str


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _immunization_lines(account: User, day: date) -> list[RecordLine]:
    rows = immunizations_performed_by(account, day)
    return [
        RecordLine(
            LineSource.IMMUNIZATION,
            row.farm_id,
            _("%(farm)s：%(disease)s免疫%(animals)s头（只），用苗%(doses)s头份")
            % {
                "farm": row.farm.name,
                "disease": row.get_disease_display(),
                "animals": row.animals,
                "doses": row.doses,
            },
            row.animals,
            f"immunization:{row.pk}",
        )
        for row in rows
    ]


def _fitting_lines(account: User, day: date) -> list[RecordLine]:
    rows = fittings_by(account, *_day_span(day))
    return [
        RecordLine(
            LineSource.EARTAGS,
            row["farm_id"],
            _("%(farm)s：佩戴耳标%(n)s枚") % {"farm": row["farm__name"], "n": row["tags"]},
            row["tags"],
            f"fitted:{row['farm_id']}:{day.isoformat()}",
        )
        for row in rows
    ]


def _order_lines(account: User, day: date) -> list[RecordLine]:
    """Orders done that day; an immunization order's work is already its immunization line."""
    rows = orders_done_by(account, day).filter(immunization=None)
    return [
        RecordLine(
            LineSource.ORDER,
            row.farm_id,
            _("%(farm)s：%(service)s（订单%(number)s）")
            % {"farm": row.farm.name, "service": row.service.name, "number": row.number},
            row.quantity or row.animals,
            f"order:{row.pk}",
        )
        for row in rows
    ]


def records_of_day(account: User, day: date) -> list[RecordLine]:
    """What the account recorded on `day`: immunizations, tags fitted (by farm), orders done.
    For the account's own report (the service passes the actor itself)."""
    return [
        *_immunization_lines(account, day),
        *_fitting_lines(account, day),
        *_order_lines(account, day),
    ]


def reports_visible_to(
    actor: User, *, day: date | None = None, kind: str = "", region: str = "", q: str = ""
) -> QuerySet[DailyReport]:
    require(actor, VIEW_DAILY_REPORTS)
    reports = DailyReport.objects.visible_to(actor).select_related("vaccinator", "region")
    if day is not None:
        reports = reports.filter(day=day)
    if kind:
        reports = reports.filter(kind=kind)
    if region and regions.level_of(region):
        reports = reports.filter(within("region_id", region))
    if q:
        reports = reports.filter(
            Q(vaccinator__display_name__contains=q) | Q(vaccinator__username=q)
        )
    # An aggregate drops Meta.ordering: the pages paginate, so the order is named.
    return reports.annotate(line_count=Count("lines")).order_by("-day", "vaccinator_id")


def report(actor: User, report_id: int) -> DailyReport:
    require(actor, VIEW_DAILY_REPORTS)
    return DailyReport.objects.select_related("vaccinator", "region").get_visible(
        actor, id=report_id
    )


def own_report(account: User, day: date) -> DailyReport | None:
    return DailyReport.objects.filter(vaccinator=account, day=day).first()


@dataclass(frozen=True)
class Missing:
    """A vaccinator on the roster who owed a report for the day and sent none."""

    entry: Vaccinator
    last_report: date | None


def not_reported(actor: User, day: date, *, region: str = "") -> list[Missing]:
    """The station's list: roster vaccinators in reach, on duty that weekday, with no report
    (work or 零报告) for `day`, each with the day of its last report."""
    require(actor, CHECK_DAILY_REPORTS)
    entries = (
        Vaccinator.objects.visible_to(actor)
        .filter(on_roster=True, account__is_active=True)
        .exclude(account__in=DailyReport.objects.filter(day=day).values("vaccinator_id"))
        .select_related("account", "account__region", "provider")
        .order_by("account__region_id", "account__username")
    )
    if region and regions.level_of(region):
        entries = entries.filter(within("account__region_id", region))
    due = [entry for entry in entries if rules.on_duty(entry.duty_days, day)]
    last = dict(
        DailyReport.objects.filter(vaccinator__in=[e.account_id for e in due], day__lt=day)
        .values("vaccinator_id")
        .annotate(last=Max("day"))
        .values_list("vaccinator_id", "last")
    )
    return [Missing(entry, last.get(entry.account_id)) for entry in due]
