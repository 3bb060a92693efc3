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
