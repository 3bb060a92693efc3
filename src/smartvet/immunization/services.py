"""Every write of compulsory immunization (DOMAIN.md §4; seed 003 §三、§四(三)).

Each action takes its typed command (immunization.commands, the API's payload; pages build it
with `parse`), checks the actor, runs in one durable transaction and writes one ledger event.
Farms are read through registry.queries."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions, workdays
from smartvet.core.access import can, require
from smartvet.core.errors import DomainError, NotFound, PermissionDenied, Problem, ValidationFailed
from smartvet.core.models import User
from smartvet.core.queries import account_who_may
from smartvet.core.species import CATEGORY_LABELS, SPECIES_LABELS, species_of
from smartvet.eartags import services as eartags_services
from smartvet.immunization import files, queries, rules, steps
from smartvet.immunization.commands import (
    ReceiveLot,
    RecordAntibodyTest,
    RecordImmunization,
    TransferLot,
)
from smartvet.immunization.models import (
    AntibodyTest,
    BottleCode,
    Disease,
    Immunization,
    LotSource,
    PlanEntry,
    Receipt,
    Round,
    VaccineLot,
)
from smartvet.immunization.permissions import (
    HOLD_TENDER_VACCINE,
    RECEIVE_LOT,
    RECEIVE_SELF_PURCHASED,
    RECORD_ANTIBODY,
    SIGN_FOR_LOT,
    TRANSFER_LOT,
)
from smartvet.registry import queries as registry_queries

if TYPE_CHECKING:
    from smartvet.registry.models import Farm


def _invalid(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(
        message, [{"field": field, "code": "VALIDATION_ERROR", "message": str(message)}]
    )


def _check_date(field: str, value: date, *, today: date) -> None:
    if value > today:
        raise _invalid(field, _("日期不能晚于今天"))
    if value.year < 2000:
        raise _invalid(field, _("日期不合理"))


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _refused(code: str, message: Any, **where: Any) -> DomainError:
    """A refusal whose one detail says it again, with where it was found (its field and the
    figures behind it): a page lists the detail's message, a client reads the rest."""
    return DomainError.from_problems([Problem(code, message, where)])


def _bottle_codes(codes: list[str]) -> list[str]:
    """Scanned codes without the empty lines; a bottle scanned twice is refused."""
    cleaned: list[str] = []
    for code in codes:
        if not code:
            continue
        if code in cleaned:
            message = _("瓶码重复扫描：%(c)s") % {"c": code}
            raise _refused("VACCINE_BOTTLE_DUPLICATE", message, bottle=code)
        cleaned.append(code)
    return cleaned


def _lot_farm(actor: User, farm_id: int | None, source: str) -> Farm | None:
    if source == LotSource.SELF:
        if farm_id is None:
            raise _invalid("farm", _("自购疫苗须指明持有的养殖场"))
        farm = registry_queries.farm(actor, farm_id)
        if not can(actor, RECEIVE_SELF_PURCHASED, farm):
            raise PermissionDenied(_("自购疫苗由养殖场或乡镇站登记"))
        return farm
    if farm_id is not None:
        raise _invalid("farm", _("招标采购疫苗由乡镇站或服务主体持有，不能指定养殖场"))
    if not can(actor, HOLD_TENDER_VACCINE):
        raise PermissionDenied(_("养殖场只能登记自购疫苗"))
    return None


@transaction.atomic(durable=True)
def receive_lot(
    *,
    actor: User,
    command: ReceiveLot,
    photo: bytes | None = None,
    photo_size: int | None = None,
) -> VaccineLot:
    """疫苗入库 (seed 003 §四(三)): self-purchased vaccine is held by the farm for its own use;
    tender vaccine by the station or provider that receives it. Scanned bottle codes enter
    stock once; an expired lot is refused."""
    require(actor, RECEIVE_LOT)
    today = timezone.localdate()
    received_on = command.received_on or today
    farm = _lot_farm(actor, command.farm, command.source)
    region = farm.region if farm else actor.region
    require(actor, RECEIVE_LOT, region=region.code)
    _check_date("received_on", received_on, today=today)
    if command.expiry < received_on:
        raise _refused(
            "VACCINE_EXPIRED",
            _("疫苗已过有效期（%(d)s），不能入库") % {"d": command.expiry},
            field="expiry",
        )
    codes = _bottle_codes(command.bottle_codes)
    taken = list(BottleCode.objects.filter(code__in=codes).values_list("code", flat=True)[:20])
    if taken:
        raise DomainError.from_problems(
            [
                Problem(
                    "VACCINE_BOTTLE_DUPLICATE",
                    _("瓶码%(c)s已经入库") % {"c": code},
                    {"bottle": code},
                )
                for code in taken
            ],
            message=_("这些瓶码已经入库：%(c)s") % {"c": _("、").join(taken)},
        )
    lot = VaccineLot.objects.create(
        product=command.product,
        manufacturer=command.manufacturer,
        approval_number=command.approval_number,
        batch=command.batch,
        expiry=command.expiry,
        diseases=_distinct(command.diseases),
        species=_distinct(command.species),
        bottles=command.bottles if command.bottles is not None else len(codes),
        doses=command.doses,
        doses_left=command.doses,
        source=command.source,
        farm=farm,
        holder=None if farm else actor,
        region=region,
        protection_days=command.protection_days,
        received_on=received_on,
        created_by=actor,
    )
    BottleCode.objects.bulk_create([BottleCode(lot=lot, code=code) for code in codes])
    if photo is not None or photo_size:
        _save_photo(lot, photo or b"", photo_size)
    ledger.record(
        actor=actor,
        action="vaccine_lot.received",
        obj=lot,
        region=region.code,
        summary={
            "product": lot.product,
            "batch": lot.batch,
            "doses": lot.doses,
            "source": lot.source,
            "farm": farm.pk if farm else None,
            "bottles": len(codes),
        },
    )
    return lot


def _lot_for_edit(actor: User, lot_id: int) -> VaccineLot:
    lot = VaccineLot.objects.get_visible(actor, id=lot_id)
    require(actor, RECEIVE_LOT, lot)
    return lot


def _save_photo(lot: VaccineLot, data: bytes, size: int | None) -> None:
    if size is not None and size > files.MAX_PHOTO_BYTES:
        raise files.too_large(size)
    extension = files.image_extension(data)
    lot.photo.save(f"lot-{lot.pk}.{extension}", ContentFile(data), save=False)
    VaccineLot.objects.filter(pk=lot.pk).update(photo=lot.photo.name)


@transaction.atomic(durable=True)
def attach_lot_photo(
    *, actor: User, lot_id: int, data: bytes, size: int | None = None
) -> VaccineLot:
    """The packaging photo (seed 003 §四(三)): a JPEG/PNG/WebP image of at most 10 MB."""
    lot = _lot_for_edit(actor, lot_id)
    _save_photo(lot, data, size)
    ledger.record(
        actor=actor,
        action="vaccine_lot.photo_attached",
        obj=lot,
        region=lot.region_id,
        summary={"file": lot.photo.name, "bytes": len(data)},
    )
    return lot


@transaction.atomic(durable=True)
def transfer_lot(*, actor: User, lot_id: int, command: TransferLot) -> VaccineLot:
    """Tender vaccine moves between stations and providers of the county; self-purchased
    vaccine is for the farm's own use and never moves (seed 003 §五: no resale)."""
    return transfer_lot_step(actor=actor, lot_id=lot_id, command=command)


def transfer_lot_step(
    *, actor: User, lot_id: int, command: TransferLot, cold_chain: bool = False
) -> VaccineLot:
    """transfer_lot inside a caller's transaction (enforcement's cold-chain dispatch records
    the temperature with the transfer, both or neither, and has the receiver sign there with
    the temperature at receipt: `cold_chain`). It checks the actor as transfer_lot does.
    The new lot is nobody's to use until its receiver signs for it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transfer_lot_step runs inside the caller's transaction")
    lot = VaccineLot.objects.get_visible(actor, id=lot_id)
    require(actor, TRANSFER_LOT, lot)
    _refuse_not_in_hand(lot)
    if lot.source == LotSource.SELF:
        raise DomainError("VACCINE_NOT_TRANSFERABLE", _("自购疫苗仅限本场使用，不能调出"))
    target = account_who_may(command.to, HOLD_TENDER_VACCINE)
    county = lot.region_id[:6]
    if target is None or not (
        regions.is_within(target.region_id, county) or regions.is_within(county, target.region_id)
    ):
        raise NotFound(_("接收单位账号不存在或不在本县"))
    if target.pk == lot.holder_id:
        raise _invalid("to", _("接收单位与持有单位相同"))
    if lot.expiry < timezone.localdate():
        raise DomainError("VACCINE_EXPIRED", _("疫苗已过有效期，不能调出"))
    _take_doses(lot, command.doses)
    child = VaccineLot.objects.create(
        product=lot.product,
        manufacturer=lot.manufacturer,
        approval_number=lot.approval_number,
        batch=lot.batch,
        expiry=lot.expiry,
        diseases=lot.diseases,
        species=lot.species,
        bottles=0,
        doses=command.doses,
        doses_left=command.doses,
        source=LotSource.TENDER,
        holder=target,
        region=target.region,
        parent=lot,
        receipt=Receipt.COLD_CHAIN if cold_chain else Receipt.AWAITED,
        protection_days=lot.protection_days,
        received_on=timezone.localdate(),
        created_by=actor,
    )
    ledger.record(
        actor=actor,
        action="vaccine_lot.transferred",
        obj=child,
        region=lot.region_id,
        summary={"from_lot": lot.pk, "to": target.username, "doses": command.doses},
    )
    return child


@transaction.atomic(durable=True)
def sign_for_lot(*, actor: User, lot_id: int) -> VaccineLot:
    """签收: the receiver of a transfer has the vaccine in hand and may use it from now on.
    Vaccine moved by the cold chain is signed for there, with its temperature at receipt."""
    lot = queries.lot(actor, lot_id)
    require(actor, SIGN_FOR_LOT, lot)
    if lot.receipt == Receipt.COLD_CHAIN:
        raise DomainError(
            "INVALID_TRANSITION",
            _("该批疫苗经冷链调运：请在“疫苗冷链”页记录到货温度并签收"),
        )
    if lot.receipt != Receipt.AWAITED:
        raise DomainError("INVALID_TRANSITION", _("该批疫苗已签收"))
    steps.sign_for_lot(actor=actor, lot=lot)
    return lot


def _take_doses(lot: VaccineLot, doses: int) -> None:
    """Compare-and-set: two vaccinators drawing the last doses at once cannot both win."""
    changed = VaccineLot.objects.filter(pk=lot.pk, doses_left__gte=doses).update(
        doses_left=F("doses_left") - doses
    )
    if changed != 1:
        left = VaccineLot.objects.filter(pk=lot.pk).values_list("doses_left", flat=True).first()
        raise _refused(
            "VACCINE_STOCK_INSUFFICIENT",
            _("疫苗剩余%(left)d头份，不足%(n)d头份") % {"left": left or 0, "n": doses},
            lot=lot.pk,
            doses_left=left or 0,
            requested=doses,
        )
    lot.doses_left -= doses


def _usable_lot(actor: User, lot_id: int, farm: Farm) -> VaccineLot:
    """A lot of the actor's area or above it (tender stock is shared down to the township)."""
    lot = VaccineLot.objects.select_related("holder").filter(pk=lot_id).first()
    if lot is None or not (
        regions.is_within(lot.region_id, actor.region_id)
        or regions.is_within(actor.region_id, lot.region_id)
    ):
        raise NotFound(_("疫苗批次不存在或不在您的管辖范围内"))
    if not queries.lot_usable(actor, lot, farm):
        raise _refused(
            "VACCINE_NOT_USABLE",
            _("该批疫苗不能用于此养殖场（自购疫苗仅限本场使用，招标疫苗由持有单位使用）"),
            field="lot",
            lot=lot.pk,
        )
    return lot


def _plan_entry(category: str, disease: str) -> PlanEntry:
    entry = queries.plan_entry(disease, category)
    if entry is None:
        raise _invalid(
            "disease",
            _("%(c)s不在%(d)s的强制免疫计划内")
            % {"c": CATEGORY_LABELS[category], "d": Disease(disease).label},
        )
    return entry


def _refuse_not_in_hand(lot: VaccineLot) -> None:
    """A lot its holder does not have in hand is neither used nor moved (rules.not_in_hand)."""
    code = rules.not_in_hand(lot.receipt, lot.held)
    if code is None:
        return
    if code == "VACCINE_LOT_NOT_RECEIVED":
        message = _("该批疫苗调拨后接收单位尚未签收：签收后方可使用或调出")
    else:
        message = _("该批疫苗冷链温度异常，已暂停使用，待县级放行后方可使用或调出")
    raise _refused(code, message, field="lot", lot=lot.pk)


def _check_lot_covers(lot: VaccineLot, disease: str, category: str, on: date) -> None:
    _refuse_not_in_hand(lot)
    if lot.expiry < on:
        raise _refused(
            "VACCINE_EXPIRED",
            _("疫苗已于%(d)s过期，不能使用") % {"d": lot.expiry},
            field="lot",
            expiry=lot.expiry.isoformat(),
        )
    if disease not in lot.diseases:
        raise _refused(
            "VACCINE_DISEASE_MISMATCH",
            _("该批疫苗不用于防控%(d)s") % {"d": Disease(disease).label},
            field="disease",
            lot_diseases=lot.diseases,
        )
    if not rules.serves_species(lot.species, species_of(category)):
        raise _refused(
            "VACCINE_NOT_USABLE",
            _("该批疫苗用于%(for)s，不能用于%(c)s")
            % {
                "for": _("、").join(str(SPECIES_LABELS[s]) for s in lot.species),
                "c": CATEGORY_LABELS[category],
            },
            field="lot",
            lot_species=lot.species,
        )


def _check_stock(farm: Farm, category: str, animals: int) -> None:
    stock = registry_queries.current_stock(farm).get(category, 0)
    if animals > stock:
        raise _refused(
            "STOCK_INSUFFICIENT",
            _("免疫数量%(n)d超过该场%(c)s存栏%(s)d")
            % {"n": animals, "c": CATEGORY_LABELS[category], "s": stock},
            field="animals",
            stock=stock,
        )


@transaction.atomic(durable=True)
def record_immunization(*, actor: User, command: RecordImmunization) -> Immunization:
    """免疫录入 (DOMAIN.md §4). The farmer on its own farm, a vaccinator or provider on the
    farms it serves, a station in its township. Refused: a lot not usable for the farm, an
    expired lot (VACCINE_EXPIRED), a disease the lot does not cover, more doses than left
    (VACCINE_STOCK_INSUFFICIENT), more animals than the farm's stock of the category
    (STOCK_INSUFFICIENT). The next due date and the end of protection come from the plan."""
    return record_immunization_step(actor=actor, command=command)


def record_immunization_step(*, actor: User, command: RecordImmunization) -> Immunization:
    """record_immunization inside a caller's transaction (vetservice completes a service order
    with it, so the order and its immunization are written together or not at all). It checks
    the actor and the farm exactly as record_immunization does."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_immunization_step runs inside the caller's transaction")
    farm = queries.farm_to_immunize(actor, command.farm)
    on, category, disease = command.date, command.category, command.disease
    _check_date("date", on, today=timezone.localdate())
    entry = _plan_entry(category, disease)
    lot = _usable_lot(actor, command.lot, farm)
    _check_lot_covers(lot, disease, category, on)
    _check_stock(farm, category, command.animals)
    codes = command.ear_tags
    _take_doses(lot, command.doses)
    record = Immunization.objects.create(
        farm=farm,
        date=on,
        category=category,
        disease=disease,
        lot=lot,
        animals=command.animals,
        doses=command.doses,
        performed_by=actor,
        performer_role=actor.role,
        ear_tags=codes,
        next_due=rules.next_due(on, entry.interval_days),
        protected_until=rules.protected_until(on, lot.protection_days or entry.protection_days),
    )
    if codes:
        _fit_tags(actor=actor, farm=farm, codes=codes, on=on, record=record)
    ledger.record(
        actor=actor,
        action="immunization.recorded",
        obj=record,
        region=farm.region_id,
        summary={
            "farm": farm.pk,
            "date": on,
            "category": category,
            "disease": disease,
            "lot": lot.pk,
            "animals": command.animals,
            "doses": command.doses,
            "ear_tags": len(codes),
        },
    )
    return record


def _fit_tags(*, actor: User, farm: Farm, codes: list[str], on: date, record: Immunization) -> None:
    """Tags fitted during the visit go through the ear-tag service (its checks, its
    refusals, its ledger events), inside this transaction."""
    eartags_services.steps.fit_tags(
        actor=actor, farm=farm, codes=codes, on=on, ref=f"immunization:{record.pk}"
    )


def _require_revaccination(farm: Farm, disease: str, sampled_on: date) -> None:
    """seed 003 §三(三): a re-test follows a failed initial test and the 补免 after it."""
    failed = (
        AntibodyTest.objects.filter(
            farm=farm,
            disease=disease,
            round=Round.INITIAL,
            passed=False,
            sampled_on__lte=sampled_on,
        )
        .order_by("-sampled_on")
        .first()
    )
    if failed is None:
        raise _invalid("round", _("复检须在该病种首次检测不合格之后进行"))
    if not Immunization.objects.filter(
        farm=farm, disease=disease, date__gte=failed.sampled_on, date__lte=sampled_on
    ).exists():
        raise _invalid(
            "round",
            _("复检前须先补免：%(d)s以后没有该病种的免疫记录") % {"d": failed.sampled_on},
        )


@transaction.atomic(durable=True)
def record_antibody_test(
    *,
    actor: User,
    command: RecordAntibodyTest,
    report: bytes | None = None,
    report_size: int | None = None,
) -> AntibodyTest:
    """抗体检测 (seed 003 §三(三)): pass rate = qualified / samples, passed at ≥70%; a re-test
    follows a failed initial test of the same disease (补免); results entered later than
    10 working days after sampling are flagged."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, RECORD_ANTIBODY, farm)
    today = timezone.localdate()
    _check_date("sampled_on", command.sampled_on, today=today)
    if command.qualified > command.samples:
        raise _invalid(
            "qualified",
            _("合格数%(q)d不能大于样品数%(s)d") % {"q": command.qualified, "s": command.samples},
        )
    if command.round == Round.RETEST:
        _require_revaccination(farm, command.disease, command.sampled_on)
    rate = rules.pass_rate(command.samples, command.qualified)
    due_by = workdays.add_workdays(
        command.sampled_on, rules.RESULT_DEADLINE_WORKDAYS, workdays.overrides()
    )
    test = AntibodyTest.objects.create(
        farm=farm,
        disease=command.disease,
        round=command.round,
        sampled_on=command.sampled_on,
        samples=command.samples,
        qualified=command.qualified,
        pass_rate=rate,
        passed=rules.passed(rate),
        lab=command.lab,
        accreditation=command.accreditation,
        late=today > due_by,
        due_by=due_by,
        entered_by=actor,
        entered_role=actor.role,
    )
    if report is not None or report_size:
        _save_report(test, report or b"", report_size)
    ledger.record(
        actor=actor,
        action="antibody_test.recorded",
        obj=test,
        region=farm.region_id,
        summary={
            "farm": farm.pk,
            "disease": command.disease,
            "round": command.round,
            "samples": command.samples,
            "qualified": command.qualified,
            "pass_rate": rate,
            "late": test.late,
        },
    )
    return test


def _save_report(test: AntibodyTest, data: bytes, size: int | None) -> None:
    if size is not None and size > files.MAX_PHOTO_BYTES:
        raise files.too_large(size)
    extension = files.report_extension(data)
    test.report.save(f"antibody-{test.pk}.{extension}", ContentFile(data), save=False)
    AntibodyTest.objects.filter(pk=test.pk).update(report=test.report.name)


@transaction.atomic(durable=True)
def attach_antibody_report(
    *, actor: User, test_id: int, data: bytes, size: int | None = None
) -> AntibodyTest:
    """The lab's report (PDF or image, at most 10 MB)."""
    test = AntibodyTest.objects.get_visible(actor, id=test_id)
    require(actor, RECORD_ANTIBODY, test)
    _save_report(test, data, size)
    ledger.record(
        actor=actor,
        action="antibody_test.report_attached",
        obj=test,
        region=test.farm.region_id,
        summary={"file": test.report.name},
    )
    return test
