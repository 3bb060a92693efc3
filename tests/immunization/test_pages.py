"""The pages: stock-in with scanned bottles and a photo, the phone entry, lists, exports."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from smartvet.core.spreadsheets import XLSX_TYPE
from smartvet.immunization.models import AntibodyTest, Immunization, VaccineLot
from tests.immunization.factories import immunize, png_bytes


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _lot_form(**extra):
    data = {
        "product": "口蹄疫疫苗",
        "manufacturer": "中牧",
        "approval_number": "兽药生字1",
        "batch": "P1",
        "expiry": str(timezone.localdate() + timedelta(days=100)),
        "diseases": ["FMD"],
        "doses": "400",
        "source": "tender",
        "bottle_codes": "QR-A\nQR-B\n\nQR-C",
    }
    data.update(extra)
    return data


def test_stock_in_with_scanned_bottles_and_a_photo(station_longquan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(station_longquan)
    page = client.get("/immunization/lots/new/")
    assert page.status_code == 200 and "扫描瓶码" in page.content.decode()
    response = client.post(
        "/immunization/lots/new/",
        {**_lot_form(), "photo": SimpleUploadedFile("box.png", png_bytes())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lot = VaccineLot.objects.get()
    assert lot.bottles == 3 and lot.photo
    detail = client.get(f"/immunization/lots/{lot.pk}/")
    assert "QR-B" in detail.content.decode()
    assert client.get(f"/immunization/lots/{lot.pk}/photo.img").status_code == 200


def test_a_photo_that_is_not_an_image_is_refused_on_the_page(station_longquan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _client(station_longquan).post(
        "/immunization/lots/new/",
        {**_lot_form(), "photo": SimpleUploadedFile("box.jpg", b"not an image")},
    )
    assert response.status_code == 422
    assert "FILE_INVALID" in response.content.decode()
    assert not VaccineLot.objects.exists()


def test_the_phone_entry_from_farm_to_farm(vaccinator_longquan, pig_farm, other_farm, tender_lot):
    client = _client(vaccinator_longquan)
    picker = client.get("/immunization/").content.decode()
    assert pig_farm.name in picker and other_farm.name not in picker
    form = client.get(f"/immunization/farms/{pig_farm.pk}/entry/").content.decode()
    assert tender_lot.batch in form
    response = client.post(
        f"/immunization/farms/{pig_farm.pk}/entry/",
        {
            "date": str(timezone.localdate()),
            "category": "sow",
            "disease": "FMD",
            "lot": tender_lot.pk,
            "animals": "20",
            "doses": "20",
            "ear_tags": "",
        },
    )
    assert response.status_code == 302
    assert Immunization.objects.get().animals == 20
    refused = client.post(
        f"/immunization/farms/{pig_farm.pk}/entry/",
        {
            "date": str(timezone.localdate()),
            "category": "sow",
            "disease": "FMD",
            "lot": tender_lot.pk,
            "animals": "51",
            "doses": "51",
        },
    )
    assert refused.status_code == 422 and "STOCK_INSUFFICIENT" in refused.content.decode()
    assert client.get(f"/immunization/farms/{other_farm.pk}/entry/").status_code in {200, 403}


def test_antibody_entry_flags_and_refuses(cdc, pig_farm):
    client = _client(cdc)
    assert client.get("/immunization/antibody/new/").status_code == 200
    bad = client.post(
        "/immunization/antibody/new/",
        {
            "farm": pig_farm.code,
            "disease": "FMD",
            "round": "initial",
            "sampled_on": str(timezone.localdate()),
            "samples": "20",
            "qualified": "21",
            "lab": "疾控",
            "accreditation": "CMA",
        },
    )
    assert bad.status_code == 422 and not AntibodyTest.objects.exists()
    ok = client.post(
        "/immunization/antibody/new/",
        {
            "farm": pig_farm.code,
            "disease": "FMD",
            "round": "initial",
            "sampled_on": str(timezone.localdate() - timedelta(days=40)),
            "samples": "20",
            "qualified": "12",
            "lab": "疾控",
            "accreditation": "CMA",
        },
    )
    assert ok.status_code == 302
    assert AntibodyTest.objects.get().late is True
    listing = client.get("/immunization/antibody/").content.decode()
    assert "超期录入" in listing and "不合格" in listing


@pytest.mark.parametrize(
    "path",
    [
        "/immunization/records/",
        "/immunization/records/export.xlsx",
        "/immunization/lots/",
        "/immunization/lots/export.xlsx",
        "/immunization/antibody/",
        "/immunization/antibody/export.xlsx",
        "/immunization/sampling/",
        "/immunization/sampling/?format=xlsx",
        "/immunization/density/",
        "/immunization/density/?disease=FMD&level=farm&format=xlsx",
        "/immunization/density/?disease=BAD&level=nope&start=2026-13-40",
    ],
)
def test_overview_pages_and_exports_open(
    county_supervisor, station_longquan, pig_farm, tender_lot, path
):
    immunize(station_longquan, pig_farm, tender_lot, animals=20)
    response = _client(county_supervisor).get(path)
    assert response.status_code == 200
    if "xlsx" in path:
        assert response["Content-Type"] == XLSX_TYPE


def test_the_density_page_draws_its_chart_inline(
    county_supervisor, station_longquan, pig_farm, tender_lot
):
    immunize(station_longquan, pig_farm, tender_lot, animals=20)
    html = _client(county_supervisor).get("/immunization/density/?level=farm").content.decode()
    assert '<svg class="chart"' in html and pig_farm.name in html
    assert "cdn" not in html.lower()


def test_farm_history_shows_status_and_records(farmer_longquan, pig_farm, own_lot, yaqueling_farm):
    immunize(farmer_longquan, pig_farm, own_lot, category="sow", animals=10)
    client = _client(farmer_longquan)
    html = client.get(f"/immunization/farms/{pig_farm.pk}/").content.decode()
    assert "保护期内" in html and own_lot.batch in html
    assert client.get(f"/immunization/farms/{pig_farm.pk}/export.xlsx").status_code == 200
    assert client.get(f"/immunization/farms/{yaqueling_farm.pk}/").status_code == 404


def test_admins_edit_the_plan_in_django_admin(admin):
    client = _client(admin)
    for path in (
        "/admin/immunization/planentry/",
        "/admin/immunization/regionalswitch/add/",
        "/admin/immunization/vaccinelot/",
    ):
        assert client.get(path).status_code == 200, path
