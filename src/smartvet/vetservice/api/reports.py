"""The daily reports' API: a vaccinator sends the day's report (or a 零报告); the station
reads who has not reported."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.pagination import Page
from smartvet.vetservice.queries import reports as queries
from smartvet.vetservice.reports_commands import SendDailyReport
from smartvet.vetservice.services import reports as services

router = Router(tags=["vetservice"])


class ReportLineOut(Schema):
    source: str
    farm: int | None
    text: str
    quantity: int | None


class DailyReportOut(Schema):
    id: int
    vaccinator: str
    day: date
    kind: str
    notes: str
    submitted_at: datetime
    lines: list[ReportLineOut]


class MissingOut(Schema):
    vaccinator: str
    name: str
    region: str
    provider: str
    last_report: date | None


def _report_out(report) -> dict:
    return {
        "id": report.pk,
        "vaccinator": report.vaccinator.username,
        "day": report.day,
        "kind": report.kind,
        "notes": report.notes,
        "submitted_at": report.submitted_at,
        "lines": [
            {
                "source": line.source,
                "farm": line.farm_id,
                "text": line.text,
                "quantity": line.quantity,
            }
            for line in report.lines.all()
        ],
    }


@router.post(
    "/services/daily-reports", response={201: DailyReportOut}, summary="防疫员日报（含零报告）"
)
def send_daily_report(request, payload: SendDailyReport):
    report = services.send_daily_report(actor=request.auth, command=payload)
    return Status(201, _report_out(report))


@router.get(
    "/services/daily-reports/missing", response=list[MissingOut], summary="当日未报告的防疫员"
)
@paginate(Page)
def missing_reports(request, day: date | None = None):
    missing = queries.not_reported(request.auth, day or timezone.localdate())
    return [
        {
            "vaccinator": item.entry.account.username,
            "name": item.entry.account.display_name,
            "region": item.entry.account.region_id,
            "provider": item.entry.provider.name if item.entry.provider else "",
            "last_report": item.last_report,
        }
        for item in missing
    ]
