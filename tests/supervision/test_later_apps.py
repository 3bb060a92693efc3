# ruff: noqa: F811 (pytest passes the imported fixtures by their names)
"""Services and surveillance contribute their indicators the same way (issue 13 point 1): a
completed and rated order, and a zero report, reach the figures through the refresh."""

from __future__ import annotations

from smartvet.core.commands import parse
from smartvet.supervision import queries, services
from smartvet.surveillance.commands import ReportIn
from smartvet.surveillance.services.reports import submit_report
from smartvet.vetservice.commands import ConfirmOrder
from smartvet.vetservice.services import orders
from tests.vetservice import factories as vetservice

# the services' own fixtures: a farm under an agreement with a provider, and a vaccine lot
from tests.vetservice.conftest import agreed_farm, catalogue, farm, lot, xingmu  # noqa: F401


def _township(personas):
    return queries.figures(personas.county_supervisor, "420506107", queries.period(None, None))


def test_a_rated_order_counts_as_done_and_rated(
    personas, agreed_farm, farmer_longquan, vaccinator_longquan, lot
):
    order = vetservice.place(farmer_longquan, agreed_farm)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    vetservice.complete_with_immunization(vaccinator_longquan, order, lot)
    orders.confirm_order(
        actor=farmer_longquan, order_id=order.pk, command=parse(ConfirmOrder, {"rating": 4})
    )
    services.refresh()
    figures = _township(personas)["figures"]
    assert figures["service_orders_done"] == 1 and figures["service_orders_rated"] == 1
    assert figures["service_rating"] == 4
    assert services.check("420506").differences == []


def test_a_zero_report_counts(personas):
    command = parse(ReportIn, {"kind": "zero", "region": "420506107201"})
    submit_report(actor=personas.vaccinator_longquan, command=command)
    services.refresh()
    assert _township(personas)["figures"]["zero_reports"] == 1


def _county(personas, first=None, last=None):
    period = queries.period(first, last)
    return queries.figures(personas.county_supervisor, "420506", period, cached=False)


def test_an_alert_unacknowledged_past_the_next_day_counts_as_overdue(personas):
    from datetime import timedelta

    from django.utils import timezone

    from smartvet.surveillance.models import Alert
    from smartvet.surveillance.services import alerts, evaluation
    from tests.support.factories import make_farm
    from tests.surveillance import factories as surveillance

    farm = make_farm(personas.station_longquan)
    result = surveillance.lab_result(personas.cdc, farm, positive=1)
    (alert,) = evaluation.raise_alerts(evaluation.findings_for_result(result, result.sampled_on))
    services.refresh()
    today = timezone.localdate()
    figures = _county(personas)["figures"]
    assert figures["alerts_open"] == 1 and figures["alerts_overdue"] == 0
    # two days later it is still waiting: raised on a day long enough ago
    Alert.objects.filter(pk=alert.pk).update(opened_at=timezone.now() - timedelta(days=2))
    services.rebuild("420506")
    assert _county(personas)["figures"]["alerts_overdue"] == 1
    # as of the day after it was raised it was not overdue yet
    assert _county(personas, last=today - timedelta(days=1))["figures"]["alerts_overdue"] == 0
    alerts.acknowledge(actor=personas.county_supervisor, alert_id=alert.pk)
    services.refresh()
    assert _county(personas)["figures"]["alerts_overdue"] == 0
    assert services.check("420506").differences == []


def test_a_village_that_sent_nothing_for_an_ended_period_is_missing(personas):
    from datetime import timedelta

    from django.utils import timezone

    from smartvet.core.access import within
    from smartvet.core.models import Region
    from smartvet.surveillance import rules
    from smartvet.surveillance.models import Report

    command = parse(ReportIn, {"kind": "zero", "region": "420506107201"})
    report = submit_report(actor=personas.vaccinator_longquan, command=command)
    services.refresh()
    today = timezone.localdate()
    if rules.period_end(report.period, "weekly") < today:
        return  # only when the demo's week is the current one (always, with the default)
    assert _county(personas)["figures"]["zero_reports_missing"] == 0
    # the same report two weeks back: the county reports from then; that week every other
    # village is missing, and the week after every village
    two_weeks_back = report.period - timedelta(days=14)
    Report.objects.filter(pk=report.pk).update(period=two_weeks_back)
    services.rebuild("420506")
    villages = Region.objects.filter(within("code", "420506"), level="village").count()
    figures = _county(personas, first=two_weeks_back)["figures"]
    assert figures["zero_reports_missing"] == 2 * villages - 1
    assert services.check("420506").differences == []
    # a period ending writes nothing to the ledger: the day's first refresh recounts it
    from smartvet.supervision.models import Rollup, Watermark

    last_week = Rollup.objects.filter(
        measure="zero_reports_missing", day__gte=today - timedelta(days=7)
    )
    assert last_week.delete()[0] > 0
    assert services.check("420506").differences
    Watermark.objects.update(read_until=timezone.now() - timedelta(days=1))
    services.refresh()
    assert services.check("420506").differences == []
