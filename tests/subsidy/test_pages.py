"""The subsidy pages per role, the xlsx exports and the public publicity page."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity, SubsidyApplication
from tests.subsidy import factories


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def approved(personas, policy, platform):
    return factories.approved_application(personas, policy)


LISTS = [
    "/subsidy/",
    "/subsidy/qualifications/",
    "/subsidy/publicities/",
    "/subsidy/payments/",
    "/subsidy/summary/",
    "/subsidy/policies/",
]
EXPORTS = [
    "/subsidy/applications/export.xlsx",
    "/subsidy/qualifications/export.xlsx",
    "/subsidy/payments/export.xlsx",
    "/subsidy/summary/export.xlsx",
]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_page_renders_for_the_bureau(personas, approved, path):
    response = client_for(personas.bureau).get(path)
    assert response.status_code == 200
    assert 'name="viewport"' in response.content.decode()


@pytest.mark.parametrize("path", EXPORTS)
def test_every_list_exports_to_xlsx(personas, approved, path):
    response = client_for(personas.bureau).get(path)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row >= (1 if "payments" in path else 2)


def test_the_application_export_carries_amounts_and_basis_in_words(personas, approved):
    response = client_for(personas.bureau).get("/subsidy/applications/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert "能繁母猪 390×18.00=7020.00（按存栏400头与免疫390头取小）" in rows[1][6]
    assert "按产地检疫1450头与免疫1500头取小" in rows[1][6]
    assert "min(" not in rows[1][6] and "stock" not in rows[1][6]
    assert rows[1][3] == approved.policy.name  # the policy by its name, not its code
    assert rows[1][7] == "17170.00"  # money kept exact, as text


def test_a_role_without_subsidy_work_is_refused(personas, approved):
    response = client_for(personas.slaughterhouse).get("/subsidy/")
    assert response.status_code == 403


def test_the_detail_shows_each_amount_and_its_basis_in_words(personas, approved):
    page = client_for(personas.bureau).get(f"/subsidy/applications/{approved.pk}/")
    text = page.content.decode()
    assert "按存栏400头与免疫390头取小" in text
    assert "按产地检疫1450头与免疫1500头取小" in text
    assert "min(" not in text
    assert "10150.00" in text and "17170.00" in text


def test_another_county_gets_404(personas, approved):
    response = client_for(personas.jiyuan_bureau).get(f"/subsidy/applications/{approved.pk}/")
    assert response.status_code == 404


def test_filters_search_and_paginate(personas, approved):
    client = client_for(personas.bureau)
    assert approved.number in client.get("/subsidy/", {"q": approved.farm.name}).content.decode()
    assert approved.number not in client.get("/subsidy/", {"q": "不存在的场"}).content.decode()
    assert approved.number not in client.get("/subsidy/", {"status": "paid"}).content.decode()
    assert client.get("/subsidy/", {"page": "999", "q": "x" * 500}).status_code == 200


def test_a_whole_cycle_in_the_pages(personas, policy, platform):
    farm = factories.scale_farm(personas.farmer_longquan)
    farmer, supervisor, bureau = (
        client_for(personas.farmer_longquan),
        client_for(personas.county_supervisor),
        client_for(personas.bureau),
    )
    response = farmer.post("/subsidy/qualifications/new/", {"farm": farm.pk, "policy": policy.code})
    assert response.status_code == 302
    qualification = farm.subsidy_qualifications.get()
    supervisor.post(f"/subsidy/qualifications/{qualification.pk}/preliminary-approve/")
    bureau.post(f"/subsidy/qualifications/{qualification.pk}/approve/")
    qualification.refresh_from_db()
    assert qualification.status == "approved"
    assert farm.name in Client().get(f"/public/subsidy/qualified/{policy.code}/").content.decode()

    response = farmer.post(
        "/subsidy/applications/new/",
        {"farm": farm.pk, "policy": policy.code, "evidence": "购苗发票"},
    )
    assert response.status_code == 302
    app = SubsidyApplication.objects.get(farm=farm)
    supervisor.post(f"/subsidy/applications/{app.pk}/preliminary-approve/", {"note": "已核"})
    bureau.post(f"/subsidy/applications/{app.pk}/approve/", {"note": ""})
    response = bureau.post("/subsidy/publicities/", {"policy": policy.code})
    assert response.status_code == 302
    publicity = Publicity.objects.get()

    public = Client().get("/public/subsidy/").content.decode()
    assert farm.name in public and "17170.00" in public and "390" in public
    assert "420506197503124511" not in public  # no personal data on the public page

    bureau.post(
        f"/subsidy/applications/{app.pk}/objection/", {"raised_by": "王某", "text": "数量不符"}
    )
    objection = app.objections.get()
    bureau.post(f"/subsidy/objections/{objection.pk}/resolve/", {"resolution": "核实无误"})
    Publicity.objects.filter(pk=publicity.pk).update(
        starts_on=timezone.localdate() - timedelta(days=10),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    bureau.post(f"/subsidy/publicities/{publicity.pk}/close/")
    assert farm.name not in Client().get("/public/subsidy/").content.decode()
    bureau.post(
        f"/subsidy/applications/{app.pk}/payment/",
        {
            "account_kind": "yikatong",
            "account_no": "6228480012345",
            "paid_on": timezone.localdate().isoformat(),
        },
    )
    app.refresh_from_db()
    assert app.status == "paid"
    summary = bureau.get("/subsidy/summary/").content.decode()
    assert "17170.00" in summary


def test_a_refused_action_shows_the_reason_and_changes_nothing(personas, approved):
    response = client_for(personas.bureau).post(
        f"/subsidy/applications/{approved.pk}/payment/",
        {"account_kind": "bank", "account_no": "1", "paid_on": "not-a-date"},
        follow=True,
    )
    text = response.content.decode()
    assert "拨付日期：日期格式应为 年-月-日" in text  # the field by its label, in Chinese
    assert "VALIDATION_ERROR" not in text
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_a_bad_form_is_answered_422(personas, policy):
    response = client_for(personas.farmer_longquan).post(
        "/subsidy/qualifications/new/", {"farm": "abc", "policy": policy.code}
    )
    assert response.status_code == 422


def test_the_public_page_needs_no_login_and_shows_nothing_when_none_runs(db):
    response = Client().get("/public/subsidy/")
    assert response.status_code == 200
    assert "目前没有正在公示" in response.content.decode()


def test_the_county_copies_a_policy_in_the_page(personas):
    from smartvet.subsidy.models import SubsidyPolicy

    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    response = client_for(personas.bureau).post(
        "/subsidy/policies/",
        {
            "source": source.pk,
            "code": "yiling-2025",
            "name": "夷陵区2025",
            "region": "420506",
            "shift_years": "1",
        },
    )
    assert response.status_code == 302
    copy = SubsidyPolicy.objects.get(code="yiling-2025")
    assert copy.rules["cycle_start"] == "2025-03-11"


def test_publicity_export(personas, approved):
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=approved.policy.code)
    )
    response = client_for(personas.bureau).get(f"/subsidy/publicities/{publicity.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][0] == approved.number


def test_a_provider_is_offered_only_the_farms_it_serves(personas, policy):
    from smartvet.registry import services as registry_services
    from tests.support.factories import make_farm

    served = make_farm(personas.station_longquan, name="服务的场")
    make_farm(personas.station_longquan, name="别人的场")
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=served.pk, username="vaccinator_longquan"
    )
    text = client_for(personas.provider_xingmu).get("/subsidy/qualifications/new/").content
    assert "服务的场" in text.decode() and "别人的场" not in text.decode()


def test_the_application_form_offers_only_what_may_be_applied_for(personas, policy, platform):
    qualified = factories.qualified_farm(personas, policy)
    waiting = factories.scale_farm(personas.farmer_longquan, name="资质未审的场")
    services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=waiting.pk, policy=policy.code),
    )
    applied = factories.approved_application(personas, policy).farm
    closed = factories.make_policy(
        personas.bureau,
        code="closed-420506",
        qualification_deadline=(timezone.localdate() - timedelta(days=1)).isoformat(),
    )
    farmer = client_for(personas.farmer_longquan)
    form = farmer.get("/subsidy/applications/new/").content.decode()
    assert qualified.name in form
    assert waiting.name not in form and applied.name not in form
    assert f'value="{policy.code}"' in form and f'value="{closed.code}"' not in form
    qualification_form = farmer.get("/subsidy/qualifications/new/").content.decode()
    assert f'value="{policy.code}"' in qualification_form
    assert f'value="{closed.code}"' not in qualification_form


def test_an_applicant_with_nothing_qualified_is_told_what_to_do_first(personas, policy):
    form = client_for(personas.farmer_longquan).get("/subsidy/applications/new/").content
    assert "请先提交资质申请" in form.decode()


def test_the_publicity_starts_today_unless_another_day_is_picked(personas, policy):
    page = client_for(personas.bureau).get("/subsidy/publicities/").content.decode()
    assert f'name="starts_on" value="{timezone.localdate().isoformat()}"' in page
