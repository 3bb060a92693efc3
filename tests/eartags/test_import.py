"""库存耳标登记表: template, import, every bad row reported, nothing half-imported."""

import io
from unittest import mock

import pytest
from openpyxl import load_workbook

from smartvet.core.models import OutboxEvent, Region, RegionAlias
from smartvet.core.spreadsheets import workbook_bytes
from smartvet.eartags import services
from smartvet.eartags.models import ImportBatch, ImportJob, TagRange, TagRangeQuerySet
from tests.eartags.factories import code
from tests.support.api import error_code

HEADER = ["箱号", "包号", "起始号", "终止号", "数量"]
URL = "/api/v1/eartags/imports"


def book(rows) -> bytes:
    return workbook_bytes(HEADER, rows)


def row(first, last, *, species="1", county="420506", box="B1", pack="01", quantity=None):
    return [
        box,
        pack,
        f"{species}-{county}-{first:08d}",
        code(last, species, county),
        last - first + 1 if quantity is None else quantity,
    ]


def rows_of(response):
    return sorted((d["row"], d["code"]) for d in response.json()["error"]["details"])


def test_the_template_has_the_header_of_the_form(api, county_supervisor):
    response = api(county_supervisor).get("/api/v1/eartags/template")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER


def test_the_filled_template_imports(api, county_supervisor):
    data = book([row(1, 1000, box="A1"), row(1001, 1500, species="2"), row(1, 10, species="3")])
    response = api(county_supervisor).upload(URL, "库存.xlsx", data)
    assert response.status_code == 201, response.json()
    assert response.json() == {"ranges": 3, "tags": 1510}
    assert TagRange.objects.count() == 3


def test_the_nation_is_told_the_registered_codes_as_runs(api, county_supervisor):
    packs = [row(1, 100, pack="01"), row(101, 200, pack="02"), row(301, 400, pack="03")]
    response = api(county_supervisor).upload(
        URL, "库存.xlsx", book([*packs, row(1, 5, species="2")])
    )
    assert response.status_code == 201, response.json()
    event = OutboxEvent.objects.get(type="tags.registered")
    assert event.data["tags"] == 305
    assert event.data["ranges"] == [
        {"first": code(1), "last": code(200)},
        {"first": code(301), "last": code(400)},
        {"first": code(1, "2"), "last": code(5, "2")},
    ]


def test_every_bad_row_is_listed_and_nothing_is_imported(api, county_supervisor, personas):
    data = book(
        [
            row(1, 100),  # 2: fine
            ["B", "1", "1-420506-0000001", code(100), 100],  # 3: malformed start
            row(200, 299, quantity=99),  # 4: quantity
            ["B", "1", code(300), code(399, "2"), 100],  # 5: species mixed
            row(400, 499, county="419001"),  # 6: another county
            row(50, 150),  # 7: overlaps row 2
            ["B", "1", code(600), "junk", 1],  # 8: malformed end
            row(900, 800, quantity=1),  # 9: end before start
        ]
    )
    response = api(county_supervisor).upload(URL, "bad.xlsx", data)
    assert response.status_code == 422
    assert error_code(response) == "IMPORT_INVALID"
    assert rows_of(response) == [
        (3, "EARTAG_MALFORMED"),
        (4, "EARTAG_QUANTITY_MISMATCH"),
        (5, "EARTAG_RANGE_MIXED"),
        (6, "EARTAG_COUNTY_MISMATCH"),
        (7, "EARTAG_RANGE_OVERLAP"),
        (8, "EARTAG_MALFORMED"),
        (9, "VALIDATION_ERROR"),
    ]
    assert all(d["message"] for d in response.json()["error"]["details"])
    assert not TagRange.objects.exists() and not ImportBatch.objects.exists()


def test_a_range_overlapping_registered_stock_is_refused(api, county_supervisor, county_stock):
    response = api(county_supervisor).upload(
        URL, "again.xlsx", book([row(2000, 2100), row(990, 1010)])
    )
    assert response.status_code == 422
    assert rows_of(response) == [(3, "EARTAG_RANGE_OVERLAP")]
    assert TagRange.objects.count() == 1


def test_tags_of_a_historical_county_code_are_accepted(api, county_supervisor):
    Region.objects.get_or_create(code="429999", defaults={"name": "旧县", "level": "county"})
    RegionAlias.objects.create(code="420599", region_id="420506", name="旧夷陵")
    response = api(county_supervisor).upload(URL, "old.xlsx", book([row(1, 10, county="420599")]))
    assert response.status_code == 201


@pytest.mark.parametrize(
    "name,data",
    [
        ("empty.xlsx", b""),
        ("junk.xlsx", b"PK\x03\x04junk"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" * 100),
    ],
)
def test_junk_and_empty_files_get_a_clear_answer(api, county_supervisor, name, data):
    response = api(county_supervisor).upload(URL, name, data)
    assert response.status_code == 422
    assert error_code(response) == "IMPORT_INVALID"
    assert response.json()["error"]["message"]


def test_a_file_with_only_the_header_is_refused(api, county_supervisor):
    response = api(county_supervisor).upload(URL, "header.xlsx", book([]))
    assert error_code(response) == "IMPORT_INVALID"


def test_a_wrong_header_is_refused(api, county_supervisor):
    data = workbook_bytes(["号段", "数量"], [["x", 1]])
    response = api(county_supervisor).upload(URL, "wrong.xlsx", data)
    assert error_code(response) == "IMPORT_INVALID"


def test_fifty_thousand_bad_rows_are_all_reported(api, county_supervisor):
    data = book([["B", "1", "bad", "bad", 1] for _ in range(25_000)])
    response = api(county_supervisor).upload(URL, "big.xlsx", data)
    assert response.status_code == 422
    assert len(response.json()["error"]["details"]) == 50_000
    assert not TagRange.objects.exists()


def test_a_crash_in_the_middle_leaves_nothing_behind(county_supervisor):
    data = book([row(i * 10 + 1, i * 10 + 10) for i in range(5000)])
    real = TagRangeQuerySet.insert_stock
    calls = []

    def crash(queryset, spans, **fields):
        calls.append(1)
        real(queryset, spans[:100], **fields)  # part of the rows reach the database ...
        raise RuntimeError("power cut")  # ... then the process dies

    with (
        mock.patch.object(TagRangeQuerySet, "insert_stock", autospec=True, side_effect=crash),
        pytest.raises(RuntimeError),
    ):
        services.import_stock(actor=county_supervisor, data=data, filename="x.xlsx")
    assert calls
    assert not TagRange.objects.exists() and not ImportBatch.objects.exists()


def test_only_the_county_supervisor_imports(api, station_longquan, farmer_longquan):
    data = book([row(1, 10)])
    assert api(station_longquan).upload(URL, "x.xlsx", data).status_code == 403
    assert api(farmer_longquan).upload(URL, "x.xlsx", data).status_code == 403


def test_another_countys_supervisor_cannot_import_our_tags(api, jiyuan_supervisor):
    response = api(jiyuan_supervisor).upload(URL, "x.xlsx", book([row(1, 10)]))
    assert rows_of(response) == [(2, "EARTAG_COUNTY_MISMATCH")]


def test_a_range_is_registered_by_hand(api, county_supervisor):
    client = api(county_supervisor)
    response = client.post(
        "/api/v1/eartags/ranges",
        {"start": "1 420506 00000001", "end": code(100), "quantity": 100, "box": "H1"},
    )
    assert response.status_code == 201 and response.json()["tags"] == 100
    again = client.post(
        "/api/v1/eartags/ranges", {"start": code(50), "end": code(60), "quantity": 11}
    )
    assert error_code(again) == "EARTAG_RANGE_OVERLAP"
    wrong = client.post(
        "/api/v1/eartags/ranges", {"start": code(200), "end": code(300), "quantity": 5}
    )
    assert error_code(wrong) == "EARTAG_QUANTITY_MISMATCH"
    long = client.post(
        "/api/v1/eartags/ranges", {"start": code(1) * 3, "end": code(3), "quantity": 3}
    )
    assert error_code(long) == "VALIDATION_ERROR"


def test_a_large_file_is_imported_in_the_background_with_progress(
    client, county_supervisor, django_capture_on_commit_callbacks
):
    data = book([row(i * 10 + 1, i * 10 + 10) for i in range(6000)])
    assert len(data) > services.BACKGROUND_BYTES
    client.force_login(county_supervisor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/eartags/import/", {"file": SimpleUploadedFile("big.xlsx", data)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/eartags/import/{job.pk}/"
    # The test settings run tasks at once; the job is finished and reports it.
    assert job.status == "done" and job.percent == 100
    assert job.result == {"ranges": 6000, "tags": 60000}
    page = client.get(response.url)
    assert "60000" in page.content.decode()
    assert TagRange.objects.count() == 6000


def test_a_bad_large_file_fails_in_the_background_and_imports_nothing(
    client, county_supervisor, django_capture_on_commit_callbacks
):
    data = book([row(i * 10 + 1, i * 10 + 10) for i in range(6000)] + [row(5, 6)])
    client.force_login(county_supervisor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/eartags/import/", {"file": SimpleUploadedFile("big.xlsx", data)})
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.result["code"] == "IMPORT_INVALID"
    assert job.result["details"][0]["row"] == 6002
    assert "6002" in client.get(f"/eartags/import/{job.pk}/progress/").content.decode()
    assert not TagRange.objects.exists()


def test_a_job_no_worker_takes_is_run_by_the_progress_page(client, county_supervisor):
    from datetime import timedelta

    from django.utils import timezone

    data = book([row(1, 10)])
    job = ImportJob.objects.create(
        region_id="420506", actor=county_supervisor, filename="late.xlsx", data=data
    )
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    client.force_login(county_supervisor)
    page = client.get(f"/eartags/import/{job.pk}/progress/")
    assert page.status_code == 200
    job.refresh_from_db()
    assert job.status == "done" and TagRange.objects.count() == 1
    from smartvet.eartags import tasks

    tasks.run_job(job.pk)  # a late worker does nothing: the job ran once
    assert TagRange.objects.count() == 1
