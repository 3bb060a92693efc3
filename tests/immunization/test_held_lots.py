"""A lot the cold chain held (received outside 2–8 °C) is neither used nor moved until the
county releases it; the refusal names the reason and changes nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent
from smartvet.immunization import queries, steps
from smartvet.immunization.models import Immunization
from tests.immunization.factories import immunize, transfer


def _hold(actor, lot):
    with transaction.atomic():
        steps.sign_for_lot(actor=actor, lot=lot, held=True, reason="到货温度11.0℃")


def test_a_held_lot_is_refused_for_immunization_and_transfer(
    station_longquan, vaccinator_longquan, pig_farm, tender_lot
):
    _hold(station_longquan, tender_lot)
    with pytest.raises(DomainError, match="VACCINE_LOT_HELD") as refused:
        immunize(vaccinator_longquan, pig_farm, tender_lot)
    assert "暂停使用" in str(refused.value)
    with pytest.raises(DomainError, match="VACCINE_LOT_HELD"):
        transfer(station_longquan, tender_lot, "provider_xingmu", 10)
    tender_lot.refresh_from_db()
    assert tender_lot.doses_left == 1000
    assert not Immunization.objects.exists()
    assert tender_lot.transfers.count() == 0


def test_a_held_lot_is_not_offered_and_a_released_one_is_used_again(
    station_longquan, vaccinator_longquan, pig_farm, tender_lot
):
    today = tender_lot.received_on
    _hold(station_longquan, tender_lot)
    offered = queries.usable_lots(
        vaccinator_longquan, pig_farm, today, category="sow", disease="FMD"
    )
    assert tender_lot not in offered
    with transaction.atomic():
        steps.release_lot(actor=station_longquan, lot=tender_lot, reason="复核合格")
    immunize(vaccinator_longquan, pig_farm, tender_lot)
    actions = list(
        LedgerEvent.objects.filter(action__startswith="vaccine_lot.").values_list(
            "action", flat=True
        )
    )
    assert "vaccine_lot.held" in actions and "vaccine_lot.released" in actions


def test_a_held_lot_page_offers_no_transfer_until_released(station_longquan, tender_lot):
    assert queries.may_transfer(station_longquan, tender_lot)
    _hold(station_longquan, tender_lot)
    tender_lot.refresh_from_db()
    assert not queries.may_transfer(station_longquan, tender_lot)
    with transaction.atomic():
        steps.release_lot(actor=station_longquan, lot=tender_lot, reason="复核合格")
    tender_lot.refresh_from_db()
    assert queries.may_transfer(station_longquan, tender_lot)
