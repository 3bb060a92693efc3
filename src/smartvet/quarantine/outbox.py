"""The quarantine app's events for the national platform (docs/exchange/certificate.*.schema.json,
slaughter.recorded.schema.json). Every event is one of the certificate's story (issued,
checked, arrived, slaughtered, revoked), so the nation receives them in that order. The
owner's and carrier's names and phones stay in the province; the vehicle plate travels (a
checkpoint in another province compares it)."""

from __future__ import annotations

from smartvet.core.outbox import Event
from smartvet.quarantine.models import (
    Certificate,
    CheckpointCheck,
    CrossProvinceReport,
    SlaughterEntry,
)


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def _of(certificate: Certificate, kind: str, data: dict) -> Event:
    return Event(kind, "certificate", certificate.pk, {"number": certificate.number, **data})


def certificate_issued(certificate: Certificate) -> Event:
    return _of(
        certificate,
        "certificate.issued",
        {
            "kind": certificate.kind,
            "species": certificate.species,
            "category": certificate.category,
            "quantity": certificate.quantity,
            "unit": certificate.unit,
            "purpose": certificate.purpose,
            "origin": {
                "region": certificate.origin_region_id,
                "farm": certificate.farm.code if certificate.farm_id else "",
            },
            "destination": {
                "region": certificate.destination_region_id,
                "place": certificate.destination_place,
                "kind": certificate.destination_kind,
            },
            "vehicle": certificate.vehicle,
            "issued_at": _moment(certificate.issued_at),
            "valid_until": _moment(certificate.valid_until),
            "ear_tags": certificate.ear_tags,
        },
    )


def certificate_revoked(certificate: Certificate) -> Event:
    return _of(
        certificate,
        "certificate.revoked",
        {
            "revoked_at": _moment(certificate.revoked_at),
            "reason": certificate.revocation_reason,
        },
    )


def _check_data(check: CheckpointCheck) -> dict:
    return {
        "number": check.number,
        "checkpoint": check.checkpoint_name,
        "region": check.checked_by.region_id,
        "at": _moment(check.at),
        "result": check.result,
        "count_seen": check.count_seen,
        "flags": list(check.flags),
    }


def certificate_checked(check: CheckpointCheck) -> Event:
    return Event("certificate.checked", "certificate", check.certificate_id, _check_data(check))


def foreign_certificate_checked(check: CheckpointCheck) -> Event:
    """A check here of another province's certificate is an event of that province's
    certificate: its id there, and `issued_in` names the province."""
    return Event(
        "certificate.checked",
        "certificate",
        check.origin_certificate_id,
        {**_check_data(check), "issued_in": check.issued_in},
    )


def certificate_arrived(certificate: Certificate) -> Event:
    return _of(
        certificate,
        "certificate.arrived",
        {
            "arrived_at": _moment(certificate.arrived_at),
            "received_quantity": certificate.received_quantity,
            "flags": list(certificate.arrival_flags or []),
        },
    )


def arrived_elsewhere(report: CrossProvinceReport) -> Event | None:
    """Another province's certificate reached this one: its first report here, an arrival or
    a slaughter entry (which arrives a certificate of this province too), is the arrival of
    that province's certificate (its id there, `issued_in`). The slaughter entry's tags were
    not compared here, so it is not a slaughter.recorded."""
    earlier = CrossProvinceReport.objects.filter(
        certificate_number=report.certificate_number, reported_in=report.reported_in
    ).exclude(pk=report.pk)
    if earlier.exists():
        return None
    return Event(
        "certificate.arrived",
        "certificate",
        report.origin_certificate_id,
        {
            "number": report.certificate_number,
            "arrived_at": _moment(report.at),
            "received_quantity": report.quantity,
            "flags": list(report.flags),
            "issued_in": report.certificate_province,
        },
    )


def slaughter_recorded(entry: SlaughterEntry) -> Event:
    return _of(
        entry.certificate,
        "slaughter.recorded",
        {
            "entry": str(entry.pk),
            "slaughterhouse_region": entry.slaughterhouse.region_id,
            "at": _moment(entry.at),
            "status": entry.status,
            "matched": entry.matched,
            "slaughtered": entry.slaughtered,
        },
    )
