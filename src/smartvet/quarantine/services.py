"""Every write of quarantine and traceability (DOMAIN.md §6; seed 001, seed 002;
《动物检疫管理办法》). One business action per function, one transaction, one ledger event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import (
    DomainError,
    NotFound,
    PermissionDenied,
    Problem,
    ValidationFailed,
)
from smartvet.core.models import Region, Role, User
from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORIES, SPECIES_UNITS, is_tagged_species, species_of
from smartvet.core.workflow import move
from smartvet.quarantine import links, rules
from smartvet.quarantine.models import (
    Certificate,
    CertificateStatus,
    CheckpointCheck,
    Declaration,
    DeclarationTag,
    DestinationKind,
    SlaughterEntry,
    TransportMode,
)
from smartvet.quarantine.permissions import CHECK, DECLARE, HANDLE, REPORT_ARRIVAL, SLAUGHTER
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.models import Farm

TEXT_LIMITS = {
    "destination_place": 200,
    "vehicle": 20,
    "carrier_name": 50,
    "carrier_phone": 20,
    "remarks": 200,
    "reason": 200,
    "notes": 500,
    "handling": 500,
    "disinfection": 100,
}
MAX_TAGS = 5000


def current_policy() -> dict[str, Any]:
    return rules.policy(getattr(settings, "SMARTVET", {}).get("QUARANTINE"))


def _too_long(values: dict[str, str]) -> list[Problem]:
    return [
        Problem(
            "VALIDATION_ERROR",
            _("%(field)s不能超过%(limit)d个字符") % {"field": field, "limit": TEXT_LIMITS[field]},
            {"field": field},
        )
        for field, value in values.items()
        if len(value or "") > TEXT_LIMITS[field]
    ]


def _raise_validation(problems: list[Problem]) -> None:
    if problems:
        raise DomainError.from_problems(
            problems, code="VALIDATION_ERROR", message=problems[0].message
        )


def parse_tags(texts: list[str]) -> tuple[list[str], list[Problem]]:
    """The 15-digit codes of the listed tags and a problem for each malformed or repeated one."""
    codes_module = links.eartag_codes()
    codes: list[str] = []
    problems: list[Problem] = []
    for text in texts:
        try:
            codes.append(codes_module.parse_code(text))
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


def _vaccinator_serves(actor: User, farm: Farm) -> None:
    if actor.role == Role.VACCINATOR and not farm.servers.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("只有为该养殖场户服务的防疫员可以代为申报"))


def _claim(actor: User, declaration: Declaration, farm: Farm, codes: list[str]) -> None:
    """Hold the tags for this declaration: our own unique index (a race cannot put one tag on
    two open declarations), then the ear-tag app's claim. Rows go in sorted so that two
    declarations racing for the same tags wait on the first one instead of deadlocking."""
    try:
        with transaction.atomic():
            DeclarationTag.objects.bulk_create(
                [DeclarationTag(declaration=declaration, code=code) for code in sorted(codes)]
            )
    except IntegrityError:
        taken = list(
            DeclarationTag.objects.filter(code__in=codes, active=True)
            .exclude(declaration=declaration)
            .values_list("code", flat=True)
        )
        raise DomainError(
            "EARTAG_IN_USE",
            _("耳标已在其他申报或有效的检疫证明上"),
            [
                {
                    "code": "EARTAG_IN_USE",
                    "tag": code,
                    "message": _("耳标%(tag)s已在其他申报或有效证明上") % {"tag": code},
                }
                for code in taken
            ]
            or None,
        ) from None
    if codes:
        links.eartags().claim_tags(actor=actor, farm=farm, codes=codes, ref=declaration.ref)


def _free_tags(declaration: Declaration) -> None:
    DeclarationTag.objects.filter(declaration=declaration, active=True).update(active=False)


@transaction.atomic
def submit_declaration(
    *,
    actor: User,
    farm_id: int,
    category: str,
    quantity: int,
    purpose: str,
    destination_region: str,
    destination_place: str,
    departure_date: date,
    vehicle: str,
    ear_tags: list[str],
    destination_kind: str = DestinationKind.OTHER,
    destination_farm_id: int | None = None,
    carrier_name: str = "",
    carrier_phone: str = "",
    transport_mode: str = TransportMode.ROAD,
    remarks: str = "",
    today: date | None = None,
) -> Declaration:
    """检疫申报 by the farmer for their own farm, or for the farmer by the station or a
    vaccinator serving the farm. Every gate is checked and every failure reported together:
    farm information (seed 002 §二(一)), lead time (《动物检疫管理办法》第十三条), stock, one
    tag per animal and each tag (seed 002 §二(二)), compulsory immunization in protection
    (seed 003 §五(五))."""
    farm = registry_queries.farm(actor, farm_id)
    require(actor, DECLARE, region=farm.region_id)
    _vaccinator_serves(actor, farm)
    today = today or timezone.localdate()
    policy = current_policy()
    texts = {
        "destination_place": destination_place.strip(),
        "vehicle": vehicle.strip(),
        "carrier_name": carrier_name.strip(),
        "carrier_phone": carrier_phone.strip(),
        "remarks": remarks.strip(),
    }
    invalid = _too_long(texts)
    if category not in CATEGORIES:
        invalid.append(Problem("VALIDATION_ERROR", _("未知品种类别"), {"field": "category"}))
    if purpose not in rules.PURPOSES:
        invalid.append(Problem("VALIDATION_ERROR", _("未知用途"), {"field": "purpose"}))
    if destination_kind not in DestinationKind.values:
        invalid.append(
            Problem("VALIDATION_ERROR", _("未知到达场所类型"), {"field": "destination.kind"})
        )
    if transport_mode not in TransportMode.values:
        invalid.append(Problem("VALIDATION_ERROR", _("未知运载方式"), {"field": "transport_mode"}))
    if not isinstance(quantity, int) or quantity <= 0:
        invalid.append(Problem("VALIDATION_ERROR", _("数量必须大于0"), {"field": "quantity"}))
    if not texts["destination_place"]:
        invalid.append(
            Problem("VALIDATION_ERROR", _("请填写到达地点"), {"field": "destination.place"})
        )
    if not texts["vehicle"]:
        invalid.append(Problem("VALIDATION_ERROR", _("请填写运载工具牌号"), {"field": "vehicle"}))
    if departure_date < today:
        invalid.append(
            Problem("VALIDATION_ERROR", _("启运日期不能早于今天"), {"field": "departure_date"})
        )
    if (departure_date - today).days > 366:
        invalid.append(
            Problem("VALIDATION_ERROR", _("启运日期不合理"), {"field": "departure_date"})
        )
    if len(ear_tags) > MAX_TAGS:
        invalid.append(Problem("VALIDATION_ERROR", _("耳标过多"), {"field": "ear_tags"}))
    region = Region.objects.filter(code=(destination_region or "").strip()).first()
    if region is None:
        invalid.append(
            Problem("VALIDATION_ERROR", _("到达地区划代码不存在"), {"field": "destination.region"})
        )
    destination_farm = None
    if destination_farm_id is not None:
        destination_farm = Farm.objects.filter(pk=destination_farm_id).first()
        if destination_farm is None:
            invalid.append(
                Problem("VALIDATION_ERROR", _("到达养殖场户不存在"), {"field": "destination.farm"})
            )
        elif region is not None and not destination_farm.region_id.startswith(region.code):
            invalid.append(
                Problem(
                    "VALIDATION_ERROR",
                    _("到达养殖场户不在到达地区划内"),
                    {"field": "destination.farm"},
                )
            )
    _raise_validation(invalid)

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
    lead = rules.lead_time_problem(purpose, today, departure_date, policy["LEAD_DAYS"])
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
            links.eartags().check_tags_for_declaration(
                farm=farm, species=species, codes=[str(text) for text in ear_tags]
            )
        )
    problems.extend(links.immunization().protection_problems(farm, category, departure_date))
    if problems:
        raise DomainError.from_problems(problems)

    declaration = Declaration.objects.create(
        farm=farm,
        category=category,
        species=species,
        quantity=quantity,
        purpose=purpose,
        destination_region=region,
        destination_place=texts["destination_place"],
        destination_kind=destination_kind,
        destination_farm=destination_farm,
        departure_date=departure_date,
        vehicle=texts["vehicle"],
        carrier_name=texts["carrier_name"],
        carrier_phone=texts["carrier_phone"],
        transport_mode=transport_mode,
        ear_tags=codes,
        remarks=texts["remarks"],
        declared_by=actor,
    )
    _claim(actor, declaration, farm, codes)
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
            "destination": region.code,
            "tags": len(codes),
        },
    )
    return declaration


def _declaration_for_vet(actor: User, declaration_id: int) -> Declaration:
    declaration = Declaration.objects.select_related("farm").get_visible(actor, id=declaration_id)
    require(actor, HANDLE, region=declaration.farm.region_id)
    return declaration


@transaction.atomic
def accept_declaration(*, actor: User, declaration_id: int) -> Declaration:
    """受理 by an official vet of the farm's region (compare-and-set: only one vet wins)."""
    declaration = _declaration_for_vet(actor, declaration_id)
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


@transaction.atomic
def reject_declaration(*, actor: User, declaration_id: int, reason: str) -> Declaration:
    """不予受理, with a reason; the listed tags are freed."""
    declaration = _declaration_for_vet(actor, declaration_id)
    reason = (reason or "").strip()
    problems = _too_long({"reason": reason})
    if not reason:
        problems.append(Problem("VALIDATION_ERROR", _("请填写不予受理的理由"), {"field": "reason"}))
    _raise_validation(problems)
    move(
        declaration,
        to="rejected",
        transitions=rules.DECLARATION_TRANSITIONS,
        handled_by=actor,
        rejection_reason=reason,
    )
    _free_tags(declaration)
    if declaration.ear_tags:
        links.eartags().release_tags(actor=actor, ref=declaration.ref)
    ledger.record(
        actor=actor,
        action="declaration.rejected",
        obj=declaration,
        region=declaration.farm.region_id,
        summary={"reason": reason},
    )
    return declaration


@transaction.atomic
def inspect_declaration(
    *,
    actor: User,
    declaration_id: int,
    result: str,
    notes: str = "",
    handling: str = "",
    disinfection: str = "",
    remarks: str = "",
) -> Declaration:
    """现场检疫. Pass issues the certificate — the farm's stock falls and the tags go in
    transit in the same transaction; fail records the handling and frees the tags."""
    declaration = _declaration_for_vet(actor, declaration_id)
    values = {
        "notes": (notes or "").strip(),
        "handling": (handling or "").strip(),
        "disinfection": (disinfection or "").strip(),
        "remarks": (remarks or "").strip(),
    }
    problems = _too_long(values)
    if result not in {"pass", "fail"}:
        problems.append(
            Problem("VALIDATION_ERROR", _("检疫结果应为合格或不合格"), {"field": "result"})
        )
    if result == "fail" and not (values["handling"] or values["notes"]):
        problems.append(
            Problem("VALIDATION_ERROR", _("检疫不合格须登记处理情况"), {"field": "handling"})
        )
    _raise_validation(problems)
    now = timezone.now()
    if result == "fail":
        move(
            declaration,
            to="failed",
            transitions=rules.DECLARATION_TRANSITIONS,
            inspected_at=now,
            inspection_notes=values["notes"],
            handling=values["handling"] or values["notes"],
        )
        _free_tags(declaration)
        if declaration.ear_tags:
            links.eartags().release_tags(actor=actor, ref=declaration.ref)
        ledger.record(
            actor=actor,
            action="declaration.failed",
            obj=declaration,
            region=declaration.farm.region_id,
            summary={"notes": values["notes"], "handling": declaration.handling},
        )
        return declaration
    move(
        declaration,
        to="certified",
        transitions=rules.DECLARATION_TRANSITIONS,
        inspected_at=now,
        inspection_notes=values["notes"],
    )
    certificate = _issue_certificate(
        actor, declaration, now=now, disinfection=values["disinfection"], remarks=values["remarks"]
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
        links.immunization().protection_problems(
            farm, declaration.category, timezone.localdate(now)
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
        ear_tags=declaration.ear_tags,
        vet=actor,
        vet_name=actor.display_name or actor.username,
        issued_at=now,
        valid_until=rules.end_of_day(last_day, timezone.get_current_timezone()),
        remarks=remarks,
    )
    registry_services.apply_stock_change(
        actor=actor,
        farm=farm,
        category=declaration.category,
        kind="sale",
        quantity=declaration.quantity,
        on=timezone.localdate(now),
        certificate_no=number,
    )
    if declaration.ear_tags:
        links.eartags().dispatch_tags(actor=actor, ref=declaration.ref, certificate_no=number)
    return certificate


def _unique_number(kind: str, county: str) -> str:
    while True:
        number = rules.new_certificate_number(kind, county)
        if not Certificate.objects.filter(number=number).exists():
            return number


def _certificate(actor: User, number: str) -> Certificate:
    number = rules.normalize_number(number)
    return Certificate.objects.select_related(
        "farm", "declaration", "destination_farm"
    ).get_visible(actor, number=number)


@transaction.atomic
def revoke_certificate(*, actor: User, number: str, reason: str) -> Certificate:
    """Revocation (撤销) by an official vet of the origin's region, with a reason; the
    certificate stays on record and verification shows it revoked."""
    certificate = _certificate(actor, number)
    require(actor, HANDLE, region=certificate.farm.region_id)
    reason = (reason or "").strip()
    problems = _too_long({"reason": reason})
    if not reason:
        problems.append(Problem("VALIDATION_ERROR", _("请填写撤销理由"), {"field": "reason"}))
    _raise_validation(problems)
    move(
        certificate,
        to="revoked",
        transitions=rules.CERTIFICATE_TRANSITIONS,
        revoked_at=timezone.now(),
        revoked_by=actor,
        revocation_reason=reason,
    )
    _free_tags(certificate.declaration)
    if certificate.ear_tags:
        links.eartags().release_tags(actor=actor, ref=certificate.declaration.ref)
    ledger.record(
        actor=actor,
        action="certificate.revoked",
        obj=certificate,
        region=certificate.farm.region_id,
        summary={"number": certificate.number, "reason": reason},
    )
    return certificate


@transaction.atomic
def record_checkpoint_check(
    *, actor: User, number: str, vehicle: str, count_seen: int, result: str = "", notes: str = ""
) -> CheckpointCheck:
    """指定通道: a checkpoint scans a certificate and records what it saw. A checkpoint checks
    vehicles from anywhere, so it finds the certificate by its (unguessable) number."""
    require(actor, CHECK)
    certificate = Certificate.objects.filter(number=rules.normalize_number(number)).first()
    if certificate is None:
        raise NotFound(_("检疫证明不存在"))
    values = {"vehicle": (vehicle or "").strip(), "notes": (notes or "").strip()}
    problems = _too_long(values)
    if not values["vehicle"]:
        problems.append(Problem("VALIDATION_ERROR", _("请填写车牌号"), {"field": "vehicle"}))
    if not isinstance(count_seen, int) or count_seen < 0:
        problems.append(Problem("VALIDATION_ERROR", _("清点数量不能为负"), {"field": "count_seen"}))
    if result and result not in {"pass", "fail"}:
        problems.append(
            Problem("VALIDATION_ERROR", _("检查结果应为通过或不通过"), {"field": "result"})
        )
    _raise_validation(problems)
    flags = rules.checkpoint_flags(
        certificate_status=certificate.current_status,
        vehicle_on_paper=certificate.vehicle,
        vehicle_seen=values["vehicle"],
        quantity=certificate.quantity,
        count_seen=count_seen,
    )
    check = CheckpointCheck.objects.create(
        certificate=certificate,
        checked_by=actor,
        checkpoint_name=actor.organization or actor.display_name or actor.username,
        vehicle=values["vehicle"],
        count_seen=count_seen,
        result=result or ("fail" if flags else "pass"),
        flags=flags,
        notes=values["notes"],
    )
    ledger.record(
        actor=actor,
        action="certificate.checked",
        obj=check,
        summary={"number": certificate.number, "result": check.result, "flags": flags},
    )
    return check


def _destination_party(actor: User, certificate: Certificate) -> None:
    """The destination reports: its slaughterhouse or station (by region) or the receiving
    farm's owner."""
    require(actor, REPORT_ARRIVAL)
    if actor.role == Role.FARMER:
        farm = certificate.destination_farm
        if farm is None or farm.owner_id != actor.pk:
            raise PermissionDenied(_("只有到达养殖场户本人可以报告落地"))
        return
    if (
        not certificate.destination_region_id.startswith(actor.region_id)
        and actor.region_id != "CN"
    ):
        raise NotFound()


def _arrive(actor: User, certificate: Certificate, received: int, now) -> list[str]:
    policy = current_policy()
    flags = rules.arrival_flags(
        quantity=certificate.quantity,
        received=received,
        valid_until_at=certificate.valid_until,
        reported_at=now,
        arrival_hours=policy["ARRIVAL_HOURS"],
    )
    move(
        certificate,
        to="arrived",
        transitions=rules.CERTIFICATE_TRANSITIONS,
        arrived_at=now,
        arrival_by=actor,
        received_quantity=received,
        arrival_flags=flags,
    )
    _free_tags(certificate.declaration)
    if certificate.ear_tags:
        links.eartags().arrive_tags(
            actor=actor, ref=certificate.declaration.ref, farm=certificate.destination_farm
        )
    if certificate.destination_farm is not None and received:
        registry_services.apply_stock_change(
            actor=actor,
            farm=certificate.destination_farm,
            category=certificate.category,
            kind="purchase",
            quantity=received,
            on=timezone.localdate(now),
            certificate_no=certificate.number,
        )
    return flags


@transaction.atomic
def report_arrival(
    *, actor: User, number: str, received_quantity: int, notes: str = ""
) -> Certificate:
    """落地报告 at the destination with the count received; a short or excess count and a
    late report are flagged (DOMAIN.md §6)."""
    certificate = _certificate(actor, number)
    _destination_party(actor, certificate)
    if (
        not isinstance(received_quantity, int)
        or received_quantity < 0
        or received_quantity > 10_000_000
    ):
        raise ValidationFailed(
            _("实到数量不合理"),
            [
                {
                    "field": "received_quantity",
                    "code": "VALIDATION_ERROR",
                    "message": _("实到数量不合理"),
                }
            ],
        )
    flags = _arrive(actor, certificate, received_quantity, timezone.now())
    ledger.record(
        actor=actor,
        action="certificate.arrived",
        obj=certificate,
        region=certificate.destination_region_id,
        summary={"number": certificate.number, "received": received_quantity, "flags": flags},
    )
    return certificate


@transaction.atomic
def record_slaughter_entry(
    *,
    actor: User,
    number: str,
    ear_tags: list[str],
    slaughtered: int | None = None,
    notes: str = "",
) -> SlaughterEntry:
    """入场查验 and 屠宰: the certificate must be valid; the tags presented are compared with
    the certificate and every mismatch recorded; the animals are slaughtered, the matching
    tags collected and cancelled, and the counts reconciled with the certificate."""
    certificate = _certificate(actor, number)
    require(actor, SLAUGHTER)
    _destination_party(actor, certificate)
    status = certificate.current_status
    if status not in {"valid", "arrived"}:
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
        )
    if SlaughterEntry.objects.filter(certificate=certificate).exists():
        raise DomainError("SLAUGHTER_RECORDED", _("该检疫证明已登记入场屠宰"), status=409)
    values = {"notes": (notes or "").strip()}
    problems = _too_long(values)
    if len(ear_tags) > MAX_TAGS:
        problems.append(Problem("VALIDATION_ERROR", _("耳标过多"), {"field": "ear_tags"}))
    _raise_validation(problems)
    codes, tag_problems = parse_tags(ear_tags)
    if tag_problems:
        raise DomainError.from_problems(tag_problems)
    tagged = is_tagged_species(certificate.species)
    if slaughtered is None:
        slaughtered = (
            len(codes) if tagged else (certificate.received_quantity or certificate.quantity)
        )
    if not isinstance(slaughtered, int) or slaughtered < 0 or slaughtered > 10_000_000:
        raise ValidationFailed(
            _("屠宰数量不合理"),
            [{"field": "slaughtered", "code": "VALIDATION_ERROR", "message": _("屠宰数量不合理")}],
        )
    now = timezone.now()
    if certificate.status == "valid":
        _arrive(actor, certificate, len(codes) if tagged else slaughtered, now)
    match = rules.reconcile(certificate.ear_tags, codes)
    entry = SlaughterEntry.objects.create(
        certificate=certificate,
        slaughterhouse=actor,
        at=now,
        presented_tags=codes,
        matched=len(match["matched"]),
        missing_tags=match["missing"],
        extra_tags=match["extra"],
        slaughtered=slaughtered,
        reconciled=not match["missing"]
        and not match["extra"]
        and slaughtered == certificate.quantity,
        notes=values["notes"],
    )
    if match["matched"]:
        links.eartags().cancel_tags(
            actor=actor, codes=match["matched"], reason="slaughter", ref=f"slaughter:{entry.pk}"
        )
    ledger.record(
        actor=actor,
        action="slaughter.recorded",
        obj=entry,
        region=certificate.destination_region_id,
        summary={
            "number": certificate.number,
            "slaughtered": slaughtered,
            "matched": entry.matched,
            "missing": match["missing"],
            "extra": match["extra"],
            "reconciled": entry.reconciled,
        },
    )
    return entry
