"""The county summary (entitled, allocated, paid by species) and the home-page panel."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from smartvet.subsidy import commands, queries, services
from tests.subsidy import factories


def test_allocated_by_species_adds_up_to_the_budget(personas, platform):
    policy = factories.make_policy(personas.bureau, budget="10000.01")
    pigs = factories.scale_farm(personas.farmer_longquan)
    cattle = factories.scale_farm(personas.farmer_longquan)
    platform[cattle.pk] = factories.counts(
        stock={"dairy_cattle": 333}, immunized={"dairy_cattle": 333}
    )
    for farm in (pigs, cattle):
        factories.approved_application(personas, policy, farm=farm)
    services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    data = queries.county_summary(personas.bureau, policy=policy.code)
    assert data["farms"] == 2
    assert data["totals"]["entitled"] == Decimal("17170.00") + Decimal("2997.00")
    assert data["totals"]["allocated"] == Decimal("10000.01")
    by_species = {entry["species"]: entry for entry in data["species"]}
    assert set(by_species) == {"pig", "cattle"}
    assert sum(e["allocated"] for e in by_species.values()) == Decimal("10000.01")
    for entry in by_species.values():
        assert entry["allocated"] <= entry["entitled"]
        assert sum(row["allocated"] for row in entry["categories"]) == entry["allocated"]
    assert data["totals"]["paid"] == 0


def test_another_county_sees_nothing_in_its_summary(personas, policy, platform):
    factories.approved_application(personas, policy)
    assert queries.county_summary(personas.jiyuan_bureau)["totals"]["entitled"] == 0


def test_the_home_page_shows_what_waits_for_the_supervisor(personas, policy, platform):
    farm = factories.scale_farm(personas.farmer_longquan)
    services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    client = Client()
    client.force_login(personas.county_supervisor)
    text = client.get("/").content.decode()
    assert "先打后补" in text and "资质申请待初审" in text


def test_a_role_without_subsidy_work_gets_no_panel(personas):
    client = Client()
    client.force_login(personas.slaughterhouse)
    assert "先打后补" not in client.get("/").content.decode()


def test_payments_due_count_down_to_the_deadline(personas, policy, platform, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    app = factories.approved_application(personas, policy)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    monkeypatch.setattr(services, "_today", lambda: publicity.ends_on + timedelta(days=1))
    services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    (due,) = queries.payments_due(personas.bureau)
    assert due["count"] == 1 and due["amount"] == Decimal("17170.00")
    assert due["days_left"] == (policy.as_policy().payment_deadline - timezone.localdate()).days
    client = Client()
    client.force_login(personas.bureau)
    assert "待拨付 1 项" in client.get("/subsidy/payments/").content.decode()
    app.refresh_from_db()
    assert app.status == "publicized"
