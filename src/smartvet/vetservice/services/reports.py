"""日报告制度: a vaccinator sends the report of a day, filled from its records of the day plus
its own lines, or a 零报告 when there was nothing. One report a day; a day without one is a
missing report (queries.reports.not_reported)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.vetservice import reports_rules
from smartvet.vetservice.models import DailyReport, DailyReportLine, LineSource, ReportKind
from smartvet.vetservice.queries import reports as queries
from smartvet.vetservice.reports_commands import SendDailyReport
from smartvet.vetservice.reports_permissions import SEND_DAILY_REPORT


def _day_message(problem: str) -> str:
    if problem == "future":
        return _("不能提交今后日期的日报")
    return _("只能补报最近%(n)s天的日报") % {"n": reports_rules.REPORT_BACKDATE_DAYS}


def _refuse(code: str, message, status: int = 422) -> DomainError:
    return DomainError(
        code, message, [{"field": "day", "code": code, "message": str(message)}], status=status
    )


@transaction.atomic(durable=True)
def send_daily_report(*, actor: User, command: SendDailyReport) -> DailyReport:
    require(actor, SEND_DAILY_REPORT)
    problem = reports_rules.report_day_problem(command.day, timezone.localdate())
    if problem:
        raise _refuse("REPORT_DAY_INVALID", _day_message(problem))
    if queries.own_report(actor, command.day) is not None:
        raise _refuse("DAILY_REPORT_EXISTS", _("该日的日报已提交"), status=409)
    records = queries.records_of_day(actor, command.day)
    problem = reports_rules.report_kind_problem(
        zero=command.zero, records=len(records), own_lines=len(command.lines)
    )
    if problem == "zero_with_work":
        raise _refuse(
            "ZERO_REPORT_WITH_WORK", _("当天已有工作记录或填写了工作内容，不能提交零报告")
        )
    if problem == "empty":
        raise _refuse(
            "REPORT_EMPTY", _("当天没有工作记录，也没有填写工作内容：无事可报请提交零报告")
        )
    report = DailyReport.objects.create(
        vaccinator=actor,
        region_id=actor.region_id,
        day=command.day,
        kind=ReportKind.ZERO if command.zero else ReportKind.WORK,
        notes=command.notes,
        submitted_at=timezone.now(),
    )
    DailyReportLine.objects.bulk_create(
        [
            DailyReportLine(
                report=report,
                source=line.source,
                farm_id=line.farm_id,
                text=line.text[:200],
                quantity=line.quantity,
                ref=line.ref,
            )
            for line in records
        ]
        + [
            DailyReportLine(
                report=report, source=LineSource.OWN, text=line.text, quantity=line.quantity
            )
            for line in command.lines
        ]
    )
    ledger.record(
        actor=actor,
        action="vetservice.daily_report_sent",
        obj=report,
        region=actor.region_id,
        summary={
            "day": command.day,
            "kind": report.kind,
            "records": len(records),
            "own_lines": len(command.lines),
        },
    )
    return report
