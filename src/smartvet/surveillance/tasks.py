"""Background evaluation of the alert rules (django-tasks): enqueued when a report or a lab
result is committed, so an alert follows within a minute and no page view ever evaluates."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from smartvet.surveillance.models import LabResult, Report
from smartvet.surveillance.services import evaluation


@task()
def evaluate_report(report_id: int) -> int:
    report = Report.objects.select_related("farm").filter(pk=report_id).first()
    if report is None:
        return 0
    findings = evaluation.findings_for_report(report, timezone.localdate())
    return len(evaluation.raise_alerts(findings))


@task()
def evaluate_result(result_id: int) -> int:
    result = LabResult.objects.select_related("farm").filter(pk=result_id).first()
    if result is None:
        return 0
    findings = evaluation.findings_for_result(result, timezone.localdate())
    return len(evaluation.raise_alerts(findings))
