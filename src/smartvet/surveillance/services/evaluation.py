"""Evaluation of the alert rules after each new report or lab result (run by a background
task once the report is committed, never on a page view): each rule in force at the place
judges today's window; an alarm opens an alert, or updates the rule's open alert of that
place (one open alert per rule and region), and routes it to the responsible accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.queries import accounts_who_may, region_label
from smartvet.quarantine import queries as quarantine_queries
from smartvet.registry.models import Farm
from smartvet.surveillance import detection, rules, sms
from smartvet.surveillance.models import (
    Alert,
    AlertEntry,
    AlertNotice,
    AlertRule,
    AlertStatus,
    Indicator,
    LabResult,
    Report,
    ReportKind,
    Severity,
)
from smartvet.surveillance.permissions import RECEIVE_ALERTS
from smartvet.surveillance.queries import series
from smartvet.surveillance.queries.policy import policy_for
from smartvet.surveillance.queries.reports import missing_zero_reports
from smartvet.surveillance.queries.rules import rules_in_force

COUNT_INDICATORS = (Indicator.DEATHS, Indicator.SICK)


@dataclass(frozen=True)
class Finding:
    rule: AlertRule
    place: str
    judgement: detection.Judgement
    farm: Farm | None
    summary: str


def judge_counts(rule: AlertRule, place: str, today: date) -> detection.Judgement:
    """The rule's verdict on the window ending today at `place` (deaths or sick animals)."""
    days = detection.days_needed(rule.method, rule.window_days, rule.parameters)
    start = today - timedelta(days=days - 1)
    counts = series.daily_counts(rule.indicator, place, start, today)
    return detection.judge(
        rule.method,
        rule.parameters,
        rules.daily_series(counts, today, days),
        window=rule.window_days,
        min_count=rule.min_count,
    )


def _summary(rule: AlertRule, place: str, judgement: detection.Judgement) -> str:
    text = _("%(place)s：%(rule)s，观测%(observed)s") % {
        "place": region_label(place),
        "rule": rule.name,
        "observed": f"{judgement.observed:g}",
    }
    if judgement.expected is not None:
        text += _("，期望%(expected).1f") % {"expected": judgement.expected}
    return text


def findings_for_report(report: Report, today: date) -> list[Finding]:
    if report.kind == ReportKind.ZERO:
        return []
    found = []
    for rule in rules_in_force(report.region_id, COUNT_INDICATORS):
        place = rules.place_at(report.region_id, rule.region_level)
        if place is None:
            continue
        judgement = judge_counts(rule, place, today)
        if judgement.alarm:
            found.append(
                Finding(rule, place, judgement, report.farm, _summary(rule, place, judgement))
            )
    return found


def findings_for_result(result: LabResult, today: date) -> list[Finding]:
    if result.positive is None:
        return []
    farm = result.farm
    found = []
    indicator = (
        Indicator.POSITIVE_RESULTS
        if result.kind == LabResult.Kind.PATHOGEN
        else Indicator.ANTIBODY_PASS_RATE
    )
    for rule in rules_in_force(farm.region_id, [indicator]):
        place = rules.place_at(farm.region_id, rule.region_level)
        if place is None:
            continue
        if indicator == Indicator.POSITIVE_RESULTS:
            start = today - timedelta(days=rule.window_days - 1)
            observed = float(series.positives(place, start, today))
            alarm = detection.fixed_threshold(
                observed, threshold=rule.parameters.get("threshold", 1)
            )
            judgement = detection.Judgement(observed, None, alarm and observed >= rule.min_count)
            summary = _("%(place)s：%(farm)s %(disease)s检测阳性%(n)d份") % {
                "place": region_label(place),
                "farm": farm.name,
                "disease": result.get_disease_display(),
                "n": result.positive,
            }
        else:
            rate = 100.0 * result.positive / result.samples
            alarm = detection.below(rate, threshold=rule.parameters.get("threshold", 70))
            judgement = detection.Judgement(rate, rule.parameters.get("threshold", 70), alarm)
            summary = _("%(farm)s %(disease)s免疫抗体合格率%(rate).1f%%") % {
                "farm": farm.name,
                "disease": result.get_disease_display(),
                "rate": rate,
            }
        if judgement.alarm:
            found.append(Finding(rule, place, judgement, farm, summary))
    return found


def findings_for_missing_zero_reports(township: str, day: date) -> list[Finding]:
    """The zero-reporting rule for one township and the period before `day`'s (a period is
    judged once it is over: a village still has the current one to report in)."""
    found = []
    for rule in rules_in_force(township, [Indicator.ZERO_REPORTS_MISSING]):
        schedule = policy_for(township)["ZERO_REPORT_SCHEDULE"]
        previous = rules.period_start(day, schedule) - timedelta(days=1)
        missing = missing_zero_reports(township, previous)
        summary = _("%(place)s：上期%(n)d个村未报疫情零报告") % {
            "place": region_label(township),
            "n": missing,
        }
        finding = _count_finding(rule, township, missing, summary)
        if finding is not None:
            found.append(finding)
    return found


def _count_finding(rule: AlertRule, place: str, count: int, summary: str) -> Finding | None:
    """A rule counting cases at one place (missing reports, certificates): an alarm at the
    threshold once the count reaches the rule's minimum."""
    observed = float(count)
    threshold = rule.parameters.get("threshold", 1)
    if not (detection.fixed_threshold(observed, threshold=threshold) and count >= rule.min_count):
        return None
    return Finding(rule, place, detection.Judgement(observed, None, True), None, summary)


def findings_for_certificates(county: str, now: datetime) -> list[Finding]:
    """The county's certificates used outside the county (within the rule's window) and its
    certificates past validity with no arrival: judged hourly by the sweep, since no single
    report or result triggers them."""
    found = []
    for rule in rules_in_force(
        county, [Indicator.TAGS_OUT_OF_COUNTY, Indicator.CERTIFICATES_NOT_ARRIVED]
    ):
        if rule.indicator == Indicator.TAGS_OUT_OF_COUNTY:
            since = now - timedelta(days=rule.window_days)
            certificates = quarantine_queries.certificates_used_outside_county(
                county=county, since=since
            )
            words = _("%(place)s：%(n)d张检疫证明（含其耳标）在启运地和到达地以外的县使用")
        else:
            certificates = quarantine_queries.certificates_overdue_for_arrival(
                county=county, now=now
            )
            words = _("%(place)s：%(n)d张检疫证明已过有效期仍未落地")
        summary = words % {"place": region_label(county), "n": len(certificates)}
        finding = _count_finding(rule, county, len(certificates), summary)
        if finding is not None:
            found.append(finding)
    return found


def raise_alerts(findings: list[Finding]) -> list[Alert]:
    alerts = []
    for finding in findings:
        try:
            alert = _raise(finding)
        except IntegrityError:  # another worker opened it between our read and our write
            alert = _raise(finding)
        if alert is not None:
            alerts.append(alert)
    return alerts


@transaction.atomic(durable=True)
def _raise(finding: Finding) -> Alert | None:
    now = timezone.now()
    rule, place, judgement = finding.rule, finding.place, finding.judgement
    current = (
        Alert.objects.select_for_update()
        .filter(rule=rule, region_id=place)
        .exclude(status=AlertStatus.CLOSED)
        .first()
    )
    if current is not None:
        return _update(current, finding, now)
    cooling = now - timedelta(hours=rule.cooldown_hours)
    if Alert.objects.filter(rule=rule, region_id=place, closed_at__gt=cooling).exists():
        return None
    with transaction.atomic():  # a savepoint: a lost race leaves the outer block usable
        alert = Alert.objects.create(
            rule=rule,
            region_id=place,
            farm=finding.farm,
            severity=rule.severity,
            observed=judgement.observed,
            expected=judgement.expected,
            summary=finding.summary,
            opened_at=now,
            updated_at=now,
        )
    AlertEntry.objects.create(alert=alert, kind="opened", at=now, text=finding.summary)
    told = _route(alert, now)
    ledger.record(
        actor=None,
        action="alert.opened",
        obj=alert,
        region=place,
        summary={"rule": rule.code, "observed": judgement.observed, "told": len(told)},
    )
    transaction.on_commit(lambda: _notify(alert, told), robust=True)
    return alert


def _update(alert: Alert, finding: Finding, now) -> Alert:  # type: ignore[no-untyped-def]
    judgement = finding.judgement
    alert.observed = judgement.observed
    alert.expected = judgement.expected
    alert.summary = finding.summary
    alert.updated_at = now
    alert.updates += 1
    alert.farm = alert.farm or finding.farm
    alert.save(update_fields=["observed", "expected", "summary", "updated_at", "updates", "farm"])
    AlertEntry.objects.create(alert=alert, kind="updated", at=now, text=finding.summary)
    ledger.record(
        actor=None,
        action="alert.updated",
        obj=alert,
        region=alert.region_id,
        summary={"rule": alert.rule.code, "observed": judgement.observed},
    )
    return alert


def recipients(alert: Alert):  # type: ignore[no-untyped-def]
    """The accounts of the regions the alert is routed to: the place's township station, the
    county's supervisor and CDC; the province's for a severe alert or a province-level rule."""
    level = alert.rule.routing_level
    if alert.severity == Severity.HIGH:
        level = "province"
    routed = rules.routed_to(alert.region_id, level)
    return accounts_who_may(RECEIVE_ALERTS, region=routed[-1]).filter(region_id__in=routed)


def _route(alert: Alert, now) -> list[int]:  # type: ignore[no-untyped-def]
    accounts = list(recipients(alert).only("pk"))
    AlertNotice.objects.bulk_create(
        [AlertNotice(alert=alert, account=a, at=now) for a in accounts], ignore_conflicts=True
    )
    return [a.pk for a in accounts]


def _notify(alert: Alert, account_ids: list[int]) -> None:
    """After the commit: an email to each account that has an address, an SMS to each that
    has a phone (through the adaptor); what was sent is marked on the notice."""
    from smartvet.core.models import User

    subject = _("【预警】%(summary)s") % {"summary": alert.summary}
    body = _("%(summary)s\n级别：%(severity)s\n请登录平台确认并处置：%(path)s") % {
        "summary": alert.summary,
        "severity": alert.get_severity_display(),
        "path": reverse("surveillance:alert", args=[alert.pk]),
    }
    gateway = sms.backend()
    for account in User.objects.filter(pk__in=account_ids):
        emailed = bool(account.email) and bool(
            send_mail(subject, body, None, [account.email], fail_silently=True)
        )
        texted = bool(account.phone) and gateway.send(account.phone, subject)
        if emailed or texted:
            AlertNotice.objects.filter(alert=alert, account=account).update(
                emailed=emailed, texted=texted
            )
