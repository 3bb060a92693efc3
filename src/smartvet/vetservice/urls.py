app_name = "vetservice"

urlpatterns: list = []

# H2: the hotline desk, the daily reports and the monthly meetings.
from django.urls import path  # noqa: E402

from smartvet.vetservice.views import hotline, meetings, reports  # noqa: E402

urlpatterns += [
    path("services/hotline/", hotline.desk, name="hotline"),
    path("services/hotline/new/", hotline.new_ticket, name="hotline-new"),
    path("services/hotline/export.xlsx", hotline.export, name="hotline-export"),
    path("services/hotline/<int:ticket_id>/", hotline.ticket_detail, name="hotline-ticket"),
    path(
        "services/hotline/<int:ticket_id>/<str:action>/",
        hotline.ticket_action,
        name="hotline-action",
    ),
    path("services/daily-reports/", reports.report_list, name="daily-reports"),
    path("services/daily-reports/new/", reports.report_form, name="daily-report-new"),
    path("services/daily-reports/export.xlsx", reports.report_export, name="daily-reports-export"),
    path("services/daily-reports/missing/", reports.missing, name="daily-reports-missing"),
    path(
        "services/daily-reports/missing.xlsx",
        reports.missing_export,
        name="daily-reports-missing-export",
    ),
    path("services/daily-reports/<int:report_id>/", reports.report_detail, name="daily-report"),
    path("services/meetings/", meetings.meeting_list, name="meetings"),
    path("services/meetings/export.xlsx", meetings.meeting_export, name="meetings-export"),
    path("services/meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("services/meetings/<int:meeting_id>/record/", meetings.record, name="meeting-record"),
]
