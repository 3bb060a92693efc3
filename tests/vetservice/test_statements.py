"""Monthly statements (issue 11 point 5): confirmed public-welfare services priced to the cent,
disputed and unconfirmed orders apart, signed by the county and locked; a correction is a new
version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.vetservice.commands import (
    ConfirmOrder,
    CorrectStatement,
    DisputeOrder,
    PrepareStatement,
)
from smartvet.vetservice.queries import statements as statement_queries
from smartvet.vetservice.services import orders, statements
from tests.vetservice import factories as f


def _done(farmer, vaccinator, farm, lot, animals):
    order = f.place(farmer, farm, animals=animals)
    orders.accept_order(actor=vaccinator, order_id=order.pk)
    return f.complete_with_immunization(vaccinator, order, lot, animals=animals)


@pytest.fixture
def month_of_work(agreed_farm, farmer_longquan, vaccinator_longquan, lot):
    confirmed = [_done(farmer_longquan, vaccinator_longquan, agreed_farm, lot, n) for n in (7, 13)]
    for order in confirmed:
        orders.confirm_order(
            actor=farmer_longquan, order_id=order.pk, command=ConfirmOrder(rating=4, comment="")
        )
    disputed = _done(farmer_longquan, vaccinator_longquan, agreed_farm, lot, 5)
    orders.dispute_order(
        actor=farmer_longquan, order_id=disputed.pk, command=DisputeOrder(reason="只打了一半")
    )
    unconfirmed = _done(farmer_longquan, vaccinator_longquan, agreed_farm, lot, 3)
    return confirmed, disputed, unconfirmed


def _prepare(actor):
    return statements.prepare_statement(
        actor=actor,
        command=parse(
            PrepareStatement, {"provider": "provider_xingmu", "month": f"{f.today():%Y-%m}"}
        ),
    )


def test_the_statement_counts_confirmed_services_and_lists_the_rest_apart(
    month_of_work, bureau, xingmu
):
    _confirmed, disputed, unconfirmed = month_of_work
    statement = _prepare(bureau)
    counted = list(statement.lines.filter(included=True))
    apart = {line.order_id: line.reason for line in statement.lines.filter(included=False)}
    assert sorted(line.quantity for line in counted) == [7, 13]
    assert statement.total == sum(line.amount for line in counted) == Decimal("30.00")
    assert statement.total == statement_queries.confirmed_total(xingmu, statement.month)
    assert apart == {disputed.pk: "有异议", unconfirmed.pk: "已完成待确认"}


def test_a_signed_statement_is_locked_and_corrected_by_a_new_version(
    month_of_work, bureau, farmer_longquan
):
    statement = _prepare(bureau)
    signed = statements.sign_statement(actor=bureau, statement_id=statement.pk)
    assert signed.status == "signed"
    for edit in (
        lambda: _prepare(bureau),
        lambda: statements.refresh_statement(actor=bureau, statement_id=statement.pk),
        lambda: statements.sign_statement(actor=bureau, statement_id=statement.pk),
    ):
        with pytest.raises(DomainError) as refused:
            edit()
        assert refused.value.code == "STATEMENT_SIGNED"
    _confirmed, disputed, _unconfirmed = month_of_work
    orders.confirm_order(
        actor=farmer_longquan,
        order_id=disputed.pk,
        command=ConfirmOrder(rating=3, comment="补打完了"),
    )
    correction = statements.correct_statement(
        actor=bureau, statement_id=statement.pk, command=CorrectStatement(reason="异议已解决")
    )
    signed.refresh_from_db()
    assert (signed.status, signed.total) == ("superseded", Decimal("30.00"))
    assert (correction.version, correction.status, correction.total) == (
        2,
        "draft",
        Decimal("37.50"),
    )


def test_a_provider_sees_no_statement_of_another_and_cannot_sign(
    month_of_work, bureau, provider_xingmu, provider_yaqueling, huimin
):
    statement = _prepare(bureau)
    with pytest.raises(PermissionDenied):
        statements.sign_statement(actor=provider_xingmu, statement_id=statement.pk)
    with pytest.raises(NotFound):
        statements.sign_statement(actor=provider_yaqueling, statement_id=statement.pk)


def test_the_stored_statement_reads_as_the_month_it_was_built_from(month_of_work, bureau, xingmu):
    """Lines are written by the database in one statement: each carries the order's service,
    farm, day, quantity, unit, price and amount, in the preview's order, nothing else."""
    statement = _prepare(bureau)
    stored = statement_queries.stored_view(statement).as_dict()
    live = statement_queries.live_view(xingmu, statement.month).as_dict()
    assert (stored["lines"], stored["apart"], stored["total"]) == (
        live["lines"],
        live["apart"],
        live["total"],
    )
    lines = statement.lines.select_related("order__service")
    assert [line.unit for line in lines] == [line.order.service.unit for line in lines]


def test_refreshing_rebuilds_the_lines_without_doubling_them(
    month_of_work, bureau, farmer_longquan
):
    statement = _prepare(bureau)
    _confirmed, disputed, _unconfirmed = month_of_work
    orders.confirm_order(
        actor=farmer_longquan, order_id=disputed.pk, command=ConfirmOrder(rating=3, comment="")
    )
    refreshed = statements.refresh_statement(actor=bureau, statement_id=statement.pk)
    assert refreshed.lines.count() == 4
    assert sorted(refreshed.lines.filter(included=True).values_list("quantity", flat=True)) == [
        5,
        7,
        13,
    ]
    assert refreshed.total == Decimal("37.50")


def test_building_takes_the_same_queries_however_many_orders_the_month_has(
    month_of_work, bureau, farmer_longquan, vaccinator_longquan, agreed_farm, lot
):
    statement = _prepare(bureau)
    with CaptureQueriesContext(connection) as few:
        statements.refresh_statement(actor=bureau, statement_id=statement.pk)
    for animals in (2, 4, 6):
        _done(farmer_longquan, vaccinator_longquan, agreed_farm, lot, animals)
    with CaptureQueriesContext(connection) as more:
        refreshed = statements.refresh_statement(actor=bureau, statement_id=statement.pk)
    assert refreshed.lines.filter(included=False).count() == 5
    assert len(more.captured_queries) == len(few.captured_queries)
