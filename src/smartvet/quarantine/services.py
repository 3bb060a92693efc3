"""Every write of quarantine and traceability (DOMAIN.md §6; seed 001, seed 002;
《动物检疫管理办法》). One business action per function, one transaction, one ledger event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, InvalidTransition, Problem
from smartvet.core.models import Region, User
from smartvet.core.queries import account_who_may, region_label
from smartvet.core.species import SPECIES_UNITS, is_tagged_species, species_of
from smartvet.core.workflow import move
from smartvet.eartags import codes as tag_codes
from smartvet.eartags import queries as eartag_queries
from smartvet.eartags.services import steps as eartag_steps
from smartvet.immunization import queries as immunization_queries
from smartvet.quarantine import queries, rules
from smartvet.quarantine.commands import (
    ArrivalIn,
    CheckIn,
    DeclarationIn,
    DestinationIn,
    EntryDecisionIn,
    InspectIn,
    RejectIn,
    RevokeIn,
    SlaughterIn,
)
from smartvet.quarantine.models import (
    Certificate,
    CertificateStatus,
    CheckpointCheck,
    Declaration,
    EntryDecision,
    EntryOutcome,
    EntryStatus,
    EntryTag,
    Purpose,
    SlaughterEntry,
)
from smartvet.quarantine.permissions import (
    CERTIFICATE,
    CHECK,
    DECLARATION,
    DECLARE,
    ENTRY,
    SLAUGHTER,
)
from smartvet.quarantine.queries import place_name
from smartvet.registry import queries as registry_queries
from smartvet.registry import steps as registry_steps
from smartvet.registry.models import Farm


def current_policy() -> dict[str, Any]:
    return rules.policy(getattr(settings, "SMARTVET", {}).get("QUARANTINE"))


def _raise_validation(problems: list[Problem]) -> None:
    if problems:
        raise DomainError.from_problems(
            problems, code="VALIDATION_ERROR", message=problems[0].message
        )


def parse_tags(texts: list[str]) -> tuple[list[str], list[Problem]]:
    """The 15-digit codes of the listed tags and a problem for each malformed or repeated one."""
    codes: list[str] = []
    problems: list[Problem] = []
    for text in texts:
        try:
            codes.append(tag_codes.parse_code(text))
        except DomainError as exc:
            problems.append(
                Problem(
                    "EARTAG_MALFORMED", exc.message, {"tag": str(text)[:40], "field": "ear_tags"}
                )
            )
    for code in rules.duplicates(codes):
        problems.append(
            Problem(
                "EARTAG_DUPLICATE",
                _("耳标号%(tag)s重复填写") % {"tag": code},
                {"tag": code, "field": "ear_tags"},
            )
        )
    return list(dict.fromkeys(codes)), problems


@dataclass(frozen=True)
class Destination:
    region: Region
    place: str
    kind: str
    farm: Farm | None = None


def _invalid(message: str, field: str) -> Problem:
    return Problem("VALIDATION_ERROR", message, {"field": f"destination.{field}"})


def _registered(destination: DestinationIn) -> tuple[dict[str, Any], list[Problem]]:
    """The region, place and kind a registered destination names itself: a 定点屠宰场 by its
    account, a farm by the code on its card (or its id): one place, one spelling."""
    if destination.slaughterhouse:
        return _slaughterhouse(account_who_may(destination.slaughterhouse, SLAUGHTER))
    if destination.farm is not None or destination.farm_code:
        farm = registry_queries.destination_farm(
            farm_id=destination.farm, code=destination.farm_code
        )
        if farm is None:
            field = "farm" if destination.farm is not None else "farm_code"
            return {}, [_invalid(_("到达养殖场户不存在：请核对养殖场编码"), field)]
        return {"region": farm.region_id, "place": farm.name, "kind": "farm", "farm": farm}, []
    if destination.kind == "slaughterhouse":  # an API client names it as registered
        return _slaughterhouse(queries.slaughterhouse_named(destination.region, destination.place))
    return {}, []


def _slaughterhouse(house: User | None) -> tuple[dict[str, Any], list[Problem]]:
    if house is None:
        message = _("到达屠宰场须是已登记的定点屠宰场；未登记的请选“其他”并填写名称")
        return {}, [_invalid(message, "slaughterhouse")]
    return {"region": house.region_id, "place": place_name(house), "kind": "slaughterhouse"}, []


def _destination(command: DeclarationIn, today: date) -> Destination:
    """The checks of the input that need the database or the clock, reported together: a
    registered destination exists (and lies within the region, when one is given too), else
    the region exists and the place is named; the departure date is a plan, not a typing
    error."""
    destination = command.destination
    problems = []
    departure = rules.departure_problem(today, command.departure_date)
    if departure:
        problems.append(departure)
    named, refused = _registered(destination)
    problems.extend(refused)
    typed = Region.objects.filter(code=destination.region).first() if destination.region else None
    if destination.region and typed is None:
        problems.append(_invalid(_("到达地区划不存在"), "region"))
    elif named and typed is not None and not regions.is_within(named["region"], typed.code):
        problems.append(_invalid(_("到达地点不在所选的到达地区划内"), "region"))
    elif not named and not refused and typed is None:
        problems.append(_invalid(_("请选择到达地区划，或到达的屠宰场、养殖场户"), "region"))
    if not named and not refused and not destination.place:
        problems.append(_invalid(_("请填写到达地点的名称"), "place"))
    _raise_validation(problems)
    if not named:
        return Destination(region=typed, place=destination.place, kind=destination.kind)
    return Destination(
        region=Region.objects.get(code=named["region"]),
        place=named["place"],
        kind=named["kind"],
        farm=named.get("farm"),
    )


def _unregistered_vehicle(farm: Farm, plate: str) -> Problem | None:
    """Seed 002: animals travel in registered vehicles (备案车辆); where the farm's county
    requires it (registry's vehicle rule), the declaration must name one."""
    if not registry_queries.registration_required(farm.region_id):
        return None
    if registry_queries.vehicle_status(plate, region=farm.region_id).registered:
        return None
    return Problem(
        "VEHICLE_UNREGISTERED",
        _("运载工具%(plate)s未备案：本县要求使用已备案的畜禽运输车辆") % {"plate": plate},
        {"field": "vehicle"},
    )


@transaction.atomic(durable=True)
@ledger.appended_last()
def submit_declaration(
    *, actor: User, command: DeclarationIn, today: date | None = None
) -> Declaration:
    """检疫申报 by the farmer for their own farm, or for the farmer by the station or a
    vaccinator serving the farm. Every gate is checked and every failure reported together:
    farm information (seed 002 §二(一)), lead time (《动物检疫管理办法》第十三条), stock, one
    tag per animal and each tag (seed 002 §二(二)), compulsory immunization in protection
    (seed 003 §五(五))."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, DECLARE, farm)
    today = today or timezone.localdate()
    policy = current_policy()
    destination = _destination(command, today)
    category, quantity, purpose = command.category, command.quantity, command.purpose
    departure_date, ear_tags = command.departure_date, command.ear_tags

    species = species_of(category)
    # The ear-tag app reports every tag problem (malformed, repeated, species, county,
    # township stock, cancelled, in use); the codes kept are the well-formed ones.
    codes, _tag_problems = parse_tags(ear_tags)
    problems: list[Problem] = []
    missing = registry_queries.missing_fields(farm)
    if missing:
        problems.append(
            Problem(
                "FARM_INFO_INCOMPLETE",
                _("养殖场户基础信息不完整，不能申报检疫"),
                {"missing": missing},
            )
        )
    lead = rules.lead_time_problem(
        purpose, today, departure_date, policy["LEAD_DAYS"], label=Purpose(purpose).label
    )
    if lead:
        problems.append(lead)
    stock = rules.stock_problem(registry_queries.current_stock(farm).get(category, 0), quantity)
    if stock:
        problems.append(stock)
    count = rules.tag_count_problem(is_tagged_species(species), quantity, len(ear_tags))
    if count:
        problems.append(count)
    if ear_tags:
        problems.extend(
            eartag_steps.check_tags_for_declaration(
                farm=farm, species=species, codes=[str(text) for text in ear_tags]
            )
        )
    problems.extend(
        immunization_queries.protection_problems(
            actor=actor, farm=farm, category=category, on_date=departure_date
        )
    )
    vehicle = _unregistered_vehicle(farm, command.vehicle)
    if vehicle:
        problems.append(vehicle)
    if problems:
        raise DomainError.from_problems(problems)

    declaration = Declaration.objects.create(
        farm=farm,
        category=category,
        species=species,
        quantity=quantity,
        purpose=purpose,
        destination_region=destination.region,
        destination_place=destination.place,
        destination_kind=destination.kind,
        destination_farm=destination.farm,
        departure_date=departure_date,
        vehicle=command.vehicle,
        carrier_name=command.carrier_name,
        carrier_phone=command.carrier_phone,
        transport_mode=command.transport_mode,
        remarks=command.remarks,
        declared_by=actor,
    )
    if codes:
        eartag_steps.claim_tags(actor=actor, farm=farm, codes=codes, ref=declaration.ref)
    ledger.record(
        actor=actor,
        action="declaration.submitted",
        obj=declaration,
        region=farm.region_id,
        summary={
            "farm": farm.code,
            "category": category,
            "quantity": quantity,
            "purpose": purpose,
            "departure_date": departure_date,
            "destination": destination.region.code,
            "tags": len(codes),
        },
    )
    return declaration


def _declaration_for(actor: User, declaration_id: int, action: str) -> Declaration:
    """The declaration, if `actor` may take `action` on it now (quarantine.permissions)."""
    declaration = Declaration.objects.select_related("farm").get_visible(actor, id=declaration_id)
    DECLARATION.require(actor, declaration, action)
    return declaration


@transaction.atomic(durable=True)
@ledger.appended_last()
def accept_declaration(*, actor: User, declaration_id: int) -> Declaration:
    """受理 by an official vet of the farm's region (compare-and-set: only one vet wins)."""
    declaration = _declaration_for(actor, declaration_id, "accept")
    move(
        declaration,
        to="accepted",
        transitions=rules.DECLARATION_TRANSITIONS,
        handled_by=actor,
        accepted_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="declaration.accepted",
        obj=declaration,
        region=declaration.farm.region_id,
    )
    return declaration


@transaction.atomic(durable=True)
def reject_declaration(*, actor: User, declaration_id: int, command: RejectIn) -> Declaration:
    """不予受理, with a reason; the listed tags are freed."""
    declaration = _declaration_for(actor, declaration_id, "reject")
    reason = command.reason
    move(
        declaration,
        to="rejected",
        transitions=rules.DECLARATION_TRANSITIONS,
        handled_by=actor,
        rejection_reason=reason,
    )
    if declaration.ear_tags:
        eartag_steps.release_tags(actor=actor, ref=declaration.ref)
    ledger.record(
        actor=actor,
        action="declaration.rejected",
        obj=declaration,
        region=declaration.farm.region_id,
        summary={"reason": reason},
    )
    return declaration


@transaction.atomic(durable=True)
@ledger.appended_last()
def inspect_declaration(*, actor: User, declaration_id: int, command: InspectIn) -> Declaration:
    """现场检疫 (the workflow's "pass" or "fail"). Pass issues the certificate — the farm's
    stock falls and the tags go in transit in the same transaction; fail records the handling
    (a failed batch must say what was done with it) and frees the tags."""
    result = command.result
    declaration = _declaration_for(actor, declaration_id, result)
    if result == "fail" and not (command.handling or command.notes):
        _raise_validation(
            [Problem("VALIDATION_ERROR", _("检疫不合格须登记处理情况"), {"field": "handling"})]
        )
    now = timezone.now()
    if result == "fail":
        move(
            declaration,
            to="failed",
            transitions=rules.DECLARATION_TRANSITIONS,
            inspected_at=now,
            inspection_notes=command.notes,
            handling=command.handling or command.notes,
        )
        if declaration.ear_tags:
            eartag_steps.release_tags(actor=actor, ref=declaration.ref)
        ledger.record(
            actor=actor,
            action="declaration.failed",
            obj=declaration,
            region=declaration.farm.region_id,
            summary={"notes": command.notes, "handling": declaration.handling},
        )
        return declaration
    move(
        declaration,
        to="certified",
        transitions=rules.DECLARATION_TRANSITIONS,
        inspected_at=now,
        inspection_notes=command.notes,
    )
    certificate = _issue_certificate(
        actor, declaration, now=now, disinfection=command.disinfection, remarks=command.remarks
    )
    ledger.record(
        actor=actor,
        action="certificate.issued",
        obj=certificate,
        region=declaration.farm.region_id,
        summary={
            "number": certificate.number,
            "kind": certificate.kind,
            "declaration": declaration.pk,
            "quantity": certificate.quantity,
            "category": certificate.category,
            "valid_until": certificate.valid_until,
        },
    )
    return declaration


def _issue_certificate(
    actor: User, declaration: Declaration, *, now, disinfection: str, remarks: str
) -> Certificate:
    """The gates that bind the certificate itself are checked again at issue: the farm's
    information and the immunization may have changed since the declaration."""
    farm = declaration.farm
    problems: list[Problem] = []
    missing = registry_queries.missing_fields(farm)
    if missing:
        problems.append(
            Problem(
                "FARM_INFO_INCOMPLETE",
                _("养殖场户基础信息不完整，不能出具检疫证明"),
                {"missing": missing},
            )
        )
    problems.extend(
        immunization_queries.protection_problems(
            actor=actor, farm=farm, category=declaration.category, on_date=timezone.localdate(now)
        )
    )
    if problems:
        raise DomainError.from_problems(problems)
    policy = current_policy()
    kind = rules.certificate_kind(farm.region_id, declaration.destination_region_id)
    start = max(timezone.localdate(now), declaration.departure_date)
    days, last_day = rules.valid_until(kind, start, policy["VALID_DAYS"])
    number = _unique_number(kind, farm.region_id[:6])
    certificate = Certificate.objects.create(
        number=number,
        kind=kind,
        declaration=declaration,
        farm=farm,
        owner_name=farm.owner_name or farm.name,
        owner_phone=farm.phone,
        species=declaration.species,
        category=declaration.category,
        quantity=declaration.quantity,
        unit=str(SPECIES_UNITS[declaration.species]),
        origin_region_id=farm.region_id,
        origin_place=f"{region_label(farm.region_id)} {farm.name} {farm.address}".strip()[:300],
        destination_region_id=declaration.destination_region_id,
        destination_place=declaration.destination_place,
        destination_kind=declaration.destination_kind,
        destination_farm_id=declaration.destination_farm_id,
        purpose=declaration.purpose,
        carrier_name=declaration.carrier_name,
        carrier_phone=declaration.carrier_phone,
        transport_mode=declaration.transport_mode,
        vehicle=declaration.vehicle,
        disinfection=disinfection or _("已消毒"),
        valid_days=days,
        vet=actor,
        vet_name=actor.display_name or actor.username,
        issued_at=now,
        valid_until=rules.end_of_day(last_day, timezone.get_current_timezone()),
        remarks=remarks,
    )
    registry_steps.apply_stock_change(
        actor=actor,
        farm=farm,
        category=declaration.category,
        kind="sale",
        quantity=declaration.quantity,
        on=timezone.localdate(now),
        certificate_no=number,
    )
    if declaration.ear_tags:
        eartag_steps.dispatch_tags(actor=actor, ref=declaration.ref, certificate_no=number)
    return certificate


def _unique_number(kind: str, county: str) -> str:
    while True:
        number = rules.new_certificate_number(kind, county)
        if not Certificate.objects.filter(number=number).exists():
            return number


def _certificate(actor: User, number: str) -> Certificate:
    return Certificate.objects.select_related(
        "farm", "declaration", "destination_farm"
    ).get_visible(actor, number=rules.normalize_number(number))


def _certificate_for(actor: User, number: str, action: str) -> Certificate:
    """The certificate, if `actor` may take `action` on it now (quarantine.permissions)."""
    certificate = _certificate(actor, number)
    CERTIFICATE.require(actor, certificate, action)
    return certificate


@transaction.atomic(durable=True)
def revoke_certificate(*, actor: User, number: str, command: RevokeIn) -> Certificate:
    """Revocation (撤销) by an official vet of the origin's region, with a reason; the
    certificate stays on record and verification shows it revoked."""
    certificate = _certificate_for(actor, number, "revoke")
    reason = command.reason
    move(
        certificate,
        to="revoked",
        transitions=rules.CERTIFICATE_TRANSITIONS,
        revoked_at=timezone.now(),
        revoked_by=actor,
        revocation_reason=reason,
    )
    if certificate.ear_tags:
        eartag_steps.release_tags(actor=actor, ref=certificate.declaration.ref)
    ledger.record(
        actor=actor,
        action="certificate.revoked",
        obj=certificate,
        region=certificate.farm.region_id,
        summary={"number": certificate.number, "reason": reason},
    )
    return certificate


@transaction.atomic(durable=True)
def record_checkpoint_check(*, actor: User, number: str, command: CheckIn) -> CheckpointCheck:
    """指定通道: a checkpoint scans a certificate and records what it saw. A checkpoint checks
    vehicles from anywhere, so it finds the certificate by its (unguessable) number; one of
    another province (read through the national hub) is recorded by its number, here only
    (the origin's rows are the origin's), under its own ledger action."""
    require(actor, CHECK)
    certificate = queries.certificate_by_number(number)
    foreign = getattr(certificate, "from_hub", False)
    vehicle = registry_queries.vehicle_status(command.vehicle, region=actor.region_id)
    codes, tag_problems = parse_tags(command.ear_tags)
    if tag_problems:
        raise DomainError.from_problems(tag_problems)
    # Tags read on the truck against the paper's; none read: not compared.
    tags = rules.reconcile(certificate.ear_tags, codes) if codes else None
    flags = rules.checkpoint_flags(
        certificate_status=certificate.current_status,
        vehicle_on_paper=certificate.vehicle,
        vehicle_seen=command.vehicle,
        quantity=certificate.quantity,
        count_seen=command.count_seen,
        tags_differ=bool(tags and rules.tags_differ(tags)),
        vehicle_registered=vehicle.registered,
        registration_required=registry_queries.registration_required(actor.region_id),
        vehicle_disinfected=vehicle.disinfected,
    )
    check = CheckpointCheck.objects.create(
        certificate=None if foreign else certificate,
        certificate_number=certificate.number,
        issued_in=certificate.origin_region_id[:2] if foreign else "",
        origin_certificate_id=certificate.pk if foreign else None,
        checked_by=actor,
        checkpoint_name=actor.organization or actor.display_name or actor.username,
        vehicle=command.vehicle,
        count_seen=command.count_seen,
        result=command.result or ("fail" if flags else "pass"),
        flags=flags,
        notes=command.notes,
    )
    ledger.record(
        actor=actor,
        action="certificate.checked_foreign" if foreign else "certificate.checked",
        obj=check,
        summary={
            "number": certificate.number,
            "result": check.result,
            "flags": flags,
            # The ledger keeps which tags differed: the evidence a case opened from the check
            # links to (enforcement).
            **({"tags_missing": tags["missing"], "tags_extra": tags["extra"]} if tags else {}),
        },
    )
    return check


def arrival_flags_of(certificate: Certificate, received: int, now) -> list[str]:
    """What an arrival of `received` animals reported at `now` shows against the certificate
    (this province's, or another's read through the hub), under this province's policy."""
    return rules.arrival_flags(
        quantity=certificate.quantity,
        received=received,
        valid_until_at=certificate.valid_until,
        reported_at=now,
        arrival_hours=current_policy()["ARRIVAL_HOURS"],
    )


def _arrive(
    actor: User, certificate: Certificate, received: int, now, notes: str = ""
) -> list[str]:
    flags = arrival_flags_of(certificate, received, now)
    move(
        certificate,
        to="arrived",
        transitions=rules.CERTIFICATE_TRANSITIONS,
        arrived_at=now,
        arrival_by=actor,
        received_quantity=received,
        arrival_flags=flags,
        arrival_notes=notes,
    )
    if certificate.ear_tags:
        eartag_steps.arrive_tags(
            actor=actor, ref=certificate.declaration.ref, farm=certificate.destination_farm
        )
    if certificate.destination_farm is not None and received:
        registry_steps.apply_stock_change(
            actor=actor,
            farm=certificate.destination_farm,
            category=certificate.category,
            kind="purchase",
            quantity=received,
            on=timezone.localdate(now),
            certificate_no=certificate.number,
        )
    return flags


@transaction.atomic(durable=True)
def report_arrival(*, actor: User, number: str, command: ArrivalIn) -> Certificate:
    """落地报告 at the destination with the count received and what the receiver noted; a
    short or excess count and a late report are flagged (DOMAIN.md §6)."""
    certificate = _certificate_for(actor, number, "arrival")
    received = command.received_quantity
    flags = _arrive(actor, certificate, received, timezone.now(), command.notes)
    ledger.record(
        actor=actor,
        action="certificate.arrived",
        obj=certificate,
        region=certificate.destination_region_id,
        summary={"number": certificate.number, "received": received, "flags": flags},
    )
    return certificate


def _certificate_for_slaughter(actor: User, number: str) -> Certificate:
    """The certificate, if `actor` may take its animals in now, its row locked: of two entries
    on one certificate at once the second waits for the first and then finds it recorded. A
    refusal by the certificate's stage says why: its batch is at the slaughterhouse already
    (slaughtered, held or refused), or it is expired or revoked."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("farm", "declaration", "destination_farm")
        .get_visible(actor, number=rules.normalize_number(number))
    )
    try:
        CERTIFICATE.require(actor, certificate, "slaughter")
    except InvalidTransition:
        if hasattr(certificate, "slaughter_entry"):
            raise DomainError(
                "SLAUGHTER_RECORDED", _("该检疫证明已登记入场屠宰"), status=409
            ) from None
        status = certificate.current_status
        label = CertificateStatus(status).label
        raise DomainError(
            "CERTIFICATE_INVALID",
            _("检疫证明%(status)s，不能入场") % {"status": label},
            [
                {
                    "code": "CERTIFICATE_INVALID",
                    "status": status,
                    "message": _("检疫证明状态：%(s)s") % {"s": label},
                }
            ],
        ) from None
    return certificate


def _keep_entry_tags(entry: SlaughterEntry, match: dict[str, list[str]]) -> None:
    EntryTag.objects.bulk_create(
        [
            EntryTag(entry=entry, code=code, outcome=outcome)
            for outcome in (EntryOutcome.MATCHED, EntryOutcome.MISSING, EntryOutcome.EXTRA)
            for code in match[outcome]
        ]
    )


def _collect(actor: User, entry: SlaughterEntry, codes: list[str], reason: str) -> None:
    """The tags taken off the batch's animals (slaughter) or found missing (loss) are
    cancelled under the entry's reference, so each tag's history names the entry."""
    if codes:
        eartag_steps.cancel_tags(
            actor=actor, codes=codes, reason=reason, ref=f"slaughter:{entry.pk}"
        )


@transaction.atomic(durable=True)
def record_slaughter_entry(*, actor: User, command: SlaughterIn) -> SlaughterEntry:
    """入场查验: the certificate must be valid, and the tags presented are compared with it.
    When they match, the animals are slaughtered at once: the arrival is recorded, the tags
    collected and cancelled, the counts reconciled. When they do not (a certificate tag not
    presented, a tag not on the certificate), the batch is held (待处理): nothing is
    slaughtered or cancelled and the certificate's tags stay in transit on it until the
    resident official vet decides (decide_slaughter_entry)."""
    certificate = _certificate_for_slaughter(actor, command.certificate)
    codes, tag_problems = parse_tags(command.ear_tags)
    if tag_problems:
        raise DomainError.from_problems(tag_problems)
    tagged = is_tagged_species(certificate.species)
    match = rules.reconcile(certificate.ear_tags, codes)
    held = tagged and rules.tags_differ(match)
    slaughtered = command.slaughtered
    if held:
        slaughtered = 0
    elif slaughtered is None:
        slaughtered = (
            len(codes) if tagged else (certificate.received_quantity or certificate.quantity)
        )
    now = timezone.now()
    if not held and certificate.status == CertificateStatus.VALID:
        _arrive(actor, certificate, len(codes) if tagged else slaughtered, now)
    entry = SlaughterEntry.objects.create(
        certificate=certificate,
        slaughterhouse=actor,
        at=now,
        status=EntryStatus.HELD if held else EntryStatus.SLAUGHTERED,
        matched=len(match["matched"]),
        slaughtered=slaughtered,
        reconciled=not rules.tags_differ(match) and slaughtered == certificate.quantity,
        notes=command.notes,
    )
    _keep_entry_tags(entry, match)
    summary = {
        "number": certificate.number,
        "slaughtered": slaughtered,
        "matched": entry.matched,
        "missing": match["missing"],
        "extra": match["extra"],
        "reconciled": entry.reconciled,
    }
    if held:
        ledger.record(
            actor=actor,
            action="slaughter.held",
            obj=entry,
            region=certificate.destination_region_id,
            summary=summary,
        )
        return entry
    _collect(actor, entry, match["matched"], "slaughter")
    ledger.record(
        actor=actor,
        action="slaughter.recorded",
        obj=entry,
        region=certificate.destination_region_id,
        summary=summary,
    )
    return entry


def _entry_for(actor: User, entry_id: int, action: str) -> tuple[SlaughterEntry, str]:
    """The entry and the status `action` moves it to, if `actor` may take the action on it now
    (quarantine.permissions.ENTRY)."""
    entry = (
        SlaughterEntry.objects.select_related(
            "slaughterhouse", "certificate", "certificate__declaration", "certificate__farm"
        )
        .prefetch_related("tags")
        .get_visible(actor, id=entry_id)
    )
    return entry, str(ENTRY.require(actor, entry, action).to)


# The ledger's name of each decision, by the status it leads to.
DECISION_EVENTS = {
    EntryStatus.ADMITTED: "slaughter.admitted",
    EntryStatus.REFUSED: "slaughter.refused",
    EntryStatus.INVESTIGATING: "slaughter.investigated",
}


def _admit(actor: User, entry: SlaughterEntry, now) -> None:
    """The animals that match the certificate are slaughtered: the certificate arrives with
    their count, their tags are cancelled (slaughter). A certificate tag that was not
    presented is cancelled as lost (丢失), its history naming the entry: it never goes back
    to a farm as worn. A tag presented without being on the certificate is left as it is:
    its animal was not taken in (the tag's trace shows the entry)."""
    certificate = entry.certificate
    states = {
        tag["code"]: tag["status"] for tag in eartag_queries.listed_tag_states(certificate.ref)
    }
    _collect(
        actor,
        entry,
        [code for code in entry.missing_tags if states.get(code) != "cancelled"],
        "loss",
    )
    admitted = entry.matched_tags
    if certificate.status == CertificateStatus.VALID:
        _arrive(actor, certificate, len(admitted), now)
    _collect(actor, entry, admitted, "slaughter")


@transaction.atomic(durable=True)
def decide_slaughter_entry(
    *, actor: User, entry_id: int, command: EntryDecisionIn
) -> SlaughterEntry:
    """驻场官方兽医's decision on a batch held at entry: admit the animals that match the
    certificate (they are slaughtered), refuse the batch (nothing is slaughtered; its tags
    stay in transit on the certificate, which the origin may then revoke), or hold it for
    investigation and decide later. Refusing and investigating say why. Compare-and-set on
    the entry's status: of two vets deciding at once one wins."""
    decision = command.decision
    entry, target = _entry_for(actor, entry_id, decision)
    if decision != "admit" and not command.notes:
        _raise_validation(
            [Problem("VALIDATION_ERROR", _("拒绝入场或暂扣调查须填写处理意见"), {"field": "notes"})]
        )
    now = timezone.now()
    move(
        entry,
        to=target,
        transitions=rules.ENTRY_TRANSITIONS,
        slaughtered=len(entry.matched_tags) if decision == "admit" else 0,
    )
    EntryDecision.objects.create(
        entry=entry, status=target, decided_by=actor, at=now, notes=command.notes
    )
    if decision == "admit":
        _admit(actor, entry, now)
    ledger.record(
        actor=actor,
        action=DECISION_EVENTS[target],
        obj=entry,
        region=entry.certificate.destination_region_id,
        summary={
            "number": entry.certificate.number,
            "slaughtered": entry.slaughtered,
            "notes": command.notes,
        },
    )
    return entry
