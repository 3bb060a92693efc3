"""Every write of compulsory immunization (DOMAIN.md §4; seed 003 §三、§四(三))."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions, workdays
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from smartvet.core.models import Role, User
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS
from smartvet.eartags import services as eartags_services
from smartvet.immunization import files, queries, rules
from smartvet.immunization.models import (
    AntibodyTest,
    BottleCode,
    Disease,
    Immunization,
    LotSource,
    Round,
    VaccineLot,
)
from smartvet.immunization.permissions import IMMUNIZE, RECEIVE_LOT, RECORD_ANTIBODY, TRANSFER_LOT
from smartvet.registry.models import Farm

TENDER_HOLDERS = {Role.STATION, Role.PROVIDER, Role.SUPERVISOR}
LOT_TEXT_LIMITS = {"product": 100, "manufacturer": 100, "approval_number": 60, "batch": 60}
MAX_BOTTLE_CODE = 200


def _invalid(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(
        message, [{"field": field, "code": "VALIDATION_ERROR", "message": str(message)}]
    )


def _check_date(field: str, value: date, *, today: date) -> None:
    if value > today:
        raise _invalid(field, _("日期不能晚于今天"))
    if value.year < 2000:
        raise _invalid(field, _("日期不合理"))


def _clean_diseases(diseases: list[str]) -> list[str]:
    cleaned = []
    for disease in diseases or []:
        if disease not in Disease.values:
            raise _invalid("diseases", _("未知病种：%(d)s") % {"d": str(disease)[:30]})
        if disease not in cleaned:
            cleaned.append(disease)
    if not cleaned:
        raise _invalid("diseases", _("请至少选择一个防控病种"))
    return cleaned


def _clean_codes(codes: list[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in codes or []:
        code = str(raw).strip()
        if not code:
            continue
        if len(code) > MAX_BOTTLE_CODE:
            raise _invalid("bottle_codes", _("瓶码过长（最多200个字符）"))
        if code in cleaned:
            raise DomainError(
                "VACCINE_BOTTLE_DUPLICATE", _("瓶码重复扫描：%(c)s") % {"c": code}, [{"code": code}]
            )
        cleaned.append(code)
    return cleaned


def _lot_farm(actor: User, farm_id: int | None, source: str) -> Farm | None:
    if source == LotSource.SELF:
        if farm_id is None:
            raise _invalid("farm", _("自购疫苗须指明持有的养殖场"))
        farm = Farm.objects.get_visible(actor, id=farm_id)
        if actor.role not in {Role.FARMER, Role.STATION, Role.SUPERVISOR}:
            raise PermissionDenied(_("自购疫苗由养殖场或乡镇站登记"))
        return farm
    if farm_id is not None:
        raise _invalid("farm", _("招标采购疫苗由乡镇站或服务主体持有，不能指定养殖场"))
    if actor.role not in TENDER_HOLDERS:
        raise PermissionDenied(_("养殖场只能登记自购疫苗"))
    return None


@transaction.atomic
def receive_lot(
    *,
    actor: User,
    product: str,
    manufacturer: str,
    approval_number: str,
    batch: str,
    expiry: date,
    diseases: list[str],
    doses: int,
    source: str,
    farm_id: int | None = None,
    bottles: int | None = None,
    bottle_codes: list[str] | None = None,
    protection_days: int | None = None,
    received_on: date | None = None,
    photo: bytes | None = None,
    photo_size: int | None = None,
) -> VaccineLot:
    """疫苗入库 (seed 003 §四(三)): self-purchased vaccine is held by the farm for its own use;
    tender vaccine by the station or provider that receives it. Scanned bottle codes enter
    stock once; an expired lot is refused."""
    require(actor, RECEIVE_LOT)
    today = timezone.localdate()
    received_on = received_on or today
    if source not in LotSource.values:
        raise _invalid("source", _("来源应为 self 或 tender"))
    farm = _lot_farm(actor, farm_id, source)
    region = farm.region if farm else actor.region
    require(actor, RECEIVE_LOT, region=region.code)
    values = {
        "product": product,
        "manufacturer": manufacturer,
        "approval_number": approval_number,
        "batch": batch,
    }
    for field, limit in LOT_TEXT_LIMITS.items():
        values[field] = str(values[field] or "").strip()
        if not values[field]:
            raise _invalid(
                field, _("请填写%(f)s") % {"f": VaccineLot._meta.get_field(field).verbose_name}
            )
        if len(values[field]) > limit:
            raise _invalid(field, _("内容过长"))
    _check_date("received_on", received_on, today=today)
    if expiry < received_on:
        raise DomainError(
            "VACCINE_EXPIRED",
            _("疫苗已过有效期（%(d)s），不能入库") % {"d": expiry},
            [{"field": "expiry"}],
        )
    if not isinstance(doses, int) or doses <= 0 or doses > 100_000_000:
        raise _invalid("doses", _("头份数应为正整数"))
    if protection_days is not None and not 1 <= protection_days <= 3650:
        raise _invalid("protection_days", _("保护期应在1至3650天之间"))
    codes = _clean_codes(bottle_codes or [])
    taken = list(BottleCode.objects.filter(code__in=codes).values_list("code", flat=True)[:20])
    if taken:
        raise DomainError(
            "VACCINE_BOTTLE_DUPLICATE",
            _("这些瓶码已经入库：%(c)s") % {"c": _("、").join(taken)},
            [{"code": code} for code in taken],
        )
    lot = VaccineLot.objects.create(
        **values,
        expiry=expiry,
        diseases=_clean_diseases(diseases),
        bottles=bottles if bottles is not None else len(codes),
        doses=doses,
        doses_left=doses,
        source=source,
        farm=farm,
        holder=None if farm else actor,
        region=region,
        protection_days=protection_days,
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
            "doses": doses,
            "source": source,
            "farm": farm.pk if farm else None,
            "bottles": len(codes),
        },
    )
    return lot


def _lot_for_edit(actor: User, lot_id: int) -> VaccineLot:
    lot = VaccineLot.objects.get_visible(actor, id=lot_id)
    require(actor, RECEIVE_LOT, region=lot.region_id)
    return lot


def _save_photo(lot: VaccineLot, data: bytes, size: int | None) -> None:
    if size is not None and size > files.MAX_PHOTO_BYTES:
        raise files.too_large(size)
    extension = files.image_extension(data)
    lot.photo.save(f"lot-{lot.pk}.{extension}", ContentFile(data), save=False)
    VaccineLot.objects.filter(pk=lot.pk).update(photo=lot.photo.name)


@transaction.atomic
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


@transaction.atomic
def transfer_lot(*, actor: User, lot_id: int, to_username: str, doses: int) -> VaccineLot:
    """Tender vaccine moves between stations and providers of the county; self-purchased
    vaccine is for the farm's own use and never moves (seed 003 §五: no resale)."""
    lot = VaccineLot.objects.get_visible(actor, id=lot_id)
    require(actor, TRANSFER_LOT, region=lot.region_id)
    if lot.source == LotSource.SELF:
        raise DomainError("VACCINE_NOT_TRANSFERABLE", _("自购疫苗仅限本场使用，不能调出"))
    target = User.objects.filter(username=to_username, role__in=list(TENDER_HOLDERS)).first()
    county = lot.region_id[:6]
    if target is None or not (
        regions.is_within(target.region_id, county) or regions.is_within(county, target.region_id)
    ):
        raise NotFound(_("接收单位账号不存在或不在本县"))
    if target.pk == lot.holder_id:
        raise _invalid("to", _("接收单位与持有单位相同"))
    if not isinstance(doses, int) or doses <= 0:
        raise _invalid("doses", _("头份数应为正整数"))
    if lot.expiry < timezone.localdate():
        raise DomainError("VACCINE_EXPIRED", _("疫苗已过有效期，不能调出"))
    _take_doses(lot, doses)
    child = VaccineLot.objects.create(
        product=lot.product,
        manufacturer=lot.manufacturer,
        approval_number=lot.approval_number,
        batch=lot.batch,
        expiry=lot.expiry,
        diseases=lot.diseases,
        bottles=0,
        doses=doses,
        doses_left=doses,
        source=LotSource.TENDER,
        holder=target,
        region=target.region,
        parent=lot,
        protection_days=lot.protection_days,
        received_on=timezone.localdate(),
        created_by=actor,
    )
    ledger.record(
        actor=actor,
        action="vaccine_lot.transferred",
        obj=child,
        region=lot.region_id,
        summary={"from_lot": lot.pk, "to": target.username, "doses": doses},
    )
    return child


def _take_doses(lot: VaccineLot, doses: int) -> None:
    """Compare-and-set: two vaccinators drawing the last doses at once cannot both win."""
    changed = VaccineLot.objects.filter(pk=lot.pk, doses_left__gte=doses).update(
        doses_left=F("doses_left") - doses
    )
    if changed != 1:
        left = VaccineLot.objects.filter(pk=lot.pk).values_list("doses_left", flat=True).first()
        raise DomainError(
            "VACCINE_STOCK_INSUFFICIENT",
            _("疫苗剩余%(left)d头份，不足%(n)d头份") % {"left": left or 0, "n": doses},
            [{"lot": lot.pk, "doses_left": left or 0, "requested": doses}],
        )
    lot.doses_left -= doses


def _immunizable_farm(actor: User, farm_id: int) -> Farm:
    """The farmer for their own farm, a vaccinator or provider for the farms they serve
    (registry Farm.servers; a vaccinator also through their provider), a station for its
    township."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, IMMUNIZE, region=farm.region_id)
    if actor.role in {Role.VACCINATOR, Role.PROVIDER}:
        accounts = [pk for pk in (actor.pk, actor.provider_id) if pk]
        if not farm.servers.filter(pk__in=accounts).exists():
            raise PermissionDenied(_("您不是该养殖场的服务防疫员或服务主体"))
    return farm


def lot_usable(actor: User, lot: VaccineLot, farm: Farm) -> bool:
    """Self-purchased vaccine only on its own farm; tender vaccine on farms in the holder's
    area, drawn by the holder, its members, or the township's own vaccinators."""
    if lot.source == LotSource.SELF:
        return lot.farm_id == farm.pk
    if not regions.is_within(farm.region_id, lot.region_id):
        return False
    if actor.role == Role.FARMER:
        return False
    if lot.holder_id in {actor.pk, actor.provider_id}:
        return True
    holder = lot.holder
    return bool(
        holder
        and holder.role in {Role.STATION, Role.SUPERVISOR}
        and actor.role in {Role.VACCINATOR, Role.STATION}
        and regions.is_within(actor.region_id, lot.region_id)
    )


def _usable_lot(actor: User, lot_id: int, farm: Farm) -> VaccineLot:
    lot = VaccineLot.objects.select_related("holder").filter(pk=lot_id).first()
    if lot is None or not (
        regions.is_within(lot.region_id, actor.region_id)
        or regions.is_within(actor.region_id, lot.region_id)
    ):
        raise NotFound(_("疫苗批次不存在或不在您的管辖范围内"))
    if not lot_usable(actor, lot, farm):
        raise DomainError(
            "VACCINE_NOT_USABLE",
            _("该批疫苗不能用于此养殖场（自购疫苗仅限本场使用，招标疫苗由持有单位使用）"),
            [{"field": "lot", "lot": lot.pk}],
        )
    return lot


@transaction.atomic
def record_immunization(
    *,
    actor: User,
    farm_id: int,
    on: date,
    category: str,
    disease: str,
    lot_id: int,
    animals: int,
    doses: int,
    ear_tags: list[str] | None = None,
) -> Immunization:
    """免疫录入 (DOMAIN.md §4). Refused: a lot not usable for the farm, an expired lot
    (VACCINE_EXPIRED), a disease the lot does not cover, more doses than left
    (VACCINE_STOCK_INSUFFICIENT), more animals than the farm's stock of the category
    (STOCK_INSUFFICIENT). The next due date and the end of protection come from the plan."""
    farm = _immunizable_farm(actor, farm_id)
    _check_date("date", on, today=timezone.localdate())
    if category not in CATEGORIES:
        raise _invalid("category", _("未知品种类别"))
    if disease not in Disease.values:
        raise _invalid("disease", _("未知病种"))
    entry = queries.plan_entry(disease, category)
    if entry is None:
        raise _invalid(
            "disease",
            _("%(c)s不在%(d)s的强制免疫计划内")
            % {"c": CATEGORY_LABELS[category], "d": Disease(disease).label},
        )
    if not isinstance(animals, int) or animals <= 0:
        raise _invalid("animals", _("免疫数量应为正整数"))
    if not isinstance(doses, int) or doses <= 0:
        raise _invalid("doses", _("用苗头份应为正整数"))
    lot = _usable_lot(actor, lot_id, farm)
    if lot.expiry < on:
        raise DomainError(
            "VACCINE_EXPIRED",
            _("疫苗已于%(d)s过期，不能使用") % {"d": lot.expiry},
            [{"field": "lot", "expiry": lot.expiry.isoformat()}],
        )
    if disease not in lot.diseases:
        raise DomainError(
            "VACCINE_DISEASE_MISMATCH",
            _("该批疫苗不用于防控%(d)s") % {"d": Disease(disease).label},
            [{"field": "disease", "lot_diseases": lot.diseases}],
        )
    stock = farm.stock_lines.filter(category=category).values_list("quantity", flat=True).first()
    if animals > (stock or 0):
        raise DomainError(
            "STOCK_INSUFFICIENT",
            _("免疫数量%(n)d超过该场%(c)s存栏%(s)d")
            % {"n": animals, "c": CATEGORY_LABELS[category], "s": stock or 0},
            [{"field": "animals", "stock": stock or 0}],
        )
    codes = [str(code) for code in ear_tags or []]
    _take_doses(lot, doses)
    protection_days = lot.protection_days or entry.protection_days
    record = Immunization.objects.create(
        farm=farm,
        date=on,
        category=category,
        disease=disease,
        lot=lot,
        animals=animals,
        doses=doses,
        performed_by=actor,
        performer_role=actor.role,
        ear_tags=codes,
        next_due=rules.next_due(on, entry.interval_days),
        protected_until=rules.protected_until(on, protection_days),
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
            "animals": animals,
            "doses": doses,
            "ear_tags": len(codes),
        },
    )
    return record


def _fit_tags(*, actor: User, farm: Farm, codes: list[str], on: date, record: Immunization) -> None:
    """Tags fitted during the visit go through the ear-tag service (its checks, its
    refusals, its ledger events), inside this transaction."""
    eartags_services.fit_tags(
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


@transaction.atomic
def record_antibody_test(
    *,
    actor: User,
    farm_id: int,
    disease: str,
    sampled_on: date,
    samples: int,
    qualified: int,
    lab: str,
    accreditation: str = "none",
    round: str = Round.INITIAL,
    report: bytes | None = None,
    report_size: int | None = None,
) -> AntibodyTest:
    """抗体检测 (seed 003 §三(三)): pass rate = qualified / samples, passed at ≥70%; a re-test
    follows a failed initial test of the same disease (补免); results entered later than
    10 working days after sampling are flagged."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, RECORD_ANTIBODY, region=farm.region_id)
    today = timezone.localdate()
    if disease not in Disease.values:
        raise _invalid("disease", _("未知病种"))
    _check_date("sampled_on", sampled_on, today=today)
    if not isinstance(samples, int) or samples <= 0 or samples > 1_000_000:
        raise _invalid("samples", _("样品数应为正整数"))
    if not isinstance(qualified, int) or qualified < 0:
        raise _invalid("qualified", _("合格数不能为负"))
    if qualified > samples:
        raise _invalid(
            "qualified", _("合格数%(q)d不能大于样品数%(s)d") % {"q": qualified, "s": samples}
        )
    lab = (lab or "").strip()
    if not lab or len(lab) > 100:
        raise _invalid("lab", _("请填写检测机构（最多100字）"))
    if accreditation not in {"CMA", "CNAS", "ministry", "none"}:
        raise _invalid("accreditation", _("资质应为 CMA、CNAS、ministry 或 none"))
    if round not in Round.values:
        raise _invalid("round", _("轮次应为 initial 或 retest"))
    if round == Round.RETEST:
        _require_revaccination(farm, disease, sampled_on)
    rate = rules.pass_rate(samples, qualified)
    due_by = workdays.add_workdays(sampled_on, rules.RESULT_DEADLINE_WORKDAYS, workdays.overrides())
    test = AntibodyTest.objects.create(
        farm=farm,
        disease=disease,
        round=round,
        sampled_on=sampled_on,
        samples=samples,
        qualified=qualified,
        pass_rate=rate,
        passed=rules.passed(rate),
        lab=lab,
        accreditation=accreditation,
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
            "disease": disease,
            "round": round,
            "samples": samples,
            "qualified": qualified,
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


@transaction.atomic
def attach_antibody_report(
    *, actor: User, test_id: int, data: bytes, size: int | None = None
) -> AntibodyTest:
    """The lab's report (PDF or image, at most 10 MB)."""
    test = AntibodyTest.objects.get_visible(actor, id=test_id)
    require(actor, RECORD_ANTIBODY, region=test.farm.region_id)
    _save_report(test, data, size)
    ledger.record(
        actor=actor,
        action="antibody_test.report_attached",
        obj=test,
        region=test.farm.region_id,
        summary={"file": test.report.name},
    )
    return test
