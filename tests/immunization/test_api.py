"""The API as CONTRACT.md writes it, and the bad input of issue 4 through it."""

from datetime import timedelta

from django.utils import timezone

from smartvet.immunization.models import AntibodyTest, Immunization, VaccineLot
from tests.immunization.factories import immunize, make_lot, png_bytes
from tests.support.api import error_code


def _lot_body(**extra):
    body = {
        "product": "口蹄疫疫苗",
        "manufacturer": "中牧",
        "approval_number": "兽药生字1",
        "batch": "A1",
        "expiry": str(timezone.localdate() + timedelta(days=90)),
        "diseases": ["FMD"],
        "doses": 500,
        "source": "tender",
        "farm": None,
    }
    body.update(extra)
    return body


def test_the_contract_flow(api, station_longquan, vaccinator_longquan, cdc, pig_farm):
    today = str(timezone.localdate())
    response = api(station_longquan).post(
        "/api/v1/vaccine-lots", _lot_body(bottle_codes=["S1", "S2"])
    )
    assert response.status_code == 201, response.content
    lot_id = response.json()["id"]
    assert response.json()["bottle_codes"] == 2 and response.json()["doses_left"] == 500
    response = api(vaccinator_longquan).post(
        "/api/v1/immunizations",
        {
            "farm": pig_farm.pk,
            "date": today,
            "category": "sow",
            "disease": "FMD",
            "lot": lot_id,
            "animals": 50,
            "doses": 50,
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["id"] and response.json()["next_due"]
    response = api(cdc).post(
        "/api/v1/antibody-tests",
        {
            "farm": pig_farm.pk,
            "disease": "FMD",
            "sampled_on": today,
            "samples": 20,
            "qualified": 17,
            "lab": "疾控实验室",
        },
    )
    assert response.status_code == 201
    assert response.json()["pass_rate"] == "85.0" and response.json()["passed"] is True
    status = api(station_longquan).get(f"/api/v1/farms/{pig_farm.pk}/immunization-status")
    rows = {(r["category"], r["disease"]): r for r in status.json()["diseases"]}
    assert rows[("sow", "FMD")]["protected"] is True
    assert rows[("fattening_pig", "FMD")]["protected"] is False
    assert [p["disease"] for p in status.json()["problems"]] == ["FMD"]
    listing = api(station_longquan).get("/api/v1/immunizations", farm=pig_farm.pk)
    assert listing.json()["count"] == 1


def test_bad_input_through_the_api_saves_nothing(api, station_longquan, cdc, pig_farm, tender_lot):
    client = api(station_longquan)
    expired = client.post(
        "/api/v1/vaccine-lots", _lot_body(expiry=str(timezone.localdate() - timedelta(days=1)))
    )
    assert expired.status_code == 422 and error_code(expired) == "VACCINE_EXPIRED"
    too_long = client.post("/api/v1/vaccine-lots", _lot_body(batch="9" * 61))
    assert error_code(too_long) == "VALIDATION_ERROR"
    bad_date = client.post("/api/v1/vaccine-lots", _lot_body(expiry="2026-02-30"))
    assert error_code(bad_date) == "VALIDATION_ERROR"
    bad_disease = client.post("/api/v1/vaccine-lots", _lot_body(diseases=["RABIES"]))
    assert error_code(bad_disease) == "VALIDATION_ERROR"
    assert VaccineLot.objects.count() == 1
    base = {
        "farm": pig_farm.pk,
        "date": str(timezone.localdate()),
        "category": "sow",
        "disease": "FMD",
        "lot": tender_lot.pk,
    }
    assert (
        error_code(client.post("/api/v1/immunizations", {**base, "animals": 10, "doses": 1001}))
        == "VACCINE_STOCK_INSUFFICIENT"
    )
    assert (
        error_code(client.post("/api/v1/immunizations", {**base, "animals": 51, "doses": 51}))
        == "STOCK_INSUFFICIENT"
    )
    assert (
        client.post(
            "/api/v1/immunizations", {**base, "lot": 999999, "animals": 1, "doses": 1}
        ).status_code
        == 404
    )
    assert not Immunization.objects.exists()
    over = api(cdc).post(
        "/api/v1/antibody-tests",
        {
            "farm": pig_farm.pk,
            "disease": "FMD",
            "sampled_on": str(timezone.localdate()),
            "samples": 20,
            "qualified": 21,
            "lab": "疾控",
        },
    )
    assert over.status_code == 422 and error_code(over) == "VALIDATION_ERROR"
    assert not AntibodyTest.objects.exists()


def test_photos_through_the_api(api, station_longquan, tender_lot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = api(station_longquan)
    path = f"/api/v1/vaccine-lots/{tender_lot.pk}/photo"
    not_image = client.upload(path, "box.jpg", b"this is text, not a photo")
    assert not_image.status_code == 422 and error_code(not_image) == "FILE_INVALID"
    huge = client.upload(path, "box.jpg", b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024))
    assert huge.status_code == 422 and error_code(huge) == "FILE_TOO_LARGE"
    tender_lot.refresh_from_db()
    assert not tender_lot.photo
    ok = client.upload(path, "box.png", png_bytes())
    assert ok.status_code == 200 and ok.json()["has_photo"] is True


def test_lists_filter_and_paginate(api, station_longquan, pig_farm, tender_lot):
    make_lot(station_longquan, diseases=["HPAI"], product="禽流感疫苗")
    client = api(station_longquan)
    assert client.get("/api/v1/vaccine-lots").json()["count"] == 2
    assert client.get("/api/v1/vaccine-lots", disease="HPAI").json()["count"] == 1
    page = client.get("/api/v1/vaccine-lots", limit=1, offset=1).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert client.get("/api/v1/vaccine-lots", limit=0).status_code == 422
    immunize(station_longquan, pig_farm, tender_lot, animals=20)
    density = client.get(
        "/api/v1/immunization/density",
        disease="FMD",
        level="farm",
        start=str(timezone.localdate() - timedelta(days=30)),
        end=str(timezone.localdate()),
    ).json()
    (row,) = density["rows"]
    assert row["required"] == 250 and row["immunized"] == 20 and row["density"] == "8.0"


def test_a_vaccinator_sees_the_provider_lots_it_may_use(api, provider_xingmu, vaccinator_longquan):
    lot = make_lot(provider_xingmu)
    items = api(vaccinator_longquan).get("/api/v1/vaccine-lots").json()["items"]
    assert [item["id"] for item in items] == [lot.pk]
    assert api(vaccinator_longquan).get(f"/api/v1/vaccine-lots/{lot.pk}").status_code == 200
