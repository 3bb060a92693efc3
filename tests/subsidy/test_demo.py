"""先打后补 out of the box in both demo counties (issue 10 point 10): a policy for the cycle of
the day the demo is loaded, a qualified farm its farmer or provider applies for at once, and
applications waiting for the supervisor's and the bureau's review."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from smartvet.core.access import available_actions
from smartvet.immunization import demo as immunization_demo
from smartvet.registry import demo as registry_demo
from smartvet.subsidy import commands, queries, services
from smartvet.subsidy import demo as subsidy_demo
from smartvet.subsidy.models import Qualification, SubsidyApplication, SubsidyPolicy

# county: (applicant, supervisor, bureau)
COUNTIES = {
    "420506": ("farmer_longquan", "county_supervisor", "bureau"),
    "419001": ("provider_jiyuan", "jiyuan_supervisor", "jiyuan_bureau"),
}


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _policy(region: str) -> SubsidyPolicy:
    return SubsidyPolicy.objects.get(region_id=region)


@pytest.mark.parametrize("region", COUNTIES)
def test_each_county_has_a_policy_for_todays_cycle(demo, region):
    policy = _policy(region).as_policy()
    today = timezone.localdate()
    assert policy.cycle_start <= today <= policy.cycle_end
    assert today <= policy.qualification_deadline
    assert str(policy.cycle_start.year) in policy.name


@pytest.mark.parametrize("region", COUNTIES)
def test_the_farmer_or_provider_applies_at_once(demo, personas, region):
    applicant = getattr(personas, COUNTIES[region][0])
    policy = _policy(region)
    waiting = [
        item
        for item in Qualification.objects.filter(policy=policy, status="approved")
        if not SubsidyApplication.objects.filter(farm=item.farm, policy=policy).exists()
    ]
    assert waiting, "a qualified farm with nothing applied yet"
    farm = waiting[0].farm
    assert farm in queries.farms_for_applicant(applicant)
    form = client_for(applicant).get("/subsidy/applications/new/").content.decode()
    assert farm.name in form and policy.name in form
    application = services.submit_application(
        actor=applicant,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    assert application.entitled > 0


@pytest.mark.parametrize("region", COUNTIES)
def test_the_supervisor_and_the_bureau_find_applications_to_review(demo, personas, region):
    _applicant, supervisor, bureau = (getattr(personas, name) for name in COUNTIES[region])
    for user, status, action in (
        (supervisor, "submitted", "preliminary-approve"),
        (bureau, "preliminary_approved", "approve"),
    ):
        items = list(queries.applications_visible_to(user, status=status))
        assert items and all(item.farm.region_id.startswith(region) for item in items)
        assert action in available_actions(user, items[0])
        listing = client_for(user).get("/subsidy/", {"status": status}).content.decode()
        assert items[0].number in listing


def test_the_farmers_application_reads_in_words(demo, personas):
    policy = _policy("420506")
    farm = Qualification.objects.get(policy=policy, farm__owner=personas.farmer_longquan).farm
    application = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    page = client_for(personas.farmer_longquan).get(f"/subsidy/applications/{application.pk}/")
    assert "按存栏120头与免疫120头取小" in page.content.decode()


def test_loading_again_changes_nothing(demo):
    before = (SubsidyPolicy.objects.count(), SubsidyApplication.objects.count())
    call_command("demo", no_serve=True)
    assert (SubsidyPolicy.objects.count(), SubsidyApplication.objects.count()) == before


def test_the_cycle_is_the_one_of_the_day_the_demo_is_loaded(personas, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2031, 2, 1))
    registry_demo.load("x")
    immunization_demo.load("x")
    subsidy_demo.load("x")
    for region in COUNTIES:
        rules = _policy(region).rules
        assert (rules["cycle_start"], rules["cycle_end"]) == ("2030-03-11", "2031-03-10")
        assert rules["payment_deadline"] == "2031-04-30"
