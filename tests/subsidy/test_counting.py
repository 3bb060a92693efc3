"""Counting from the platform's own records: registry stock, immunization records, antibody
tests and vaccine lots, origin-quarantine certificates."""

from __future__ import annotations

import importlib
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from smartvet.immunization import services as immunization_services
from smartvet.subsidy import commands, counting, services
from tests.subsidy import factories
from tests.support.factories import make_farm


def _immunize(farmer, farm, *, sows: int, doses: int = 1000, back: int = 3):
    today = timezone.localdate()
    lot = immunization_services.receive_lot(
        actor=farmer,
        product="口蹄疫灭活疫苗",
        manufacturer="中牧",
        approval_number="兽药生字001",
        batch=f"T{farm.pk}",
        expiry=today + timedelta(days=300),
        diseases=["FMD"],
        doses=doses,
        source="self",
        farm_id=farm.pk,
        received_on=today - timedelta(days=back),
    )
    immunization_services.record_immunization(
        actor=farmer,
        farm_id=farm.pk,
        on=today - timedelta(days=back),
        category="sow",
        disease="FMD",
        lot_id=lot.pk,
        animals=sows,
        doses=sows,
    )


def test_counts_come_from_the_records(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    _immunize(personas.farmer_longquan, farm, sows=380)
    immunization_services.record_antibody_test(
        actor=personas.farmer_longquan,
        farm_id=farm.pk,
        disease="FMD",
        sampled_on=timezone.localdate() - timedelta(days=1),
        samples=20,
        qualified=17,
        lab="测试实验室",
    )
    rules = policy.as_policy()
    counts = counting.farm_counts(farm, rules.cycle_start, rules.cycle_end)
    assert counts["stock"] == {"sow": 400, "fattening_pig": 900}
    assert counts["immunized"] == {"sow": 380}
    assert counts["doses_bought"] == 1000 and counts["doses_used"] == 380
    assert counts["antibody_tests"][0]["samples"] == 20
    assert counts["quarantined"] == {}


def test_an_application_is_computed_from_the_records(personas, policy):
    farm = factories.qualified_farm(personas, policy)
    _immunize(personas.farmer_longquan, farm, sows=380)
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    assert app.lines[0] == {
        "category": "sow",
        "count": 380,
        "rate": "18.00",
        "amount": "6840.00",
        "basis": "min(stock 400, immunized 380)",
    }
    assert app.entitled == Decimal("6840.00")
    assert [flag["code"] for flag in app.flags] == ["ANTIBODY_TEST_MISSING"]


def test_records_outside_the_cycle_do_not_count(personas):
    today = timezone.localdate()
    policy = factories.make_policy(
        personas.bureau, cycle_start=(today - timedelta(days=2)).isoformat()
    )
    farm = factories.scale_farm(personas.farmer_longquan)
    _immunize(personas.farmer_longquan, farm, sows=300, back=5)
    rules = policy.as_policy()
    counts = counting.farm_counts(farm, rules.cycle_start, rules.cycle_end)
    assert counts["immunized"] == {} and counts["doses_bought"] == 0


def test_without_the_quarantine_function_there_is_no_quarantine_data(personas, monkeypatch):
    quarantine = importlib.import_module("smartvet.quarantine.queries")
    monkeypatch.delattr(quarantine, "quarantined_counts")
    farm = factories.scale_farm(personas.farmer_longquan)
    today = timezone.localdate()
    assert counting.quarantined_counts(farm, today, today) == {}


def test_origin_quarantine_certificates_are_counted(personas, policy):
    """A broiler farm: 12,000 immunized, 11,000 leave with a certificate; the line counts
    min(quarantined 11000, immunized 12000) x 0.20."""
    from smartvet.quarantine import services as quarantine_services

    farmer = personas.farmer_longquan
    farm = factories.qualified_farm(
        personas, policy, farm=make_farm(farmer, stock={"broiler": 12000})
    )
    today = timezone.localdate()
    lot = immunization_services.receive_lot(
        actor=farmer,
        product="禽流感灭活疫苗",
        manufacturer="哈药",
        approval_number="兽药生字002",
        batch=f"H{farm.pk}",
        expiry=today + timedelta(days=300),
        diseases=["HPAI"],
        doses=12000,
        source="self",
        farm_id=farm.pk,
        received_on=today - timedelta(days=3),
    )
    immunization_services.record_immunization(
        actor=farmer,
        farm_id=farm.pk,
        on=today - timedelta(days=3),
        category="broiler",
        disease="HPAI",
        lot_id=lot.pk,
        animals=12000,
        doses=12000,
    )
    declaration = quarantine_services.submit_declaration(
        actor=farmer,
        farm_id=farm.pk,
        category="broiler",
        quantity=11000,
        purpose="slaughter",
        destination_region="420506107",
        destination_place="夷陵区定点屠宰场",
        departure_date=today + timedelta(days=3),
        vehicle="鄂E12345",
        ear_tags=[],
    )
    quarantine_services.accept_declaration(
        actor=personas.vet_longquan, declaration_id=declaration.pk
    )
    quarantine_services.inspect_declaration(
        actor=personas.vet_longquan, declaration_id=declaration.pk, result="pass"
    )
    rules = policy.as_policy()
    assert counting.quarantined_counts(farm, rules.cycle_start, rules.cycle_end) == {
        "broiler": 11000
    }
    app = services.submit_application(
        actor=farmer, command=commands.SubmitApplication(farm=farm.pk, policy=policy.code)
    )
    assert app.lines == [
        {
            "category": "broiler",
            "count": 11000,
            "rate": "0.20",
            "amount": "2200.00",
            "basis": "min(quarantined 11000, immunized 12000)",
        }
    ]
