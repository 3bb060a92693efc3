"""What the API answers and the pages show of declarations, certificates, checks and
slaughter entries: schemas that read the model objects (CONTRACT.md field names)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORY_LABELS, SPECIES_LABELS
from smartvet.quarantine.models import CertificateStatus


class DestinationOut(Schema):
    region: str
    place: str
    kind: str
    farm: int | None


class DeclarationOut(Schema):
    id: int
    status: str
    farm: int
    farm_name: str
    category: str
    species: str
    quantity: int
    purpose: str
    destination: DestinationOut
    departure_date: date
    vehicle: str
    carrier_name: str
    transport_mode: str
    ear_tags: list[str]
    declared_at: datetime
    rejection_reason: str
    inspection_notes: str
    handling: str
    certificate: str | None

    @staticmethod
    def resolve_farm(declaration) -> int:
        return declaration.farm_id

    @staticmethod
    def resolve_farm_name(declaration) -> str:
        return declaration.farm.name

    @staticmethod
    def resolve_destination(declaration) -> dict:
        return {
            "region": declaration.destination_region_id,
            "place": declaration.destination_place,
            "kind": declaration.destination_kind,
            "farm": declaration.destination_farm_id,
        }

    @staticmethod
    def resolve_certificate(declaration) -> str | None:
        certified = declaration.status == "certified"
        return declaration.certificate.number if certified else None


class PlaceOut(Schema):
    region: str
    place: str


class CertificateDestinationOut(PlaceOut):
    region_name: str
    kind: str
    farm: int | None


def _status(cert) -> str:
    return cert.current_status


def _status_label(cert) -> str:
    return str(CertificateStatus(cert.current_status).label)


def _valid(cert) -> bool:
    return cert.current_status == CertificateStatus.VALID


def _kind_label(cert) -> str:
    return str(cert.get_kind_display())


def _species_label(cert) -> str:
    return str(SPECIES_LABELS.get(cert.species, ""))


class CertificateOut(Schema):
    """The fields of the paper form, with the certificate's status as the clock sees it."""

    number: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    valid: bool
    declaration: int
    farm: int
    owner_name: str
    owner_phone: str
    species: str
    species_label: str
    category: str
    quantity: int
    unit: str
    origin: PlaceOut
    destination: CertificateDestinationOut
    purpose: str
    carrier_name: str
    carrier_phone: str
    transport_mode: str
    vehicle: str
    disinfection: str
    valid_days: int
    ear_tags: list[str]
    vet_name: str
    issued_at: datetime
    valid_until: datetime
    remarks: str
    revocation_reason: str
    revoked_at: datetime | None
    arrived_at: datetime | None
    received_quantity: int | None
    arrival_flags: list[str]
    arrival_notes: str

    resolve_status = staticmethod(_status)
    resolve_status_label = staticmethod(_status_label)
    resolve_valid = staticmethod(_valid)
    resolve_kind_label = staticmethod(_kind_label)
    resolve_species_label = staticmethod(_species_label)

    @staticmethod
    def resolve_declaration(cert) -> int:
        return cert.declaration_id

    @staticmethod
    def resolve_farm(cert) -> int:
        return cert.farm_id

    @staticmethod
    def resolve_origin(cert) -> dict:
        return {"region": cert.origin_region_id, "place": cert.origin_place}

    @staticmethod
    def resolve_destination(cert) -> dict:
        return {
            "region": cert.destination_region_id,
            "region_name": region_label(cert.destination_region_id),
            "place": cert.destination_place,
            "kind": cert.destination_kind,
            "farm": cert.destination_farm_id,
        }


class InspectOut(Schema):
    id: int
    status: str
    certificate: CertificateOut | None

    @staticmethod
    def resolve_certificate(declaration):
        return declaration.certificate if declaration.status == "certified" else None


class PublicCertificateOut(Schema):
    """What anyone may know about a certificate (CONTRACT.md): what the paper shows, without
    the owner's or carrier's phone numbers or the tags themselves."""

    number: str
    status: str
    valid: bool
    status_label: str
    kind: str
    kind_label: str
    species: str
    species_label: str
    category: str
    category_label: str
    quantity: int
    unit: str
    origin: str
    destination: str
    purpose: str
    purpose_label: str
    issued_at: datetime
    valid_until: datetime
    ear_tags_count: int
    vet_name: str
    vehicle: str

    resolve_status = staticmethod(_status)
    resolve_status_label = staticmethod(_status_label)
    resolve_valid = staticmethod(_valid)
    resolve_kind_label = staticmethod(_kind_label)
    resolve_species_label = staticmethod(_species_label)

    @staticmethod
    def resolve_category_label(cert) -> str:
        return str(CATEGORY_LABELS[cert.category])

    @staticmethod
    def resolve_origin(cert) -> str:
        return region_label(cert.origin_region_id)

    @staticmethod
    def resolve_destination(cert) -> str:
        return f"{region_label(cert.destination_region_id)} {cert.destination_place}"

    @staticmethod
    def resolve_purpose_label(cert) -> str:
        return str(cert.get_purpose_display())

    @staticmethod
    def resolve_ear_tags_count(cert) -> int:
        return len(cert.ear_tags)


class CheckOut(Schema):
    id: int
    certificate: str
    checkpoint_name: str
    at: datetime
    vehicle: str
    count_seen: int
    result: str
    flags: list[str]
    notes: str

    @staticmethod
    def resolve_certificate(check) -> str:
        return check.number


class SlaughterOut(Schema):
    id: int
    certificate: str
    at: datetime
    status: str
    matched: int
    missing_tags: list[str]
    extra_tags: list[str]
    slaughtered: int
    certified_quantity: int
    received_quantity: int | None
    reconciled: bool

    @staticmethod
    def resolve_certificate(entry) -> str:
        return entry.certificate.number

    @staticmethod
    def resolve_certified_quantity(entry) -> int:
        return entry.certificate.quantity

    @staticmethod
    def resolve_received_quantity(entry) -> int | None:
        return entry.certificate.received_quantity
