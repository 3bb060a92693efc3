"""Alert rules as data: the defaults with their source; a county's own version takes the
default's place there and nowhere else; a township does not set rules; PPV and backtest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from smartvet.core.commands import parse
from smartvet.core.errors import PermissionDenied
from smartvet.surveillance.commands import CloseIn, RuleIn
from smartvet.surveillance.models import AlertRule, Report
from smartvet.surveillance.queries import backtest
from smartvet.surveillance.queries.rules import rule, rules_for, rules_in_force
from smartvet.surveillance.services import alerts, evaluation
from smartvet.surveillance.services.rules import edit_rule
from tests.surveillance import factories

DEFAULT_CODES = {
    "village-deaths-7d",
    "notifiable-positive",
    "antibody-pass-rate",
    "tags-out-of-county",
    "certificates-not-arrived",
    "zero-reports-missing",
}


def _values(base, **changes):
    values = {
        field: getattr(base, field)
        for field in (
            "name",
            "region_level",
            "window_days",
            "method",
            "parameters",
            "min_count",
            "severity",
            "routing_level",
            "cooldown_hours",
            "source",
            "active",
        )
    }
    return parse(RuleIn, {**values, **changes})


def test_the_defaults_are_in_force_everywhere_with_their_source(db):
    rules = rules_in_force("420506107201")
    assert {r.code for r in rules} == DEFAULT_CODES
    assert all(r.source and r.region_id == "CN" for r in rules)


def test_a_county_s_version_replaces_the_default_there_only(personas):
    default = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    own = edit_rule(actor=personas.cdc, rule_id=default.pk, command=_values(default, min_count=9))
    assert own.region_id == "420506" and own.pk != default.pk
    (here,) = rules_in_force("420506107201", ["deaths"])
    (there,) = rules_in_force("419001100201", ["deaths"])
    assert here.min_count == 9 and there.min_count == 5
    again = edit_rule(actor=personas.cdc, rule_id=own.pk, command=_values(own, min_count=7))
    assert again.pk == own.pk and AlertRule.objects.filter(code=default.code).count() == 2


def test_a_deactivated_rule_judges_nothing(personas):
    default = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    edit_rule(actor=personas.cdc, rule_id=default.pk, command=_values(default, active=False))
    assert rules_in_force("420506107201", ["deaths"]) == []


def test_a_station_does_not_set_rules(personas):
    default = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    with pytest.raises(PermissionDenied):
        edit_rule(actor=personas.station_longquan, rule_id=default.pk, command=_values(default))


def test_the_ppv_beside_the_rule(personas, farm):
    for outcome in ("confirmed", "false_alarm", "data_error"):
        result = factories.lab_result(personas.cdc, farm, positive=1)
        (alert,) = evaluation.raise_alerts(evaluation.findings_for_result(result, date.today()))
        alerts.close(
            actor=personas.cdc, alert_id=alert.pk, command=parse(CloseIn, {"outcome": outcome})
        )
    listed = {r.code: r for r in rules_for(personas.cdc)}
    record = listed["notifiable-positive"].record
    assert record["alarms"] == 3 and record["confirmed"] == 1 and record["false_alarm"] == 1
    assert record["ppv"] == 0.5  # the data error counts neither way
    assert rule(personas.cdc, listed["notifiable-positive"].pk).record["ppv"] == 0.5


def test_the_backtest_replays_a_year(personas, farm):
    """Two bursts a month apart in one village: two alerts; quiet villages none."""
    year = date.today().year - 1
    for start in (date(year, 3, 1), date(year, 4, 15)):
        for day in range(3):
            Report.objects.create(
                kind="death",
                farm=farm,
                region_id=farm.region_id,
                category="fattening_pig",
                dead=3,
                onset_date=start + timedelta(days=day),
                reported_by=personas.station_longquan,
            )
    default = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    result = backtest.run(personas.cdc, default, region="420506", year=year)
    assert result["alerts"] == 2 and result["places"] == 1
    assert result["top"] == [(farm.region_id, 2)]
