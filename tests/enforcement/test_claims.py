"""保险理赔: one claim per supervised disposal, never more animals than were disposed of;
the county accepts or refuses (with the reason), then records the payment; the insurer reads
an export with one row per claim and the disposal's evidence."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from smartvet.core.access import available_actions
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.enforcement.commands.disposal import DecideClaim
from smartvet.enforcement.models import InsuranceClaim
from smartvet.enforcement.services import claims
from tests.enforcement.disposal_factories import claim, dispose
from tests.support.api import ApiClient, error_code
from tests.support.factories import make_farm


@pytest.fixture
def disposal(station_longquan):
    farm = make_farm(station_longquan, name="青龙村养猪场", stock={"fattening_pig": 50})
    return dispose(station_longquan, farm, animals=4)


def _decide(actor, item, action, **fields):
    try:
        return claims.decide_claim(
            actor=actor, claim_id=item.pk, action=action, command=DecideClaim(**fields)
        )
    finally:
        item.refresh_from_db()


def test_a_claim_goes_from_claimed_through_accepted_to_paid(
    station_longquan, county_supervisor, disposal
):
    item = claim(station_longquan, disposal)
    assert item.status == "claimed"
    assert available_actions(station_longquan, item).names == []
    assert available_actions(county_supervisor, item).names == ["accept", "refuse"]
    _decide(county_supervisor, item, "accept", note="与处理记录、照片相符")
    assert available_actions(county_supervisor, item).names == ["pay"]
    _decide(county_supervisor, item, "pay")
    item.refresh_from_db()
    assert item.status == "paid" and item.paid_on is not None
    assert item.decided_by == county_supervisor
    actions = list(
        LedgerEvent.objects.filter(action__startswith="claim.").values_list("action", flat=True)
    )
    assert actions == ["claim.filed", "claim.accepted", "claim.paid"]


def test_a_claim_never_exceeds_its_disposal_and_is_filed_once(station_longquan, disposal):
    with pytest.raises(DomainError, match="CLAIM_EXCEEDS_DISPOSAL") as refused:
        claim(station_longquan, disposal, animals=5)
    assert "超过无害化处理数量4" in str(refused.value)
    claim(station_longquan, disposal)
    with pytest.raises(DomainError, match="CLAIM_EXISTS"):
        claim(station_longquan, disposal)
    assert InsuranceClaim.objects.count() == 1


def test_a_refusal_says_why_and_a_refused_claim_is_never_paid(
    station_longquan, county_supervisor, disposal
):
    item = claim(station_longquan, disposal)
    with pytest.raises(DomainError, match="须写明原因"):
        _decide(county_supervisor, item, "refuse")
    _decide(county_supervisor, item, "refuse", note="未在监管下处理")
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        _decide(county_supervisor, item, "pay")
    item.refresh_from_db()
    assert item.status == "refused" and item.paid_on is None


def test_the_township_files_but_does_not_decide(station_longquan, disposal):
    item = claim(station_longquan, disposal)
    with pytest.raises(PermissionDenied):
        _decide(station_longquan, item, "accept")
    item.refresh_from_db()
    assert item.status == "claimed"


def test_the_api_files_lists_and_decides(station_longquan, county_supervisor, disposal):
    body = {
        "insurer": "中国人寿财产保险",
        "policy_number": "P-1",
        "animals": 4,
        "amount": "1600.00",
    }
    filed = ApiClient(station_longquan).post(f"/api/v1/disposals/{disposal.pk}/claim", body)
    assert filed.status_code == 201, filed.content
    claim_id = filed.json()["id"]
    county = ApiClient(county_supervisor)
    listed = county.get("/api/v1/claims", status="claimed").json()
    assert listed["count"] == 1 and listed["items"][0]["actions"] == ["accept", "refuse"]
    accepted = county.post(f"/api/v1/claims/{claim_id}/accept", {})
    assert accepted.json()["status"] == "accepted"
    again = county.post(f"/api/v1/claims/{claim_id}/accept", {})
    assert again.status_code == 409 or error_code(again) == "INVALID_TRANSITION"


def test_the_insurers_export_has_one_row_per_claim_with_the_evidence(
    client, station_longquan, county_supervisor, disposal
):
    claim(station_longquan, disposal)
    client.force_login(county_supervisor)
    response = client.get("/enforcement/claims/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("保单号", "保险机构", "养殖场户")
    assert "处理方式" in rows[0] and "照片（张）" in rows[0]
    assert len(rows) == 2
    assert rows[1][0] == "PYLQ2026000123" and rows[1][2] == "青龙村养猪场"
    assert "集中无害化处理场处理" in rows[1]
