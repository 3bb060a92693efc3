"""The issue's "done when": a burst of deaths in one village raises exactly one alert, seen
by that village's station, the county supervisor and the CDC and by no other township; a
positive FMD result alerts at once."""

from __future__ import annotations

from django.core import mail

from smartvet.core.models import LedgerEvent
from smartvet.surveillance.models import Alert, AlertNotice
from smartvet.surveillance.queries.alerts import alerts_visible_to
from tests.surveillance import factories


def test_a_burst_of_deaths_raises_one_alert_seen_by_the_village_s_station_county_and_cdc(
    personas, farm, evaluated
):
    p = personas
    for _ in range(5):
        evaluated(factories.death_report, p.station_longquan, farm, dead=2)
    (alert,) = Alert.objects.all()
    assert alert.rule.code == "village-deaths-7d"
    assert alert.region_id == farm.region_id and alert.status == "open"
    assert alert.observed == 10 and alert.updates == 2  # opened at 6 deaths, updated twice
    for who in (p.station_longquan, p.county_supervisor, p.cdc, p.vet_longquan, p.bureau):
        assert list(alerts_visible_to(who)) == [alert], who.username
    assert not alerts_visible_to(p.station_yaqueling).exists()
    assert not alerts_visible_to(p.vet_yaqueling).exists()
    told = set(AlertNotice.objects.values_list("account__username", flat=True))
    assert told == {"station_longquan", "county_supervisor", "cdc", "bureau"}
    actions = list(
        LedgerEvent.objects.filter(action__startswith="alert.").values_list("action", flat=True)
    )
    assert actions == ["alert.opened", "alert.updated", "alert.updated"]


def test_deaths_below_the_minimum_raise_nothing(personas, farm, evaluated):
    evaluated(factories.death_report, personas.station_longquan, farm, dead=4)
    assert not Alert.objects.exists()


def test_a_positive_fmd_result_alerts_at_once_up_to_the_province(personas, farm, evaluated):
    evaluated(factories.lab_result, personas.cdc, farm, disease="FMD", positive=1)
    (alert,) = Alert.objects.all()
    assert alert.rule.code == "notifiable-positive" and alert.severity == "high"
    assert "口蹄疫" in alert.summary
    assert list(alerts_visible_to(personas.station_longquan)) == [alert]


def test_a_negative_result_raises_nothing(personas, farm, evaluated):
    evaluated(factories.lab_result, personas.cdc, farm, positive=0)
    assert not Alert.objects.exists()


def test_an_antibody_pass_rate_under_70_percent_alerts(personas, farm, evaluated):
    evaluated(factories.lab_result, personas.cdc, farm, kind="antibody", samples=20, positive=13)
    (alert,) = Alert.objects.all()
    assert alert.rule.code == "antibody-pass-rate" and alert.observed == 65.0


def test_the_recipients_with_an_address_get_an_email(personas, farm, evaluated):
    personas.cdc.email = "cdc@example.cn"
    personas.cdc.save(update_fields=["email"])
    evaluated(factories.lab_result, personas.cdc, farm, positive=2)
    assert [m.to for m in mail.outbox] == [["cdc@example.cn"]]
    assert "口蹄疫" in mail.outbox[0].subject
    assert AlertNotice.objects.get(account=personas.cdc).emailed


class Recorder:
    sent: list = []

    def send(self, phone, text):
        Recorder.sent.append((phone, text))
        return True


def test_the_sms_adaptor_named_by_the_setting_is_called(personas, farm, evaluated, settings):
    settings.SMARTVET_SMS_BACKEND = "tests.surveillance.test_alerts.Recorder"
    Recorder.sent = []
    personas.station_longquan.phone = "13900001111"
    personas.station_longquan.save(update_fields=["phone"])
    evaluated(factories.lab_result, personas.cdc, farm, positive=1)
    assert [phone for phone, _text in Recorder.sent] == ["13900001111"]
    assert AlertNotice.objects.get(account=personas.station_longquan).texted


def test_a_closed_alert_is_not_reopened_within_the_cooldown(personas, farm, evaluated):
    from smartvet.core.commands import parse
    from smartvet.surveillance.commands import CloseIn
    from smartvet.surveillance.services import alerts

    for _ in range(3):
        evaluated(factories.death_report, personas.station_longquan, farm, dead=2)
    (alert,) = Alert.objects.all()
    alerts.close(
        actor=personas.cdc, alert_id=alert.pk, command=parse(CloseIn, {"outcome": "confirmed"})
    )
    evaluated(factories.death_report, personas.station_longquan, farm, dead=2)
    assert Alert.objects.count() == 1  # 24 hours of cooldown after the close
