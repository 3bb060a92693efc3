"""Counting from the platform's own records: registry stock, immunization records, antibody
tests and vaccine lots, origin-quarantine certificates (read through the other apps' public
queries, by plain import: a renamed query fails loudly, it never counts zero)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from smartvet.immunization import commands as immunization_commands
from smartvet.immunization import services as immunization_services
from smartvet.quarantine import commands as quarantine_commands
from smartvet.quarantine import services as quarantine_services
from smartvet.subsidy import commands, counting, services
from tests.subsidy import factories
from tests.support.factories import make_farm


def _immunize(farmer, farm, *, category="sow", disease="FMD", animals: int, doses=1000, back=3):
    day = timezone.localdate() - timedelta(days=back)
    lot = immunization_services.receive_lot(
        actor=farmer,
        command=immunization_commands.ReceiveLot(
            product="口蹄疫灭活疫苗" if disease == "FMD" else "禽流感灭活疫苗",
            manufacturer="中牧",
            approval_number="兽药生字001",
            batch=f"T{farm.pk}{category}",
            expiry=day + timedelta(days=300),
            diseases=[disease],
            doses=doses,
            source="self",
            farm=farm.pk,
            received_on=day,
        ),
    )
    immunization_services.record_immunization(
        actor=farmer,
        command=immunization_commands.RecordImmunization(
            farm=farm.pk,
            date=day,
            category=category,
            disease=disease,
            lot=lot.pk,
            animals=animals,
            doses=animals,
        ),
    )


def _certify(personas, farm, *, category: str, quantity: int):
    """An origin-quarantine certificate for `quantity` animals leaving the farm."""
    today = timezone.localdate()
    declaration = quarantine_services.submit_declaration(
        actor=personas.farmer_longquan,
        command=quarantine_commands.DeclarationIn(
            farm=farm.pk,
            category=category,
            quantity=quantity,
            purpose="slaughter",
            destination={"region": "420506107", "place": "夷陵区定点屠宰场"},
            departure_date=today + timedelta(days=3),
            vehicle="鄂E12345",
        ),
    )
    quarantine_services.accept_declaration(
        actor=personas.vet_longquan, declaration_id=declaration.pk
    )
    quarantine_services.inspect_declaration(
        actor=personas.vet_longquan,
        declaration_id=declaration.pk,
        command=quarantine_commands.InspectIn(result="pass"),
    )
    declaration.refresh_from_db()
    return declaration.certificate


def _counts(farm, policy):
    rules = policy.as_policy()
    return counting.farm_counts(farm, rules.cycle_start, rules.cycle_end)


def test_counts_come_from_the_records(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    _immunize(personas.farmer_longquan, farm, animals=380)
    immunization_services.record_antibody_test(
        actor=personas.farmer_longquan,
        command=immunization_commands.RecordAntibodyTest(
            farm=farm.pk,
            disease="FMD",
            sampled_on=timezone.localdate() - timedelta(days=1),
            samples=20,
            qualified=17,
            lab="测试实验室",
        ),
    )
    counts = _counts(farm, policy)
    assert counts["stock"] == {"sow": 400, "fattening_pig": 900}
    assert counts["immunized"] == {"sow": 380}
    assert counts["doses_bought"] == 1000 and counts["doses_used"] == 380
    assert counts["antibody_tests"][0]["samples"] == 20
    assert counts["quarantined"] == {} and counts["output"] == {}


def test_an_application_is_computed_from_the_records(personas, policy):
    farm = factories.qualified_farm(personas, policy)
    _immunize(personas.farmer_longquan, farm, animals=380)
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
    _immunize(personas.farmer_longquan, farm, animals=300, back=5)
    counts = _counts(farm, policy)
    assert counts["immunized"] == {} and counts["doses_bought"] == 0


def test_output_is_read_from_the_certificates_and_a_revoked_one_stops_counting(personas, policy):
    """Replaces the test that locked in a silent fallback (no quarantine query: count
    nothing). The counts follow the quarantine app's real certificates: issued, they count
    as output and as quarantined; revoked, they no longer do."""
    farm = make_farm(personas.farmer_longquan, stock={"broiler": 12000})
    _immunize(
        personas.farmer_longquan,
        farm,
        category="broiler",
        disease="HPAI",
        animals=12000,
        doses=12000,
    )
    certificate = _certify(personas, farm, category="broiler", quantity=11000)
    counts = _counts(farm, policy)
    assert counts["output"] == counts["quarantined"] == {"broiler": 11000}
    assert counts["immunized"] == {"broiler": 12000}
    quarantine_services.revoke_certificate(
        actor=personas.vet_longquan,
        number=certificate.number,
        command=quarantine_commands.RevokeIn(reason="申报信息有误"),
    )
    counts = _counts(farm, policy)
    assert counts["output"] == counts["quarantined"] == {}


def test_origin_quarantine_certificates_are_counted(personas, policy):
    """A broiler farm: 12,000 immunized, 11,000 leave with a certificate; the line counts
    min(quarantined 11000, immunized 12000) x 0.20."""
    farmer = personas.farmer_longquan
    farm = factories.qualified_farm(
        personas, policy, farm=make_farm(farmer, stock={"broiler": 12000})
    )
    _immunize(farmer, farm, category="broiler", disease="HPAI", animals=12000, doses=12000)
    _certify(personas, farm, category="broiler", quantity=11000)
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
