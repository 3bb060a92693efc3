"""Accept, reject, inspect: only official vets of the farm's region, only along the table."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.access import available_actions
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.quarantine import services
from smartvet.quarantine.commands import InspectIn, RejectIn, SlaughterIn
from smartvet.quarantine.models import Certificate, Declaration
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordStockEvent, UpdateFarm
from tests.quarantine import factories


def test_a_declaration_is_accepted_only_once(tagged, declaration):
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    with pytest.raises(DomainError) as exc:
        services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    assert exc.value.code == "INVALID_TRANSITION"


def test_another_townships_vet_cannot_see_the_declaration(tagged, declaration):
    with pytest.raises(NotFound):
        services.accept_declaration(actor=tagged.vet_yaqueling, declaration_id=declaration.pk)


@pytest.mark.parametrize("role", ["station_longquan", "farmer_longquan", "county_supervisor"])
def test_only_official_vets_act(tagged, declaration, role):
    with pytest.raises(PermissionDenied):
        services.accept_declaration(actor=getattr(tagged, role), declaration_id=declaration.pk)


def test_rejection_needs_a_reason_and_frees_the_tags(tagged, declaration):
    with pytest.raises(DomainError) as exc:
        services.reject_declaration(
            actor=tagged.vet_longquan,
            declaration_id=declaration.pk,
            command=factories.command(RejectIn, reason="  "),
        )
    assert exc.value.code == "VALIDATION_ERROR"
    rejected = services.reject_declaration(
        actor=tagged.vet_longquan,
        declaration_id=declaration.pk,
        command=factories.command(RejectIn, reason="车辆未备案"),
    )
    assert rejected.status == "rejected" and rejected.rejection_reason == "车辆未备案"
    assert factories.tag_status(tagged, 1)["claim"] is None
    again = factories.declare(tagged.farmer_longquan, declaration.farm, factories.tags(1, 5))
    assert again.status == "submitted"


def test_inspection_before_acceptance_is_an_invalid_transition(tagged, declaration):
    with pytest.raises(DomainError) as exc:
        services.inspect_declaration(
            actor=tagged.vet_longquan,
            declaration_id=declaration.pk,
            command=factories.command(InspectIn, result="pass"),
        )
    assert exc.value.code == "INVALID_TRANSITION"
    assert not Certificate.objects.exists()


def test_a_rejected_declaration_cannot_be_accepted(tagged, declaration):
    services.reject_declaration(
        actor=tagged.vet_longquan,
        declaration_id=declaration.pk,
        command=factories.command(RejectIn, reason="x"),
    )
    with pytest.raises(DomainError) as exc:
        services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    assert exc.value.code == "INVALID_TRANSITION"


def test_a_failed_inspection_records_the_handling_and_issues_nothing(tagged, declaration):
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    with pytest.raises(DomainError) as exc:
        services.inspect_declaration(
            actor=tagged.vet_longquan,
            declaration_id=declaration.pk,
            command=factories.command(InspectIn, result="fail"),
        )
    assert exc.value.code == "VALIDATION_ERROR"
    failed = services.inspect_declaration(
        actor=tagged.vet_longquan,
        declaration_id=declaration.pk,
        command=factories.command(
            InspectIn, result="fail", notes="2头体温升高", handling="隔离观察，送检"
        ),
    )
    assert failed.status == "failed" and failed.handling == "隔离观察，送检"
    assert not Certificate.objects.exists()
    assert registry_queries.current_stock(failed.farm)["fattening_pig"] == 100
    assert factories.tag_status(tagged, 1)["claim"] is None


def test_passing_issues_the_certificate_lowers_stock_and_puts_tags_in_transit(tagged, declaration):
    cert = factories.certify(tagged, declaration)
    assert cert.quantity == 5 and cert.unit == "头" and cert.kind == "B"
    assert cert.vet_name == "李官方兽医"
    assert cert.ear_tags == factories.tags(1, 5)
    assert registry_queries.current_stock(declaration.farm)["fattening_pig"] == 95
    assert factories.tag_status(tagged, 1)["status"] == "in_transit"
    assert LedgerEvent.objects.filter(action="certificate.issued", object_id=cert.pk).exists()
    start = max(timezone.localdate(), declaration.departure_date)
    assert timezone.localtime(cert.valid_until).date() == start  # 动物B: the day itself


def test_leaving_the_province_gives_an_animal_a_certificate_valid_five_days(tagged, farm):
    declaration = factories.declare(
        tagged.farmer_longquan, farm, factories.tags(1, 2), destination_region="419001"
    )
    cert = factories.certify(tagged, declaration)
    assert cert.kind == "A" and cert.valid_days == 5
    assert cert.number.startswith("A420506")
    start = max(timezone.localdate(), declaration.departure_date)
    assert timezone.localtime(cert.valid_until).date() == start + timedelta(days=4)


def test_a_farm_that_became_incomplete_gets_no_certificate(tagged, declaration):
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    registry_services.update_farm(
        actor=tagged.station_longquan, farm_id=declaration.farm_id, command=UpdateFarm(phone="")
    )
    with pytest.raises(DomainError) as exc:
        services.inspect_declaration(
            actor=tagged.vet_longquan,
            declaration_id=declaration.pk,
            command=factories.command(InspectIn, result="pass"),
        )
    assert exc.value.code == "FARM_INFO_INCOMPLETE"
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    assert not Certificate.objects.exists()


def test_stock_sold_meanwhile_stops_the_certificate_and_changes_nothing(tagged, declaration):
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    registry_services.record_stock_event(
        actor=tagged.farmer_longquan,
        farm_id=declaration.farm_id,
        command=RecordStockEvent(
            category="fattening_pig",
            kind="sale",
            quantity=98,
            date=timezone.localdate(),
            certificate_no="B420506OTHER",
        ),
    )
    with pytest.raises(DomainError) as exc:
        services.inspect_declaration(
            actor=tagged.vet_longquan,
            declaration_id=declaration.pk,
            command=factories.command(InspectIn, result="pass"),
        )
    assert exc.value.code == "STOCK_INSUFFICIENT"
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    assert factories.tag_status(tagged, 1)["status"] != "in_transit"


def test_bad_inspection_input(tagged, declaration):
    services.accept_declaration(actor=tagged.vet_longquan, declaration_id=declaration.pk)
    for kwargs in ({"result": "maybe"}, {"result": "pass", "notes": "x" * 501}):
        with pytest.raises(DomainError) as exc:
            services.inspect_declaration(
                actor=tagged.vet_longquan,
                declaration_id=declaration.pk,
                command=factories.command(InspectIn, **kwargs),
            )
        assert exc.value.code == "VALIDATION_ERROR"


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        ("submitted", ["accept", "reject"]),
        ("accepted", ["pass", "fail"]),
        ("rejected", []),
        ("failed", []),
        ("certified", []),
    ],
)
def test_what_the_vet_may_still_do_with_a_declaration(tagged, farm, status, actions):
    """Accept or reject a new declaration, pass or fail an accepted one; once rejected,
    failed or certified, a declaration is closed for everyone."""
    declaration = Declaration(farm=farm, status=status)
    assert available_actions(tagged.vet_longquan, declaration).names == actions
    for username in ("farmer_longquan", "station_longquan", "county_supervisor"):
        assert available_actions(getattr(tagged, username), declaration).names == []


def test_past_its_validity_a_certificate_still_arrives_late_or_is_revoked_but_not_slaughtered(
    tagged, certificate
):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - timedelta(days=2)
    )
    certificate.refresh_from_db()
    assert certificate.stage == "expired"
    assert available_actions(tagged.slaughterhouse, certificate).names == ["print", "arrival"]
    assert available_actions(tagged.vet_longquan, certificate).names == ["print", "revoke"]


def test_after_slaughter_the_certificate_can_only_be_printed(tagged, certificate):
    services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=factories.command(
            SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
        ),
    )
    fresh = Certificate.objects.get(pk=certificate.pk)
    assert fresh.stage == "slaughtered"
    for username in ("slaughterhouse", "vet_longquan", "farmer_longquan"):
        assert available_actions(getattr(tagged, username), fresh).names == ["print"]
