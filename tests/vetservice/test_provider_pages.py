"""The pages where the county registers providers and a station keeps the vaccinator roster:
they call the same services as the API, show only the actions `can()` gives, refuse in
Chinese and save nothing on a refusal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from smartvet.core.models import LedgerEvent
from smartvet.vetservice.models import Provider, ProviderKind, Vaccinator
from tests.vetservice import factories as f
from tests.vetservice.test_pages import client_for


def _buttons(html: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', html))


def test_the_county_registers_a_lead_company_through_the_page(county_supervisor, catalogue):
    client = client_for(county_supervisor)
    listing = client.get("/services/catalogue/").content.decode()
    assert "register_provider" in _buttons(listing)
    assert client.get("/services/providers/new/").status_code == 200
    until = f.today() + timedelta(days=365)
    response = client.post(
        "/services/providers/new/",
        {
            "account": "provider_xingmu",
            "name": "兴牧公司",
            "kind": "lead",
            "township": f.LONGQUAN,
            "legal_representative": "王经理",
            "credit_code": "91420506MA0000000X",
            "phone": "0717-1234567",
            "lead_from": f.today().isoformat(),
            "lead_until": until.isoformat(),
            "villages": [f.LONGQUAN_VILLAGE],
        },
    )
    assert response.status_code == 302
    provider = Provider.objects.get(account__username="provider_xingmu")
    assert provider.kind == ProviderKind.LEAD
    assert provider.lead_until == until
    assert [v.code for v in provider.villages.all()] == [f.LONGQUAN_VILLAGE]
    assert LedgerEvent.objects.filter(action="provider.registered").count() == 1

    listing = client.get("/services/catalogue/").content.decode()
    assert f"/services/providers/{provider.pk}/" in listing
    edited = client.post(
        f"/services/providers/{provider.pk}/",
        {"name": "兴牧公司", "kind": "organisation", "township": f.LONGQUAN},
    )
    assert edited.status_code == 302
    provider.refresh_from_db()
    assert provider.kind == ProviderKind.ORGANISATION
    assert LedgerEvent.objects.filter(action="provider.updated").count() == 1


def test_the_station_enrols_a_vaccinator_and_records_training_and_score(
    xingmu, station_longquan, vaccinator_longquan
):
    Vaccinator.objects.filter(account=vaccinator_longquan).delete()
    client = client_for(station_longquan)
    assert "enrol_vaccinator" in _buttons(client.get("/services/roster/").content.decode())
    expires = f.today() + timedelta(days=700)
    response = client.post(
        "/services/roster/new/",
        {
            "account": "vaccinator_longquan",
            "kind": "village_vet",
            "qualification_no": "CXYS-2026-001",
            "qualification_expires": expires.isoformat(),
            "villages": [f.LONGQUAN_VILLAGE],
            "duty_days": ["1", "3", "5"],
            "birth_year": "1975",
        },
    )
    assert response.status_code == 302
    entry = Vaccinator.objects.get(account=vaccinator_longquan)
    assert (entry.kind, entry.duty_days, entry.birth_year) == ("village_vet", "135", 1975)
    assert entry.qualification_expires == expires
    assert entry.provider == xingmu

    page = client.get(f"/services/roster/{entry.pk}/").content.decode()
    assert {"enrol_vaccinator", "record_training", "record_assessment"} <= _buttons(page)
    assert f"/services/roster/{entry.pk}/" in client.get("/services/roster/").content.decode()
    trained = client.post(
        f"/services/roster/{entry.pk}/training/",
        {"name": "强制免疫技术培训", "taken_on": f.today().isoformat(), "hours": "8"},
    )
    assert trained.status_code == 302
    scored = client.post(
        f"/services/roster/{entry.pk}/assessment/", {"period": "2026年上半年", "score": "92.5"}
    )
    assert scored.status_code == 302
    page = client.get(f"/services/roster/{entry.pk}/").content.decode()
    assert "强制免疫技术培训" in page and "92.5" in page
    assert {e.action for e in LedgerEvent.objects.filter(object_id=str(entry.pk))} >= {
        "vaccinator.enrolled",
        "vaccinator.training_recorded",
        "vaccinator.assessed",
    }


@pytest.mark.parametrize("persona", ["farmer_longquan", "vaccinator_longquan"])
def test_a_farmer_or_vaccinator_may_not_open_the_forms(request, persona, xingmu):
    actor = request.getfixturevalue(persona)
    client = client_for(actor)
    entry = Vaccinator.objects.get(account__username="vaccinator_longquan")
    before = LedgerEvent.objects.count()
    for url in (
        "/services/providers/new/",
        f"/services/providers/{xingmu.pk}/",
        "/services/roster/new/",
        f"/services/roster/{entry.pk}/",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.get("/services/providers/new/").status_code == 403
    assert client.get("/services/roster/new/").status_code == 403
    response = client.post(
        f"/services/roster/{entry.pk}/assessment/", {"period": "2026年上半年", "score": "100"}
    )
    assert response.status_code in (403, 404)
    assert not entry.assessments.exists()
    assert LedgerEvent.objects.count() == before
    catalogue_page = client.get("/services/catalogue/").content.decode()
    assert not {"register_provider", "edit_provider"} & _buttons(catalogue_page)


def test_another_countys_provider_is_not_found(jiyuan_supervisor, xingmu):
    client = client_for(jiyuan_supervisor)
    assert client.get(f"/services/providers/{xingmu.pk}/").status_code == 404
    response = client.post(
        f"/services/providers/{xingmu.pk}/",
        {"name": "改名", "kind": "organisation", "township": f.LONGQUAN},
    )
    assert response.status_code == 404
    xingmu.refresh_from_db()
    assert xingmu.name != "改名"


def test_a_bad_qualification_expiry_reads_in_chinese_and_saves_nothing(
    xingmu, station_longquan, vaccinator_longquan
):
    Vaccinator.objects.filter(account=vaccinator_longquan).delete()
    before = LedgerEvent.objects.count()
    response = client_for(station_longquan).post(
        "/services/roster/new/",
        {
            "account": "vaccinator_longquan",
            "kind": "epidemic_worker",
            "qualification_no": "FY-001",
            "qualification_expires": "2026-02-30",
            "villages": [f.LONGQUAN_VILLAGE],
            "duty_days": ["1", "2"],
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    error = re.search(r'data-field="qualification_expires">([^<]+)<', page)
    assert error and re.search(r"[\u4e00-\u9fff]", error.group(1)), page
    assert "qualification_expires" not in error.group(1)
    assert 'value="FY-001"' in page  # what the station typed stays
    assert not Vaccinator.objects.filter(account=vaccinator_longquan).exists()
    assert LedgerEvent.objects.count() == before


def test_a_score_above_100_is_refused_and_the_typed_period_stays(xingmu, station_longquan):
    entry = Vaccinator.objects.get(account__username="vaccinator_longquan")
    response = client_for(station_longquan).post(
        f"/services/roster/{entry.pk}/assessment/", {"period": "2026年上半年", "score": "150"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert re.search(r'data-field="score">[^<]*[\u4e00-\u9fff]', page), page
    assert 'value="2026年上半年"' in page
    assert not entry.assessments.exists()
