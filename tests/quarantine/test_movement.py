"""Checkpoint checks, arrival reports, the overdue list and slaughterhouse entry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.quarantine import queries, services
from smartvet.quarantine.commands import ArrivalIn, CheckIn, RevokeIn, SlaughterIn
from smartvet.quarantine.models import Certificate
from smartvet.registry import queries as registry_queries
from tests.quarantine import factories
from tests.support.factories import make_farm


def expire(cert, hours: int = 1):
    Certificate.objects.filter(pk=cert.pk).update(
        valid_until=timezone.now() - timedelta(hours=hours)
    )
    cert.refresh_from_db()


# --- checkpoint ----------------------------------------------------------------------------


def test_a_checkpoint_records_a_matching_load(tagged, certificate):
    check = services.record_checkpoint_check(
        actor=tagged.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, vehicle="鄂E A1234", count_seen=5),
    )
    assert check.result == "pass" and check.flags == []


def test_a_checkpoint_flags_what_does_not_match(tagged, certificate):
    check = services.record_checkpoint_check(
        actor=tagged.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, vehicle="鄂E·B0000", count_seen=7),
    )
    assert check.result == "fail"
    assert check.flags == ["vehicle_mismatch", "count_mismatch"]


def test_a_checkpoint_sees_a_revoked_certificate(tagged, certificate):
    services.revoke_certificate(
        actor=tagged.vet_longquan,
        number=certificate.number,
        command=factories.command(RevokeIn, reason="x"),
    )
    check = services.record_checkpoint_check(
        actor=tagged.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, vehicle="鄂E·A1234", count_seen=5),
    )
    assert "certificate_revoked" in check.flags


def test_only_checkpoints_record_checks_and_bad_input_is_refused(tagged, certificate):
    with pytest.raises(PermissionDenied):
        services.record_checkpoint_check(
            actor=tagged.vet_longquan,
            number=certificate.number,
            command=factories.command(CheckIn, vehicle="x", count_seen=1),
        )
    with pytest.raises(NotFound):
        services.record_checkpoint_check(
            actor=tagged.checkpoint,
            number="B420506NOTEXISTING0",
            command=factories.command(CheckIn, vehicle="x", count_seen=1),
        )
    for kwargs in ({"vehicle": "", "count_seen": 1}, {"vehicle": "x" * 21, "count_seen": 1}):
        with pytest.raises(DomainError) as exc:
            services.record_checkpoint_check(
                actor=tagged.checkpoint,
                number=certificate.number,
                command=factories.command(CheckIn, **kwargs),
            )
        assert exc.value.code == "VALIDATION_ERROR"


# --- arrival -------------------------------------------------------------------------------


def test_arrival_with_fewer_animals_is_flagged(tagged, certificate):
    arrived = services.report_arrival(
        actor=tagged.slaughterhouse,
        number=certificate.number,
        command=factories.command(ArrivalIn, received_quantity=4),
    )
    assert arrived.status == "arrived" and arrived.received_quantity == 4
    assert arrived.arrival_flags == ["short"]
    assert factories.tag_status(tagged, 1)["status"] == "fitted"


def test_arrival_is_reported_once(tagged, certificate):
    services.report_arrival(
        actor=tagged.slaughterhouse,
        number=certificate.number,
        command=factories.command(ArrivalIn, received_quantity=5),
    )
    with pytest.raises(DomainError) as exc:
        services.report_arrival(
            actor=tagged.slaughterhouse,
            number=certificate.number,
            command=factories.command(ArrivalIn, received_quantity=5),
        )
    assert exc.value.code == "INVALID_TRANSITION"


def test_a_late_arrival_report_is_flagged(tagged, certificate):
    expire(certificate, hours=30)
    arrived = services.report_arrival(
        actor=tagged.slaughterhouse,
        number=certificate.number,
        command=factories.command(ArrivalIn, received_quantity=5),
    )
    assert arrived.arrival_flags == ["late"]


def test_certificates_past_validity_without_arrival_are_listed(tagged, certificate):
    assert not queries.overdue_arrivals(tagged.vet_longquan).exists()
    expire(certificate, hours=25)
    assert list(queries.overdue_arrivals(tagged.vet_longquan)) == [certificate]
    assert queries.work_queue_counts(tagged.vet_longquan)["overdue"] == 1
    services.report_arrival(
        actor=tagged.slaughterhouse,
        number=certificate.number,
        command=factories.command(ArrivalIn, received_quantity=5),
    )
    assert not queries.overdue_arrivals(tagged.vet_longquan).exists()


def test_arrival_at_a_farm_is_reported_by_its_owner_and_adds_to_its_stock(tagged, farm):
    receiving = make_farm(tagged.farmer_longquan, stock={"fattening_pig": 10})
    declaration = factories.declare(
        tagged.farmer_longquan,
        farm,
        factories.tags(1, 3),
        purpose="rearing",
        destination_region=receiving.region_id,
        destination_kind="farm",
        destination_farm_id=receiving.pk,
        destination_place=receiving.name,
    )
    cert = factories.certify(tagged, declaration)
    with pytest.raises(PermissionDenied):
        services.report_arrival(
            actor=tagged.cdc,
            number=cert.number,
            command=factories.command(ArrivalIn, received_quantity=3),
        )
    services.report_arrival(
        actor=tagged.farmer_longquan,
        number=cert.number,
        command=factories.command(ArrivalIn, received_quantity=3),
    )
    assert registry_queries.current_stock(receiving)["fattening_pig"] == 13
    assert factories.tag_status(tagged, 1)["farm"]["id"] == receiving.pk


def test_the_origin_farmer_cannot_report_arrival_at_a_slaughterhouse(tagged, certificate):
    with pytest.raises(PermissionDenied):
        services.report_arrival(
            actor=tagged.farmer_longquan,
            number=certificate.number,
            command=factories.command(ArrivalIn, received_quantity=5),
        )


def test_a_station_outside_the_destination_does_not_find_the_certificate(tagged, certificate):
    with pytest.raises(NotFound):
        services.report_arrival(
            actor=tagged.station_yaqueling,
            number=certificate.number,
            command=factories.command(ArrivalIn, received_quantity=5),
        )


def test_a_negative_count_is_refused(tagged, certificate):
    with pytest.raises(DomainError) as exc:
        services.report_arrival(
            actor=tagged.slaughterhouse,
            number=certificate.number,
            command=factories.command(ArrivalIn, received_quantity=-1),
        )
    assert exc.value.code == "VALIDATION_ERROR"


# --- slaughterhouse ------------------------------------------------------------------------


def test_slaughter_is_recorded_once(tagged, certificate):
    services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=factories.command(
            SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
        ),
    )
    with pytest.raises(DomainError) as exc:
        services.record_slaughter_entry(
            actor=tagged.slaughterhouse,
            command=factories.command(
                SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
            ),
        )
    assert exc.value.code == "SLAUGHTER_RECORDED"


def test_a_revoked_or_expired_certificate_cannot_enter(tagged, certificate):
    expire(certificate)
    with pytest.raises(DomainError) as exc:
        services.record_slaughter_entry(
            actor=tagged.slaughterhouse,
            command=factories.command(
                SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
            ),
        )
    assert exc.value.code == "CERTIFICATE_INVALID"
    assert exc.value.details[0]["status"] == "expired"
    assert factories.tag_status(tagged, 1)["status"] == "in_transit"


def test_malformed_tags_at_entry_are_refused_and_nothing_changes(tagged, certificate):
    with pytest.raises(DomainError) as exc:
        services.record_slaughter_entry(
            actor=tagged.slaughterhouse,
            command=factories.command(
                SlaughterIn, certificate=certificate.number, ear_tags=["12345", "abc"]
            ),
        )
    assert exc.value.code == "EARTAG_MALFORMED" and len(exc.value.details) == 2
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_only_the_slaughterhouse_records_slaughter(tagged, certificate):
    with pytest.raises(PermissionDenied):
        services.record_slaughter_entry(
            actor=tagged.checkpoint,
            command=factories.command(
                SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
            ),
        )


def test_poultry_slaughter_counts_without_tags(tagged):
    farm = make_farm(tagged.farmer_longquan, stock={"broiler": 5000})
    factories.immunize(tagged, farm, category="broiler", disease="HPAI", animals=5000)
    declaration = factories.declare(
        tagged.farmer_longquan, farm, [], quantity=3000, category="broiler"
    )
    cert = factories.certify(tagged, declaration)
    assert cert.unit == "羽"
    entry = services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=factories.command(
            SlaughterIn, certificate=cert.number, ear_tags=[], slaughtered=2990
        ),
    )
    assert entry.slaughtered == 2990 and not entry.reconciled


def test_the_arrival_notes_are_kept_and_shown(api, client, tagged, certificate):
    notes = "1头途中死亡，已无害化处理"
    response = api(tagged.slaughterhouse).post(
        f"/api/v1/certificates/{certificate.number}/arrival",
        {"received_quantity": 4, "notes": notes},
    )
    assert response.status_code == 200 and response.json()["arrival_notes"] == notes
    certificate.refresh_from_db()
    assert certificate.arrival_notes == notes
    client.force_login(tagged.vet_longquan)
    page = client.get(f"/quarantine/certificates/{certificate.number}/").content.decode()
    assert notes in page
    assert (
        api(tagged.vet_longquan)
        .get(f"/api/v1/certificates/{certificate.number}")
        .json()["arrival_notes"]
        == notes
    )


def test_arrival_notes_typed_on_the_page_are_kept(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    response = client.post(
        f"/quarantine/certificates/{certificate.number}/arrival/",
        {"received_quantity": "5", "notes": "车辆已消毒"},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.arrival_notes == "车辆已消毒" and certificate.status == "arrived"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="arrival-notes"' in page and "车辆已消毒" in page
