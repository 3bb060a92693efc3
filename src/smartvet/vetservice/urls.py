from django.urls import path

from smartvet.vetservice.views import agreements, catalogue, orders, providers, statements

app_name = "vetservice"

urlpatterns: list = [
    path("services/", orders.order_list, name="orders"),
    path("services/orders/export.xlsx", orders.order_export, name="order-export"),
    path("services/orders/new/", orders.order_create, name="order-new"),
    path("services/orders/<int:order_id>/", orders.order_detail, name="order"),
    path("services/orders/<int:order_id>/<str:action>/", orders.order_action, name="order-action"),
    path("services/today/", orders.day_list, name="day"),
    path("services/board/", orders.board, name="board"),
    path("services/agreements/", agreements.agreement_list, name="agreements"),
    path("services/agreements/new/", agreements.agreement_create, name="agreement-new"),
    path("services/agreements/<int:agreement_id>/", agreements.agreement_detail, name="agreement"),
    path(
        "services/agreements/<int:agreement_id>/<str:action>/",
        agreements.agreement_action,
        name="agreement-action",
    ),
    path("services/statements/", statements.statement_list, name="statements"),
    path("services/statements/prepare/", statements.statement_prepare, name="statement-prepare"),
    path("services/statements/<int:statement_id>/", statements.statement_detail, name="statement"),
    path(
        "services/statements/<int:statement_id>.xlsx",
        statements.statement_xlsx,
        name="statement-xlsx",
    ),
    path(
        "services/statements/<int:statement_id>.pdf", statements.statement_pdf, name="statement-pdf"
    ),
    path(
        "services/statements/<int:statement_id>/<str:action>/",
        statements.statement_action,
        name="statement-action",
    ),
    path("services/catalogue/", catalogue.catalogue, name="catalogue"),
    path("services/roster/", catalogue.roster, name="roster"),
    path("services/roster/export.xlsx", catalogue.roster_export, name="roster-export"),
    path("services/providers/new/", providers.provider_form, name="provider-new"),
    path("services/providers/<int:provider_id>/", providers.provider_form, name="provider"),
    path("services/roster/new/", providers.vaccinator_form, name="vaccinator-new"),
    path("services/roster/<int:vaccinator_id>/", providers.vaccinator_form, name="vaccinator"),
    path(
        "services/roster/<int:vaccinator_id>/<str:record>/",
        providers.vaccinator_record,
        name="vaccinator-record",
    ),
]

# H2: the hotline desk, the daily reports and the monthly meetings.
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
