from django.urls import path

from smartvet.surveillance.views import alerts, lab, outbreaks, reports, rules

app_name = "surveillance"

urlpatterns = [
    path("surveillance/report/", reports.report_form, name="report-form"),
    path("surveillance/reports/", reports.report_list, name="report-list"),
    path("surveillance/reports/<int:report_id>/", reports.report_detail, name="report"),
    path(
        "surveillance/reports/<int:report_id>/photos/", reports.report_photos, name="report-photos"
    ),
    path("surveillance/photos/<int:photo_id>/<str:size>.jpg", reports.photo, name="photo"),
    path("surveillance/zero/", reports.zero_reports, name="zero"),
    path("surveillance/zero/report/", reports.zero_report, name="zero-report"),
    path("surveillance/alerts/", alerts.board, name="alerts"),
    path("surveillance/alerts/<int:alert_id>/", alerts.detail, name="alert"),
    path(
        "surveillance/alerts/<int:alert_id>/acknowledge/",
        alerts.acknowledge,
        name="alert-acknowledge",
    ),
    path(
        "surveillance/alerts/<int:alert_id>/investigate/",
        alerts.investigate,
        name="alert-investigate",
    ),
    path("surveillance/alerts/<int:alert_id>/close/", alerts.close, name="alert-close"),
    path("surveillance/rules/", rules.rule_list, name="rules"),
    path("surveillance/rules/<int:rule_id>/", rules.rule_detail, name="rule"),
    path("surveillance/lab/", lab.lab_page, name="lab"),
    path("surveillance/lab/results/", lab.new_result, name="lab-result-new"),
    path("surveillance/lab/plans/", lab.new_plan, name="lab-plan-new"),
    path("surveillance/lab/results/<int:result_id>/", lab.result_detail, name="result"),
    path("surveillance/outbreaks/", outbreaks.event_list, name="outbreaks"),
    path("surveillance/outbreaks/<int:event_id>/", outbreaks.event_detail, name="outbreak"),
    path(
        "surveillance/outbreaks/<int:event_id>/export.<str:fmt>",
        outbreaks.event_export,
        name="outbreak-export",
    ),
    path(
        "surveillance/outbreaks/<int:event_id>/<str:action>/",
        outbreaks.event_action,
        name="outbreak-action",
    ),
]
