"""疫苗入库: who holds what, bottle codes, the packaging photo, transfers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.immunization import services
from smartvet.immunization.models import BottleCode, VaccineLot
from tests.immunization.factories import make_lot, png_bytes, transfer


def test_a_station_receives_tender_vaccine_with_its_scanned_bottles(station_longquan):
    lot = make_lot(station_longquan, doses=2000, bottle_codes=["QR-1", "QR-2", " QR-3 ", ""])
    assert lot.holder == station_longquan and lot.farm is None
    assert lot.region_id == "420506107"
    assert lot.doses_left == 2000 and lot.bottles == 3
    assert list(lot.bottle_codes.values_list("code", flat=True)) == ["QR-1", "QR-2", "QR-3"]
    assert LedgerEvent.objects.filter(action="vaccine_lot.received", object_id=str(lot.pk)).exists()


def test_a_farmer_records_self_purchased_vaccine_for_own_farm(farmer_longquan, pig_farm):
    lot = make_lot(farmer_longquan, source="self", farm=pig_farm)
    assert lot.farm == pig_farm and lot.holder is None and lot.region_id == pig_farm.region_id


def test_a_farmer_cannot_hold_tender_vaccine(farmer_longquan):
    with pytest.raises(PermissionDenied):
        make_lot(farmer_longquan, source="tender")


def test_self_purchased_vaccine_needs_the_farm(farmer_longquan):
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        make_lot(farmer_longquan, source="self")


def test_a_farmer_cannot_record_vaccine_for_another_farm(farmer_longquan, other_farm):
    with pytest.raises(NotFound):
        make_lot(farmer_longquan, source="self", farm=other_farm)


def test_an_expired_lot_is_refused_at_stock_in(station_longquan):
    with pytest.raises(DomainError, match="VACCINE_EXPIRED"):
        make_lot(station_longquan, expiry=timezone.localdate() - timedelta(days=1))
    assert not VaccineLot.objects.exists()


def test_a_bottle_enters_stock_once(station_longquan, station_yaqueling):
    make_lot(station_longquan, bottle_codes=["QR-9"])
    with pytest.raises(DomainError, match="VACCINE_BOTTLE_DUPLICATE"):
        make_lot(station_yaqueling, bottle_codes=["QR-8", "QR-9"])
    with pytest.raises(DomainError, match="VACCINE_BOTTLE_DUPLICATE"):
        make_lot(station_yaqueling, bottle_codes=["QR-7", "QR-7"])
    assert VaccineLot.objects.count() == 1
    assert BottleCode.objects.count() == 1


def test_unknown_disease_and_overlong_fields_are_refused(station_longquan):
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        make_lot(station_longquan, diseases=["RABIES"])
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        make_lot(station_longquan, product="疫" * 101)
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        make_lot(station_longquan, bottle_codes=["x" * 201])
    assert not VaccineLot.objects.exists()


def test_the_packaging_photo_must_be_an_image(station_longquan, tender_lot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError, match="FILE_INVALID"):
        services.attach_lot_photo(
            actor=station_longquan, lot_id=tender_lot.pk, data=b"%PDF-1.4 not an image"
        )
    with pytest.raises(DomainError, match="FILE_TOO_LARGE"):
        services.attach_lot_photo(
            actor=station_longquan,
            lot_id=tender_lot.pk,
            data=b"\x89PNG" + b"0" * (50 * 1024 * 1024),
        )
    tender_lot.refresh_from_db()
    assert not tender_lot.photo
    services.attach_lot_photo(actor=station_longquan, lot_id=tender_lot.pk, data=png_bytes())
    tender_lot.refresh_from_db()
    assert tender_lot.photo.name.endswith(".png")


def test_a_broken_photo_at_stock_in_saves_no_lot(station_longquan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError, match="FILE_INVALID"):
        make_lot(station_longquan, photo=b"GIF89a-broken")
    assert not VaccineLot.objects.exists()


def test_tender_vaccine_moves_to_a_provider_self_purchased_never(
    station_longquan, farmer_longquan, tender_lot, own_lot, provider_xingmu
):
    child = transfer(station_longquan, tender_lot, "provider_xingmu", 400)
    tender_lot.refresh_from_db()
    assert tender_lot.doses_left == 600
    assert child.holder == provider_xingmu and child.doses_left == 400
    assert child.parent == tender_lot
    with pytest.raises(DomainError, match="VACCINE_STOCK_INSUFFICIENT"):
        transfer(station_longquan, tender_lot, "provider_xingmu", 601)
    with pytest.raises(PermissionDenied):
        transfer(farmer_longquan, own_lot, "station_longquan", 1)
    own_lot.refresh_from_db()
    with pytest.raises(DomainError, match="VACCINE_NOT_TRANSFERABLE"):
        transfer(station_longquan, own_lot, "provider_xingmu", 1)


def test_another_townships_station_does_not_see_the_lot(station_yaqueling, tender_lot):
    with pytest.raises(NotFound):
        services.attach_lot_photo(actor=station_yaqueling, lot_id=tender_lot.pk, data=png_bytes())
