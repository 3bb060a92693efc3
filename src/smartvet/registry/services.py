"""Every write of the farm registry (DOMAIN.md §2; seed 002 §二(一), seed 000 2023).

Each action takes its typed command (registry.commands, the API's payload; pages build it with
`parse`), checks the actor, runs in one durable transaction and writes one ledger event. The
step other apps take inside their own transaction lives in `registry.steps`."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger, regions
from smartvet.core.access import can, require, sees_own_farms_only
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, Problem, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.core.permissions import ENROL_FARMER
from smartvet.core.queries import account_who_may
from smartvet.core.services import enrol_farmer
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS
from smartvet.core.spreadsheets import data_rows, in_every_language, read_rows
from smartvet.core.workflow import next_number
from smartvet.registry import queries, rules, steps
from smartvet.registry.commands import (
    RecordDisinfection,
    RecordStockEvent,
    RegisterFarm,
    RegisterVehicle,
    SetVehicleRule,
    UpdateFarm,
)
from smartvet.registry.models import (
    Farm,
    FarmKind,
    FarmServer,
    FarmStock,
    ServingBasis,
    StockEvent,
    StockEventKind,
    Vehicle,
    VehicleDisinfection,
    VehicleRule,
)
from smartvet.registry.permissions import (
    ASSIGN_SERVER,
    EDIT_FARM,
    RECORD_DISINFECTION,
    RECORD_STOCK,
    REGISTER_FARM,
    REGISTER_VEHICLE,
    SERVE_FARMS,
    SET_VEHICLE_RULE,
)

EDITABLE_FIELDS = (
    "name",
    "kind",
    "owner_name",
    "owner_id_number",
    "phone",
    "address",
    "epidemic_certificate_no",
)
# Chinese column names and lazy category labels; spreadsheets.header_labels translates them.
IMPORT_HEADER = (
    gettext_noop("名称"),
    gettext_noop("类型"),
    gettext_noop("负责人"),
    gettext_noop("身份证号或统一社会信用代码"),
    gettext_noop("联系电话"),
    gettext_noop("地址"),
    gettext_noop("区划代码"),
    gettext_noop("动物防疫条件合格证编号"),
    *[CATEGORY_LABELS[c] for c in CATEGORIES],
)


def _farm_region(code: str) -> Region:
    """Farms sit in a township or a village; anything else is refused."""
    if regions.level_of(code) not in {"township", "village"}:
        raise ValidationFailed(
            _("所在地应为乡镇（9位）或村（12位）区划代码"),
            [
                {
                    "field": "region",
                    "code": "VALIDATION_ERROR",
                    "message": _("所在地应为乡镇（9位）或村（12位）区划代码"),
                }
            ],
        )
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationFailed(
            _("区划代码%(code)s不存在") % {"code": code},
            [{"field": "region", "code": "VALIDATION_ERROR", "message": _("区划代码不存在")}],
        )
    return region


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DomainError.from_problems(
            problems, code="VALIDATION_ERROR", message=problems[0].message
        )


def _values(command: RegisterFarm | UpdateFarm, farm: Farm | None = None) -> dict[str, str]:
    """The farm's editable fields from a command (a change keeps what it leaves out)."""
    values = {field: getattr(farm, field) for field in EDITABLE_FIELDS} if farm else {}
    values.update(
        {
            field: value
            for field in EDITABLE_FIELDS
            if (value := getattr(command, field)) is not None
        }
    )
    values["owner_id_number"] = rules.normalize_identity(values["owner_id_number"])
    return values


def _farm_problems(values: dict[str, str], stock: dict[str, Any]) -> list[Problem]:
    return rules.farm_problems(
        owner_id_number=values["owner_id_number"],
        phone=values["phone"],
        stock=stock,
        known_categories=set(CATEGORIES),
    )


def _unit_for(actor: User, unit_id: int | None, region: Region) -> Farm | None:
    if unit_id is None:
        return None
    unit = Farm.objects.get_visible(actor, id=unit_id)
    if unit.kind != FarmKind.VILLAGE_UNIT:
        raise ValidationFailed(_("所属单元必须是村级单元"))
    if region.code[:9] != unit.region_id[:9]:
        raise ValidationFailed(_("散养户须与村级单元在同一乡镇"))
    return unit


def _owner(actor: User, values: dict[str, str], region: Region) -> User | None:
    """A farmer registers its own farm. The station or county gives the owner of a farm it
    registers an account, username the owner's mobile number (core.services.enrol_farmer, in
    this transaction): the card then carries the account's one-time activation code. A farmer
    with several farms keeps one account; a number that is another kind of account's login
    leaves the farm without an owner."""
    if sees_own_farms_only(actor):
        return actor
    phone = values["phone"]
    if not (rules.is_mobile(phone) and can(actor, ENROL_FARMER, region=region.code)):
        return None
    account, _code = enrol_farmer(
        actor=actor, phone=phone, name=values["owner_name"] or values["name"], region=region.code
    )
    return account if sees_own_farms_only(account) else None


def _create_farm(
    *,
    actor: User,
    values: dict[str, str],
    region: Region,
    stock: dict[str, int],
    unit: Farm | None,
) -> Farm:
    township = region.code[:9]
    farm = Farm.objects.create(
        code=f"{township}{next_number(f'farm:{township}'):05d}",
        region=region,
        owner=_owner(actor, values, region),
        unit=unit,
        **values,
    )
    today = timezone.localdate()
    for category, quantity in stock.items():
        FarmStock.objects.create(farm=farm, category=category, quantity=quantity)
        if quantity:
            StockEvent.objects.create(
                farm=farm,
                category=category,
                kind=StockEventKind.OPENING,
                quantity=quantity,
                balance=quantity,
                date=today,
                actor=actor,
            )
    steps.refresh_completeness(farm)
    ledger.record(
        actor=actor,
        action="farm.registered",
        obj=farm,
        region=region.code,
        summary={"code": farm.code, "name": farm.name, "kind": farm.kind, "stock": stock},
    )
    return farm


@transaction.atomic(durable=True)
def register_farm(*, actor: User, command: RegisterFarm) -> Farm:
    """A farm is registered by its station or county, a provider (village units), or the
    farmer for their own farm; it may be saved incomplete (seed 002 §二(一))."""
    require(actor, REGISTER_FARM, region=command.region or actor.region_id)
    values = _values(command)
    _raise_if(_farm_problems(values, command.stock))
    region = _farm_region(command.region)
    unit = _unit_for(actor, command.unit, region)
    return _create_farm(
        actor=actor, values=values, region=region, stock=dict(command.stock), unit=unit
    )


@transaction.atomic(durable=True)
def update_farm(*, actor: User, farm_id: int, command: UpdateFarm) -> Farm:
    """Edit the basic information; new categories start at zero stock (stock itself only
    changes through stock events)."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, EDIT_FARM, farm)
    before = {field: getattr(farm, field) for field in EDITABLE_FIELDS}
    values = _values(command, farm)
    stock = dict(farm.stock_lines.values_list("category", "quantity"))
    new_categories = {c: 0 for c in command.categories or [] if c not in stock}
    _raise_if(_farm_problems(values, new_categories))
    if command.region and command.region != farm.region_id:
        require(actor, EDIT_FARM, region=command.region)
        farm.region = _farm_region(command.region)
    for field, value in values.items():
        setattr(farm, field, value)
    farm.save()
    for category in new_categories:
        FarmStock.objects.create(farm=farm, category=category, quantity=0)
    steps.refresh_completeness(farm)
    after = {field: getattr(farm, field) for field in EDITABLE_FIELDS}
    ledger.record(
        actor=actor,
        action="farm.updated",
        obj=farm,
        region=farm.region_id,
        summary={
            "before": {k: v for k, v in before.items() if after[k] != v},
            "after": {k: v for k, v in after.items() if before[k] != v},
            "region": farm.region_id,
            "categories_added": list(new_categories),
        },
    )
    return farm


@transaction.atomic(durable=True)
def record_stock_event(*, actor: User, farm_id: int, command: RecordStockEvent) -> StockEvent:
    """存栏变动: opening, birth, purchase (with its certificate), death (with harmless
    disposal), sale (with its certificate), slaughter. Stock never goes negative."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, RECORD_STOCK, farm)
    _raise_if(
        rules.stock_event_problems(
            kind=command.kind,
            category=command.category,
            on=command.date,
            today=timezone.localdate(),
            certificate_no=command.certificate_no,
            disposal=command.disposal,
            known_categories=set(CATEGORIES),
        )
    )
    return steps.apply_stock_change(
        actor=actor,
        farm=farm,
        category=command.category,
        kind=command.kind,
        quantity=command.quantity,
        on=command.date,
        certificate_no=command.certificate_no,
        disposal=command.disposal,
        note=command.note,
        source_farm=_source_farm(farm, command),
    )


def _source_problem(message: str, field: str) -> Problem:
    return Problem("VALIDATION_ERROR", message, {"field": field})


def _source_farm(farm: Farm, command: RecordStockEvent) -> Farm | None:
    """The farm a purchase came from (any registered farm: a purification farm may lie in
    another county), named by id or by the code on its card; only a purchase names one."""
    if command.source_farm is None and not command.source_farm_code:
        return None
    field = "source_farm" if command.source_farm is not None else "source_farm_code"
    if command.kind != StockEventKind.PURCHASE:
        _raise_if([_source_problem(_("只有购入登记来源养殖场"), field)])
    source = queries.destination_farm(farm_id=command.source_farm, code=command.source_farm_code)
    if source is None:
        _raise_if([_source_problem(_("来源养殖场不存在：请核对养殖场编码"), field)])
    elif source.pk == farm.pk:
        _raise_if([_source_problem(_("来源养殖场不能是本场"), field)])
    return source


@transaction.atomic(durable=True)
def assign_server(*, actor: User, farm_id: int, username: str, serving: bool = True) -> Farm:
    """A station records which vaccinators or providers serve a farm (they may then fit its
    tags and immunize it)."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, ASSIGN_SERVER, farm)
    account = account_who_may(username, SERVE_FARMS)
    county = farm.region_id[:6]
    if account is None or not (
        regions.is_within(account.region_id, county) or regions.is_within(county, account.region_id)
    ):
        raise NotFound(_("防疫员或服务主体账号不存在或不在本县"))
    direct = {"farm": farm, "account": account, "basis": ServingBasis.STATION, "reference": 0}
    if serving:
        FarmServer.objects.get_or_create(**direct)
    else:
        FarmServer.objects.filter(**direct).delete()
    ledger.record(
        actor=actor,
        action="farm.server_assigned" if serving else "farm.server_removed",
        obj=farm,
        region=farm.region_id,
        summary={"account": username},
    )
    return farm


# --- bulk registration from a workbook -------------------------------------------------------


@cache
def _kinds_by_label() -> dict[str, str]:
    """Farm kinds by their label in each of the platform's languages (translations do not
    change while the process runs)."""
    return {
        label: value
        for labels in in_every_language(lambda: [(str(lbl), v) for v, lbl in FarmKind.choices])
        for label, value in labels
    }


def _kind_of(label: str) -> str:
    """A farm kind from its label in one of the platform's languages (or from its code)."""
    return _kinds_by_label().get(label, label)


def _row_fields(cells: list[str]) -> dict[str, Any]:
    stock: dict[str, Any] = {}
    for category, cell in zip(CATEGORIES, cells[8:], strict=False):
        if cell:
            stock[category] = int(cell) if cell.isdigit() else cell
    return {
        "name": cells[0],
        "kind": _kind_of(cells[1]),
        "owner_name": cells[2],
        "owner_id_number": cells[3],
        "phone": cells[4],
        "address": cells[5],
        "region": cells[6],
        "epidemic_certificate_no": cells[7],
        "stock": stock,
    }


def _row_problems(
    actor: User, fields: dict[str, Any], known: dict[str, Region | None]
) -> tuple[list[dict[str, Any]], tuple[RegisterFarm, Region] | None]:
    """Every problem of one row (as the API would report it), or the row ready to register.
    `known` keeps the regions looked up so far, so a workbook of one village asks once."""
    stock = fields.pop("stock")
    try:
        command = parse(RegisterFarm, fields)
    except ValidationFailed as exc:
        return exc.details, None
    problems = [p.as_dict() for p in _farm_problems(_values(command), stock)]
    code = command.region
    if regions.level_of(code) not in {"township", "village"} or not regions.is_within(
        code, actor.region_id
    ):
        problems.append(Problem("VALIDATION_ERROR", _("区划代码不在您的管辖范围内")).as_dict())
    elif code not in known:
        known[code] = Region.objects.filter(code=code).first()
    if not problems and known.get(code) is None:
        problems.append(Problem("VALIDATION_ERROR", _("区划代码不存在")).as_dict())
    if problems:
        return problems, None
    return [], (command.model_copy(update={"stock": stock}), known[code])


@transaction.atomic(durable=True)
def import_farms(*, actor: User, data: bytes, filename: str) -> list[Farm]:
    """批量登记: every row is checked first and every bad row reported; one bad row and
    nothing is saved."""
    require(actor, REGISTER_FARM)
    problems: list[dict[str, Any]] = []
    accepted = []
    known: dict[str, Region | None] = {}
    for number, cells in data_rows(read_rows(data, filename), IMPORT_HEADER):
        row_problems, row = _row_problems(actor, _row_fields(cells), known)
        problems.extend({"row": number, **problem} for problem in row_problems)
        if row:
            accepted.append(row)
    if not accepted and not problems:
        raise DomainError("IMPORT_INVALID", _("文件中没有数据行"))
    if problems:
        raise DomainError(
            "IMPORT_INVALID",
            _("文件中有%(n)d处错误，未导入任何数据") % {"n": len(problems)},
            problems,
        )
    return [
        _create_farm(
            actor=actor, values=_values(command), region=region, stock=command.stock, unit=None
        )
        for command, region in accepted
    ]


# --- the vehicle register (备案车辆; seed 002: dealers' registered vehicles carry animals) -----


def _county(code: str) -> Region:
    """A county named by its own code or by any region inside it."""
    county = Region.objects.filter(code=regions.county_of(code) or "").first()
    if county is None:
        message = _("请填写县级区划代码")
        raise ValidationFailed(
            message, [{"field": "region", "code": "VALIDATION_ERROR", "message": message}]
        )
    return county


@transaction.atomic(durable=True)
def register_vehicle(*, actor: User, command: RegisterVehicle) -> Vehicle:
    """备案车辆: the county registers a vehicle that carries animals, once per plate in the
    province's database (the plate normalised, so one vehicle is never registered twice)."""
    county = _county(command.region or actor.region_id)
    require(actor, REGISTER_VEHICLE, region=county.code)
    plate = rules.normalize_plate(command.plate)
    _raise_if(
        [Problem("VALIDATION_ERROR", _("联系电话格式不正确"), {"field": "owner_phone"})]
        if not rules.phone_valid(command.owner_phone)
        else []
    )
    with transaction.atomic():
        try:
            vehicle = Vehicle.objects.create(
                plate=plate,
                owner_name=command.owner_name,
                owner_phone=command.owner_phone,
                capacity=command.capacity,
                county=county,
                registered_by=actor,
            )
        except IntegrityError:
            raise DomainError(
                "VEHICLE_REGISTERED",
                _("车牌号%(plate)s已经备案") % {"plate": plate},
                [{"field": "plate", "code": "VEHICLE_REGISTERED"}],
                status=409,
            ) from None
    ledger.record(
        actor=actor,
        action="vehicle.registered",
        obj=vehicle,
        region=county.code,
        summary={"plate": plate, "capacity": vehicle.capacity},
    )
    return vehicle


@transaction.atomic(durable=True)
def record_disinfection(
    *, actor: User, vehicle_id: int, command: RecordDisinfection
) -> VehicleDisinfection:
    """车辆洗消: a registered vehicle's cleaning and disinfection, recorded by whoever saw it
    (at loading, a checkpoint, the county); the vehicle keeps the latest date for checks."""
    require(actor, RECORD_DISINFECTION)
    vehicle = Vehicle.objects.select_for_update().get_visible(actor, id=vehicle_id)
    if command.date > timezone.localdate():
        _raise_if([Problem("VALIDATION_ERROR", _("消毒日期不能晚于今天"), {"field": "date"})])
    record = VehicleDisinfection.objects.create(
        vehicle=vehicle,
        date=command.date,
        place=command.place,
        disinfectant=command.disinfectant,
        recorded_by=actor,
    )
    if vehicle.last_disinfected_on is None or command.date > vehicle.last_disinfected_on:
        Vehicle.objects.filter(pk=vehicle.pk).update(last_disinfected_on=command.date)
    ledger.record(
        actor=actor,
        action="vehicle.disinfected",
        obj=vehicle,
        region=vehicle.county_id,
        summary={"plate": vehicle.plate, "date": command.date, "place": command.place},
    )
    return record


@transaction.atomic(durable=True)
def set_vehicle_rule(*, actor: User, command: SetVehicleRule) -> VehicleRule:
    """A county's vehicle rule (policy data): whether a declaration must name a registered
    vehicle and how recent its disinfection must be; the county or the province sets it."""
    county = _county(command.county)
    require(actor, SET_VEHICLE_RULE, region=county.code)
    rule, _created = VehicleRule.objects.update_or_create(
        county=county,
        defaults={
            "registration_required": command.registration_required,
            "disinfection_days": command.disinfection_days,
            "updated_by": actor,
        },
    )
    ledger.record(
        actor=actor,
        action="vehicle.rule_set",
        obj=rule,
        region=county.code,
        summary={
            "registration_required": rule.registration_required,
            "disinfection_days": rule.disinfection_days,
        },
    )
    return rule
