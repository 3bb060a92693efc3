"""The pages of every step, in Chinese, driven with Django's test client."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.quarantine.models import Certificate, Declaration
from tests.quarantine import factories


def form_data(**overrides):
    data = {
        "category": "fattening_pig",
        "quantity": "2",
        "purpose": "slaughter",
        "destination_region": "420506",
        "destination_place": "夷陵区定点屠宰场",
        "destination_kind": "slaughterhouse",
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "transport_mode": "road",
        "ear_tags": "1-420506-00000001\n1-420506-00000002",
    }
    data.update(overrides)
    return data


def test_the_farm_qr_opens_the_declaration_form_filled_with_the_farm(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.get(f"/d/{farm.code}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/quarantine/farms/{farm.pk}/declare/"
    page = response.content.decode()
    assert farm.name in page and "提交申报" in page


def test_the_farmer_declares_on_the_form(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.post(f"/quarantine/farms/{farm.pk}/declare/", form_data())
    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/quarantine/declarations/{declaration.pk}/"
    assert declaration.ear_tags == factories.tags(1, 2)


def test_a_refused_declaration_shows_every_reason_in_chinese(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.post(
        f"/quarantine/farms/{farm.pk}/declare/",
        form_data(quantity="3", departure_date=timezone.localdate().isoformat()),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "DECLARATION_TOO_LATE" in page and "EARTAG_COUNT_MISMATCH" in page
    assert "须至少提前3天申报" in page
    assert not Declaration.objects.exists()


def test_the_vets_queue_counts_and_acts(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/declarations/").content.decode()
    assert 'data-testid="count-submitted"' in page and declaration.farm.name in page
    client.post(f"/quarantine/declarations/{declaration.pk}/accept/")
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    response = client.post(
        f"/quarantine/declarations/{declaration.pk}/inspect/", {"result": "pass", "notes": "合格"}
    )
    cert = Certificate.objects.get()
    assert response["Location"] == f"/quarantine/certificates/{cert.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "动物检疫合格证明" in page and cert.number in page and "<svg" in page


def test_an_invalid_transition_on_a_page_is_a_clear_message(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    response = client.post(
        f"/quarantine/declarations/{declaration.pk}/inspect/", {"result": "pass"}
    )
    assert response.status_code == 409
    assert "INVALID_TRANSITION" in response.content.decode()


def test_rejecting_on_the_page_needs_a_reason(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    response = client.post(f"/quarantine/declarations/{declaration.pk}/reject/", {"reason": ""})
    assert response.status_code == 422
    client.post(f"/quarantine/declarations/{declaration.pk}/reject/", {"reason": "耳标不符"})
    declaration.refresh_from_db()
    assert declaration.status == "rejected"


def test_another_township_gets_404_pages(client, tagged, declaration):
    client.force_login(tagged.vet_yaqueling)
    assert client.get(f"/quarantine/declarations/{declaration.pk}/").status_code == 404
    assert client.get(f"/quarantine/farms/{declaration.farm_id}/declare/").status_code == 404


def test_certificate_list_export_and_overdue(client, tagged, certificate):
    client.force_login(tagged.vet_longquan)
    assert certificate.number in client.get("/quarantine/certificates/").content.decode()
    export = client.get("/quarantine/certificates/export.xlsx")
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.cell(2, 1).value == certificate.number
    Certificate.objects.update(valid_until=timezone.now() - timedelta(days=2))
    assert certificate.number in client.get("/quarantine/certificates/overdue/").content.decode()
    declarations = client.get("/quarantine/declarations/export.xlsx")
    assert load_workbook(BytesIO(declarations.content)).active.max_row == 2


def test_arrival_and_revocation_pages(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    client.post(
        f"/quarantine/certificates/{certificate.number}/arrival/", {"received_quantity": "5"}
    )
    certificate.refresh_from_db()
    assert certificate.status == "arrived"
    client.force_login(tagged.vet_longquan)
    response = client.post(
        f"/quarantine/certificates/{certificate.number}/revoke/", {"reason": "x"}
    )
    assert response.status_code == 409


def test_the_checkpoint_scans_and_records(client, tagged, certificate):
    client.force_login(tagged.checkpoint)
    page = client.get("/quarantine/checkpoint/", {"number": certificate.number})
    assert "鄂E·A1234" in page.content.decode()
    response = client.post(
        "/quarantine/checkpoint/",
        {"number": certificate.number, "vehicle": "鄂E·B9999", "count_seen": "5"},
    )
    assert response.status_code == 302
    assert certificate.checks.get().flags == ["vehicle_mismatch"]
    home = client.get("/").content.decode()  # the checkpoint's home opens on today's checks
    assert "<dt>查验车辆</dt><dd>1</dd>" in home and 'href="/quarantine/checkpoint/"' in home
    page = client.get("/quarantine/checkpoint/", {"number": "B420506NONEXISTENT"})
    assert page.status_code == 404


def test_the_slaughterhouse_entry_page(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    response = client.post(
        "/quarantine/slaughter/",
        {"certificate": certificate.number, "ear_tags": "\n".join(certificate.ear_tags[:4])},
    )
    page = response.content.decode()
    assert 'data-testid="slaughter-result"' in page and "数量不符" in page
    home = client.get("/").content.decode()  # the slaughterhouse's home opens on today's entries
    assert "<dt>入场批次</dt><dd>1</dd>" in home and "<dt>数量或耳标不符</dt><dd>1</dd>" in home
    again = client.post(
        "/quarantine/slaughter/", {"certificate": certificate.number, "ear_tags": ""}
    )
    assert again.status_code == 409 and "SLAUGHTER_RECORDED" in again.content.decode()


@pytest.mark.parametrize(
    "username",
    ["vet_longquan", "farmer_longquan", "station_longquan", "slaughterhouse", "checkpoint", "cdc"],
)
def test_home_and_navigation_render_for_every_role(client, tagged, username):
    client.force_login(getattr(tagged, username))
    assert client.get("/").status_code == 200
    assert client.get("/quarantine/trace/").status_code == 200
    assert client.get("/verify/").status_code == 200
