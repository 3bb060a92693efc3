"""Admin: editing a policy goes through the service (version + ledger)."""

from __future__ import annotations

import json

from django.test import Client

from smartvet.core.models import LedgerEvent
from smartvet.subsidy.models import SubsidyPolicy


def test_the_admin_edits_a_policy_through_the_service(personas):
    policy = SubsidyPolicy.objects.get(code="jiyuan-2024")
    client = Client()
    client.force_login(personas.admin)
    url = f"/admin/subsidy/subsidypolicy/{policy.pk}/change/"
    assert client.get(url).status_code == 200
    rules = {**policy.rules, "budget": "700000.00"}
    response = client.post(url, {"name": policy.name, "rules": json.dumps(rules)})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.version == 2 and policy.rules["budget"] == "700000.00"
    assert LedgerEvent.objects.filter(action="subsidy.policy_updated").exists()


def test_the_admin_refuses_broken_rules(personas):
    policy = SubsidyPolicy.objects.get(code="jiyuan-2024")
    client = Client()
    client.force_login(personas.admin)
    url = f"/admin/subsidy/subsidypolicy/{policy.pk}/change/"
    client.post(url, {"name": policy.name, "rules": json.dumps({"budget": "1"})})
    policy.refresh_from_db()
    assert policy.version == 1 and policy.rules["budget"] == "600000.00"
