"""Admin: a policy is renamed through the service (version + ledger); its parameters are not
JSON here but edited item by item in the policy form the change page links to."""

from __future__ import annotations

import json

from django.test import Client

from smartvet.core.models import LedgerEvent
from smartvet.subsidy.models import SubsidyPolicy


def _admin(personas) -> Client:
    client = Client()
    client.force_login(personas.admin)
    return client


def _url(policy) -> str:
    return f"/admin/subsidy/subsidypolicy/{policy.pk}/change/"


def test_the_admin_renames_a_policy_through_the_service(personas):
    policy = SubsidyPolicy.objects.get(code="jiyuan-2024")
    response = _admin(personas).post(_url(policy), {"name": "济源示范区先打后补（模板）"})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.version == 2 and policy.name == "济源示范区先打后补（模板）"
    assert policy.rules["budget"] == "600000.00"
    assert LedgerEvent.objects.filter(action="subsidy.policy_updated").exists()


def test_the_admin_shows_no_json_and_links_to_the_policy_form(personas):
    policy = SubsidyPolicy.objects.get(code="jiyuan-2024")
    client = _admin(personas)
    page = client.get(_url(policy)).content.decode()
    assert 'name="rules"' not in page and '"rates"' not in page
    assert f"/subsidy/policies/{policy.pk}/edit/" in page
    # The administrator keeps the shipped templates: the form opens for them.
    assert client.get(f"/subsidy/policies/{policy.pk}/edit/").status_code == 200


def test_rules_posted_to_the_admin_change_nothing(personas):
    policy = SubsidyPolicy.objects.get(code="jiyuan-2024")
    _admin(personas).post(_url(policy), {"name": policy.name, "rules": json.dumps({"budget": "1"})})
    policy.refresh_from_db()
    assert policy.version == 1 and policy.rules["budget"] == "600000.00"
