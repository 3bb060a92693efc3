"""Certificates: PDF, revocation, public verification (rate-limited, no personal data)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.quarantine import queries, services
from smartvet.quarantine.models import Certificate


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_the_pdf_is_an_a4_page_with_the_cjk_font(api, tagged, certificate):
    response = api(tagged.vet_longquan).get(f"/api/v1/certificates/{certificate.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert b"STSong-Light" in body
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in body


def test_the_printed_pdf_page_works_for_the_session(client, tagged, certificate):
    client.force_login(tagged.vet_longquan)
    response = client.get(f"/quarantine/certificates/{certificate.number}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_revocation_needs_a_reason_and_shows_in_verification(tagged, certificate):
    with pytest.raises(DomainError) as exc:
        services.revoke_certificate(actor=tagged.vet_longquan, number=certificate.number, reason="")
    assert exc.value.code == "VALIDATION_ERROR"
    revoked = services.revoke_certificate(
        actor=tagged.vet_longquan, number=certificate.number, reason="货主取消调运"
    )
    assert revoked.status == "revoked" and revoked.revocation_reason == "货主取消调运"
    public = queries.public_certificate(certificate.number)
    assert public["status"] == "revoked" and public["valid"] is False
    with pytest.raises(DomainError) as exc:
        services.revoke_certificate(
            actor=tagged.vet_longquan, number=certificate.number, reason="again"
        )
    assert exc.value.code == "INVALID_TRANSITION"


def test_only_an_official_vet_revokes(tagged, certificate):
    with pytest.raises(PermissionDenied):
        services.revoke_certificate(
            actor=tagged.station_longquan, number=certificate.number, reason="x"
        )


def test_public_verification_answers_the_contract_fields_without_personal_data(
    api, tagged, certificate
):
    response = api().get(f"/api/v1/public/certificates/{certificate.number}")
    assert response.status_code == 200
    body = response.json()
    for field in (
        "number",
        "status",
        "valid",
        "species",
        "quantity",
        "origin",
        "destination",
        "issued_at",
        "valid_until",
        "ear_tags_count",
    ):
        assert field in body
    assert body["valid"] is True and body["quantity"] == 5 and body["ear_tags_count"] == 5
    text = response.content.decode()
    farm = certificate.farm
    assert farm.phone not in text and farm.owner_id_number not in text
    assert "13907179999" not in text  # the carrier's phone
    assert all(code not in text for code in certificate.ear_tags)


def test_a_lowercase_or_dashed_number_is_found(api, certificate):
    shown = certificate.number.lower()
    response = api().get(f"/api/v1/public/certificates/{shown[:7]}-{shown[7:]}")
    assert response.status_code == 200


def test_an_unknown_or_malformed_number_is_404(api, db):
    for number in ("B420506XXXXXXXXXXXX", "../../etc", "x" * 300):
        response = api().get(f"/api/v1/public/certificates/{number}")
        assert response.status_code == 404


def test_public_verification_is_rate_limited(api, certificate, settings):
    settings.SMARTVET = {**settings.SMARTVET, "QUARANTINE": {"VERIFY_RATE_PER_MINUTE": 3}}
    client = api()
    codes = [
        client.get(f"/api/v1/public/certificates/{certificate.number}").status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    response = client.get(f"/api/v1/public/certificates/{certificate.number}")
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert Client().get(f"/verify/{certificate.number}").status_code == 429


def test_the_verify_page_says_plainly_whether_it_is_valid(certificate):
    response = Client().get(f"/verify/{certificate.number}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "真实有效" in page and certificate.number in page
    assert certificate.farm.phone not in page


def test_the_verify_page_counts_in_the_readers_language(certificate):
    amount = f"{certificate.quantity}{certificate.unit}"
    assert amount in Client().get(f"/verify/{certificate.number}").content.decode()
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(f"/verify/{certificate.number}").content.decode()
    assert f"{certificate.quantity} head" in page and amount not in page


def test_the_verify_page_of_an_expired_certificate(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - timedelta(hours=1)
    )
    page = Client().get(f"/verify/{certificate.number}").content.decode()
    assert "已过期" in page


def test_the_verify_page_of_an_unknown_number(db):
    response = Client().get("/verify/B420506ABCDEFGHJKLMN")
    assert response.status_code == 404
    assert "查无此检疫证明" in response.content.decode()


def test_the_verify_form_takes_a_typed_number(certificate):
    response = Client().get("/verify/", {"number": certificate.number})
    assert "真实有效" in response.content.decode()


def test_certificate_detail_over_the_api_carries_the_paper_fields(api, tagged, certificate):
    body = api(tagged.farmer_longquan).get(f"/api/v1/certificates/{certificate.number}").json()
    assert body["owner_name"] == "张三" and body["unit"] == "头"
    assert body["vehicle"] == "鄂E·A1234" and body["carrier_name"] == "王运输"
    assert body["origin"]["place"].startswith("湖北省")
    assert body["vet_name"] == "李官方兽医" and body["valid_days"] == 1


def test_another_townships_station_does_not_see_the_certificate(api, tagged, certificate):
    response = api(tagged.station_yaqueling).get(f"/api/v1/certificates/{certificate.number}")
    assert response.status_code == 404
