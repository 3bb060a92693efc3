"""Certificates: PDF, revocation, public verification (rate-limited, no personal data)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from smartvet.core.access import available_actions
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.services import create_account
from smartvet.quarantine import services
from smartvet.quarantine.commands import RevokeIn
from smartvet.quarantine.models import Certificate
from tests.quarantine import factories
from tests.support.factories import make_farm


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_the_pdf_is_an_a4_page_with_the_cjk_font(api, tagged, certificate):
    response = api(tagged.vet_longquan).get(f"/api/v1/certificates/{certificate.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert b"/FontFile2" in body  # the font travels with the paper (decision 0003)
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in body


def test_the_printed_pdf_page_works_for_the_session(client, tagged, certificate):
    client.force_login(tagged.vet_longquan)
    response = client.get(f"/quarantine/certificates/{certificate.number}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_revocation_needs_a_reason_and_shows_in_verification(tagged, certificate):
    with pytest.raises(DomainError) as exc:
        services.revoke_certificate(
            actor=tagged.vet_longquan,
            number=certificate.number,
            command=factories.command(RevokeIn, reason=""),
        )
    assert exc.value.code == "VALIDATION_ERROR"
    revoked = services.revoke_certificate(
        actor=tagged.vet_longquan,
        number=certificate.number,
        command=factories.command(RevokeIn, reason="货主取消调运"),
    )
    assert revoked.status == "revoked" and revoked.revocation_reason == "货主取消调运"
    public = Client().get(f"/api/v1/public/certificates/{certificate.number}").json()
    assert public["status"] == "revoked" and public["valid"] is False
    with pytest.raises(DomainError) as exc:
        services.revoke_certificate(
            actor=tagged.vet_longquan,
            number=certificate.number,
            command=factories.command(RevokeIn, reason="again"),
        )
    assert exc.value.code == "INVALID_TRANSITION"


def test_only_an_official_vet_revokes(tagged, certificate):
    with pytest.raises(PermissionDenied):
        services.revoke_certificate(
            actor=tagged.station_longquan,
            number=certificate.number,
            command=factories.command(RevokeIn, reason="x"),
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


def _account(username, role, region):
    return create_account(
        actor=None, username=username, password="x-password-1", role=role, region=region
    )


def test_the_destination_county_finds_the_certificate_and_reports_its_arrival(api, tagged, farm):
    """A certificate travels: 济源市's slaughterhouse finds a 夷陵区 certificate bound for it,
    takes the animals in, and its official vet sees the paper but cannot revoke it."""
    declaration = factories.declare(
        tagged.farmer_longquan, farm, factories.tags(1, 2), destination_region="419001"
    )
    cert = factories.certify(tagged, declaration)
    slaughterhouse = _account("slaughterhouse_jiyuan", "slaughterhouse", "419001")
    vet = _account("vet_jiyuan", "official_vet", "419001")
    listed = api(slaughterhouse).get("/api/v1/certificates").json()
    assert [item["number"] for item in listed["items"]] == [cert.number]
    assert api(slaughterhouse).get(f"/api/v1/certificates/{cert.number}").status_code == 200
    assert {"arrival", "slaughter"} <= set(available_actions(slaughterhouse, cert).names)
    assert "revoke" not in available_actions(vet, cert)
    with pytest.raises(PermissionDenied):
        services.revoke_certificate(
            actor=vet, number=cert.number, command=factories.command(RevokeIn, reason="x")
        )
    # Another township of the origin county is neither origin nor destination.
    assert api(tagged.vet_yaqueling).get(f"/api/v1/certificates/{cert.number}").status_code == 404
    entry = api(slaughterhouse).post(
        "/api/v1/slaughter/entries", {"certificate": cert.number, "ear_tags": cert.ear_tags}
    )
    assert entry.status_code == 201 and entry.json()["reconciled"] is True


def test_a_farmer_sees_the_certificates_of_the_farm_and_those_to_the_farm(api, tagged, farm):
    buyer = _account("farmer_buyer", "farmer", "420506107")
    neighbour = _account("farmer_neighbour", "farmer", "420506107")
    receiving = make_farm(buyer, stock={"fattening_pig": 10})
    declaration = factories.declare(
        tagged.farmer_longquan,
        farm,
        factories.tags(1, 2),
        purpose="rearing",
        destination_region=receiving.region_id,
        destination_kind="farm",
        destination_farm_id=receiving.pk,
        destination_place=receiving.name,
    )
    cert = factories.certify(tagged, declaration)
    for farmer, count in ((tagged.farmer_longquan, 1), (buyer, 1), (neighbour, 0)):
        assert api(farmer).get("/api/v1/certificates").json()["count"] == count
    assert api(neighbour).get(f"/api/v1/certificates/{cert.number}").status_code == 404
    # The buyer reports the arrival; the seller sees the paper but the arrival is not theirs.
    assert "arrival" in available_actions(buyer, cert)
    assert "arrival" not in available_actions(tagged.farmer_longquan, cert)
    arrived = api(buyer).post(
        f"/api/v1/certificates/{cert.number}/arrival", {"received_quantity": 2}
    )
    assert arrived.status_code == 200 and arrived.json()["status"] == "arrived"
