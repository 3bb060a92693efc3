"""Issue 12's two certificate rules, judged by the hourly sweep: a certificate (or its tags)
used in a county its journey does not go through, and a certificate past validity that never
arrived, each open one alert in the origin county, seen by that county's supervisor and CDC
and by no other county; a second sweep does not open another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.quarantine import queries as quarantine_queries
from smartvet.quarantine import services as quarantine
from smartvet.quarantine.commands import CheckIn
from smartvet.quarantine.models import Certificate
from smartvet.surveillance.models import Alert
from smartvet.surveillance.queries.alerts import alerts_visible_to
from tests.quarantine import factories as q
from tests.support.personas import PASSWORD

YILING, JIYUAN = "420506", "419001"


@pytest.fixture
def certificate(personas):
    q.stock_tags(personas)
    farm = q.ready_farm(personas)
    declaration = q.declare(personas.farmer_longquan, farm, q.tags(1, 5))
    return q.certify(personas, declaration)


def check(actor, certificate):
    return quarantine.record_checkpoint_check(
        actor=actor,
        number=certificate.number,
        command=q.command(CheckIn, vehicle=certificate.vehicle, count_seen=certificate.quantity),
    )


def jiyuan_checkpoint():
    return create_account(
        actor=None,
        username="checkpoint_jiyuan",
        password=PASSWORD,
        role=Role.CHECKPOINT,
        region=JIYUAN,
        display_name="济源市指定通道检查站",
        organization="济源市指定通道检查站",
    )


def sweep_twice(code: str) -> Alert:
    call_command("surveillance_sweep")
    call_command("surveillance_sweep")
    (alert,) = Alert.objects.filter(rule__code=code)
    return alert


def assert_seen_by_the_county_only(personas, alert):
    assert alert.region_id == YILING and alert.status == "open"
    for who in (personas.county_supervisor, personas.cdc, personas.bureau):
        assert list(alerts_visible_to(who).filter(rule=alert.rule)) == [alert], who.username
    assert not alerts_visible_to(personas.jiyuan_bureau).filter(rule=alert.rule).exists()
    assert not alerts_visible_to(personas.station_longquan).filter(rule=alert.rule).exists()


def test_a_certificate_checked_in_another_county_alerts_its_own_county_once(personas, certificate):
    check(personas.checkpoint, certificate)  # 夷陵区: on its journey, not counted
    call_command("surveillance_sweep")
    assert not Alert.objects.filter(rule__code="tags-out-of-county").exists()
    check(jiyuan_checkpoint(), certificate)
    alert = sweep_twice("tags-out-of-county")
    assert_seen_by_the_county_only(personas, alert)
    assert alert.observed == 1 and "1张检疫证明" in alert.summary
    assert alert.updates == 1  # the second sweep updated it, opened none


def test_only_uses_outside_origin_and_destination_counties_count(personas, certificate):
    check(personas.checkpoint, certificate)
    since = timezone.now() - timedelta(days=7)
    assert quarantine_queries.certificates_used_outside_county(county=YILING, since=since) == []
    check(jiyuan_checkpoint(), certificate)
    used = quarantine_queries.certificates_used_outside_county(county=YILING, since=since)
    assert used == [certificate]
    assert quarantine_queries.certificates_used_outside_county(county=JIYUAN, since=since) == []
    later = timezone.now() + timedelta(minutes=1)
    assert quarantine_queries.certificates_used_outside_county(county=YILING, since=later) == []


def test_a_certificate_past_validity_with_no_arrival_alerts_its_county_once(personas, certificate):
    call_command("surveillance_sweep")
    assert not Alert.objects.filter(rule__code="certificates-not-arrived").exists()
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - timedelta(hours=25)
    )
    alert = sweep_twice("certificates-not-arrived")
    assert_seen_by_the_county_only(personas, alert)
    assert alert.observed == 1 and "过有效期仍未落地" in alert.summary
    assert alert.updates == 1


def test_overdue_means_past_validity_plus_the_arrival_report_hours(personas, certificate):
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=now - timedelta(hours=23))
    assert quarantine_queries.certificates_overdue_for_arrival(county=YILING, now=now) == []
    later = now + timedelta(hours=2)
    overdue = quarantine_queries.certificates_overdue_for_arrival(county=YILING, now=later)
    assert overdue == [certificate]
    assert quarantine_queries.certificates_overdue_for_arrival(county=JIYUAN, now=later) == []


def test_an_arrived_certificate_is_not_overdue(personas, certificate):
    q.enter(personas, certificate, q.tags(1, 5))
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - timedelta(days=3)
    )
    call_command("surveillance_sweep")
    assert not Alert.objects.filter(rule__code="certificates-not-arrived").exists()
