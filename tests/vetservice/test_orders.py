"""Orders (issue 11 point 4): placed, assigned at once with a reason, accepted, completed by
an immunization recorded through the immunization app, confirmed and rated — and refused
where the issue says."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent, Role
from smartvet.core.services import create_account
from smartvet.immunization.models import Immunization
from smartvet.vetservice.commands import ConfirmOrder, DispatchOrder, RecordCase
from smartvet.vetservice.services import orders
from tests.vetservice import factories as f


def test_an_order_goes_to_the_agreed_vaccinator_on_duty_and_says_why(
    agreed_farm, farmer_longquan, vaccinator_longquan
):
    order = f.place(farmer_longquan, agreed_farm)
    assert order.status == "assigned"
    assert order.assignee == vaccinator_longquan
    assert order.basis == "agreement_vaccinator"
    assert "刘防疫员" in order.basis_note and "值班" in order.basis_note
    event = LedgerEvent.objects.get(action="service_order.placed", object_id=str(order.pk))
    assert event.summary["assignee"] == "vaccinator_longquan"


def test_without_an_on_duty_vaccinator_the_order_goes_to_the_providers_dispatcher(
    agreed_farm, farmer_longquan, county_supervisor, provider_xingmu
):
    f.enrol(county_supervisor, "vaccinator_longquan", duty_days="1")  # Mondays only
    day = f.today() + timedelta(days=(1 - f.today().isoweekday()) % 7 + 1)  # a Tuesday
    order = f.place(farmer_longquan, agreed_farm, preferred=day)
    assert (order.status, order.assignee, order.basis) == ("queued", provider_xingmu, "dispatcher")


def test_a_farm_without_agreement_lands_in_the_station_queue_never_lost(
    farm, farmer_longquan, catalogue
):
    order = f.place(farmer_longquan, farm)
    assert (order.status, order.assignee, order.basis) == ("queued", None, "station_queue")
    assert order.township_id == "420506107"


def test_an_expired_qualification_takes_no_order(
    agreed_farm, farmer_longquan, county_supervisor, vaccinator_longquan, provider_xingmu
):
    order = f.place(farmer_longquan, agreed_farm)
    f.enrol(county_supervisor, "vaccinator_longquan", expires=f.today() - timedelta(days=1))
    with pytest.raises(DomainError) as refused:
        orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    assert refused.value.code == "QUALIFICATION_EXPIRED"
    order.refresh_from_db()
    assert order.status == "assigned"
    # and a new order skips the expired vaccinator: it goes to the dispatcher
    assert f.place(farmer_longquan, agreed_farm).assignee == provider_xingmu


def test_a_vaccinator_without_agreement_cannot_be_dispatched(
    farm, farmer_longquan, station_longquan, xingmu
):
    order = f.place(farmer_longquan, farm)
    with pytest.raises(DomainError) as refused:
        orders.dispatch_order(
            actor=station_longquan,
            order_id=order.pk,
            command=DispatchOrder(to="vaccinator_longquan"),
        )
    assert refused.value.code == "NO_AGREEMENT"
    order.refresh_from_db()
    assert (order.status, order.assignee) == ("queued", None)


def test_another_townships_provider_cannot_dispatch_or_see_the_order(
    agreed_farm, farmer_longquan, provider_yaqueling, huimin
):
    order = f.place(farmer_longquan, agreed_farm)
    with pytest.raises(NotFound):
        orders.dispatch_order(
            actor=provider_yaqueling,
            order_id=order.pk,
            command=DispatchOrder(to="vaccinator_yaqueling"),
        )


def test_the_immunization_order_is_completed_by_recording_the_immunization(
    agreed_farm, farmer_longquan, vaccinator_longquan, lot
):
    order = f.place(farmer_longquan, agreed_farm, animals=20)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    done = f.complete_with_immunization(vaccinator_longquan, order, lot, animals=18)
    record = Immunization.objects.get(pk=done.immunization_id)
    assert (record.farm_id, record.animals, record.performed_by) == (
        agreed_farm.pk,
        18,
        vaccinator_longquan,
    )
    assert done.status == "done"
    assert (done.quantity, done.unit_price, done.amount) == (18, Decimal("1.50"), Decimal("27.00"))
    assert done.payer == "county"


def test_a_refused_immunization_leaves_the_order_as_it_was(
    agreed_farm, farmer_longquan, vaccinator_longquan, lot
):
    order = f.place(farmer_longquan, agreed_farm, animals=20)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    with pytest.raises(DomainError) as refused:
        f.complete_with_immunization(vaccinator_longquan, order, lot, animals=999)
    assert refused.value.code == "STOCK_INSUFFICIENT"
    order.refresh_from_db()
    assert order.status == "accepted" and not Immunization.objects.filter(farm=agreed_farm).exists()


def test_the_farmer_confirms_and_rates(agreed_farm, farmer_longquan, vaccinator_longquan, lot):
    order = f.place(farmer_longquan, agreed_farm)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    f.complete_with_immunization(vaccinator_longquan, order, lot)
    rated = orders.confirm_order(
        actor=farmer_longquan,
        order_id=order.pk,
        command=parse(ConfirmOrder, {"rating": 5, "comment": "及时"}),
    )
    assert (rated.status, rated.rating, rated.comment) == ("confirmed", 5, "及时")


def test_rating_someone_elses_order_is_refused(
    agreed_farm, farmer_longquan, vaccinator_longquan, lot, station_longquan
):
    order = f.place(farmer_longquan, agreed_farm)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    f.complete_with_immunization(vaccinator_longquan, order, lot)
    neighbour = create_account(
        actor=None,
        username="farmer_neighbour",
        password="x-Secret-123",
        role=Role.FARMER,
        region=f.LONGQUAN_VILLAGE,
        display_name="李四",
    )
    with pytest.raises(NotFound):
        orders.confirm_order(
            actor=neighbour, order_id=order.pk, command=ConfirmOrder(rating=1, comment="")
        )
    with pytest.raises(PermissionDenied):
        orders.confirm_order(
            actor=vaccinator_longquan, order_id=order.pk, command=ConfirmOrder(rating=5, comment="")
        )
    order.refresh_from_db()
    assert order.status == "done" and order.rating is None


def test_commercial_orders_are_billed_to_the_farmer_at_the_agreed_price(
    agreed_farm, farmer_longquan, vaccinator_longquan
):
    order = f.place(
        farmer_longquan, agreed_farm, service="castration", category="fattening_pig", animals=4
    )
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    from smartvet.vetservice.commands import CompleteOrder

    done = orders.complete_order(
        actor=vaccinator_longquan, order_id=order.pk, command=CompleteOrder()
    )
    assert (done.payer, done.price_basis, done.amount) == ("farmer", "agreed", Decimal("50.00"))


def test_a_case_record_belongs_to_the_order(agreed_farm, farmer_longquan, vaccinator_longquan):
    order = f.place(farmer_longquan, agreed_farm, service="diagnosis", animals=1)
    orders.accept_order(actor=vaccinator_longquan, order_id=order.pk)
    case = orders.record_case(
        actor=vaccinator_longquan,
        order_id=order.pk,
        command=parse(
            RecordCase,
            {
                "complaint": "食欲不振三天",
                "diagnosis": "仔猪腹泻",
                "treatment": "补液",
                "drugs": "恩诺沙星注射液",
                "withdrawal_days": 10,
            },
        ),
    )
    assert case.order_id == order.pk and case.withdrawal_days == 10
