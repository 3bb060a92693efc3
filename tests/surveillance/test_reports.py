"""Reports from the field: a death lowers the farm's stock in the same transaction, with its
harmless disposal; photos lose their location; refusals change nothing."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.registry.queries import current_stock
from smartvet.surveillance.models import OutbreakEvent, Report, ReportPhoto
from tests.surveillance import factories


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (30.0, 41.0, 0.0), 4: (111.0, 17.0, 0.0)}  # GPSInfo: lat, long
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_death_report_lowers_the_farm_s_stock_and_records_the_disposal(personas, farm):
    before = current_stock(farm)["fattening_pig"]
    report = factories.death_report(personas.station_longquan, farm, dead=3)
    assert current_stock(farm)["fattening_pig"] == before - 3
    event = farm.stock_events.get(kind="death")
    assert event.quantity == 3 and event.disposal == "集中无害化处理场处理"
    assert report.disposal_place == "夷陵区无害化处理中心" and report.disposal_by == "刘防疫员"
    actions = list(LedgerEvent.objects.order_by("seq").values_list("action", flat=True))[-2:]
    assert actions == ["farm.stock_changed", "report.submitted"]


def test_more_deaths_than_the_stock_are_refused_and_nothing_is_kept(personas, farm):
    with pytest.raises(DomainError) as refused:
        factories.death_report(personas.station_longquan, farm, dead=201, at_risk=0)
    assert refused.value.code == "STOCK_INSUFFICIENT"
    assert not Report.objects.exists()
    assert current_stock(farm)["fattening_pig"] == 200


def test_a_death_without_its_disposal_is_refused(personas, farm):
    with pytest.raises(DomainError) as refused:
        factories.death_report(personas.station_longquan, farm, disposal_method="")
    assert refused.value.details[0]["field"] == "disposal_method"
    assert "无害化" in str(refused.value.message)


def test_photos_are_kept_without_their_location_and_with_a_thumbnail(
    personas, farm, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get(0x8825)
    factories.death_report(personas.station_longquan, farm, photos=[raw, raw])
    photos = ReportPhoto.objects.all()
    assert photos.count() == 2
    for photo in photos:
        with Image.open(photo.image.path) as kept:
            assert not kept.getexif() and "exif" not in kept.info
            assert kept.size == (640, 480)
        with Image.open(photo.thumbnail.path) as thumb:
            assert max(thumb.size) <= 320


def test_ten_photos_are_too_many(personas, farm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError) as refused:
        factories.death_report(personas.station_longquan, farm, photos=[_jpeg_with_gps()] * 10)
    assert refused.value.code == "TOO_MANY_PHOTOS"
    assert not Report.objects.exists() and current_stock(farm)["fattening_pig"] == 200


def test_a_file_that_is_not_a_photo_is_refused(personas, farm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError) as refused:
        factories.death_report(personas.station_longquan, farm, photos=[b"%PDF-1.4 not a photo"])
    assert refused.value.code == "PHOTO_INVALID"
    assert not ReportPhoto.objects.exists()


def test_a_vaccinator_reports_only_for_the_farms_it_serves(personas, farm):
    with pytest.raises(PermissionDenied):
        factories.death_report(personas.vaccinator_longquan, farm)


def test_another_township_s_farm_is_not_found(personas, other_farm):
    with pytest.raises(NotFound):
        factories.death_report(personas.station_longquan, other_farm)


def test_a_suspected_major_outbreak_starts_the_province_clock(personas, farm):
    report = factories.report(
        personas.station_longquan, farm, kind="suspected_outbreak", sick=5, disease="ASF"
    )
    event = OutbreakEvent.objects.get(source_report=report)
    assert event.region_id == "420506" and event.number.startswith("YQ")
    assert (event.province_due - event.suspected_at).total_seconds() == 2 * 3600


def test_a_suspected_class_two_disease_starts_no_clock(personas, farm):
    factories.report(
        personas.station_longquan, farm, kind="suspected_outbreak", sick=5, disease="CSF"
    )
    assert not OutbreakEvent.objects.exists()
