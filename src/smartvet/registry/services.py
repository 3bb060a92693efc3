"""Every write of the farm registry (DOMAIN.md §2; seed 002 §二(一), seed 000 2023)."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, Problem, ValidationFailed
from smartvet.core.models import Region, Role, User
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS
from smartvet.core.spreadsheets import data_rows, in_every_language, read_rows
from smartvet.core.workflow import next_number
from smartvet.registry import rules
from smartvet.registry.models import Farm, FarmKind, FarmStock, StockEvent, StockEventKind
from smartvet.registry.permissions import ASSIGN_SERVER, EDIT_FARM, RECORD_STOCK, REGISTER_FARM

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


def _farm_region(actor: User, code: str) -> Region:
    """Farms sit in a township or a village the actor reaches; anything else is refused."""
    code = (code or "").strip()
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


def _clean(values: dict[str, Any]) -> dict[str, str]:
    cleaned = {field: str(values.get(field) or "").strip() for field in EDITABLE_FIELDS}
    cleaned["owner_id_number"] = rules.normalize_identity(cleaned["owner_id_number"])
    return cleaned


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DomainError.from_problems(
            problems, code="VALIDATION_ERROR", message=problems[0].message
        )


def _current_stock(farm: Farm) -> dict[str, int]:
    return dict(farm.stock_lines.values_list("category", "quantity"))


def _refresh_completeness(farm: Farm) -> None:
    missing = rules.missing_fields(
        name=farm.name, phone=farm.phone, address=farm.address, stock=_current_stock(farm)
    )
    complete = not missing
    if farm.is_complete != complete:
        farm.is_complete = complete
        Farm.objects.filter(pk=farm.pk).update(is_complete=complete)


def _unit_for(actor: User, unit_id: int | None, region: Region) -> Farm | None:
    if unit_id is None:
        return None
    unit = Farm.objects.get_visible(actor, id=unit_id)
    if unit.kind != FarmKind.VILLAGE_UNIT:
        raise ValidationFailed(_("所属单元必须是村级单元"))
    if region.code[:9] != unit.region_id[:9]:
        raise ValidationFailed(_("散养户须与村级单元在同一乡镇"))
    return unit


def _create_farm(
    *,
    actor: User,
    values: dict[str, str],
    region: Region,
    stock: dict[str, int],
    owner: User | None,
    unit: Farm | None,
    on: date,
) -> Farm:
    township = region.code[:9]
    farm = Farm.objects.create(
        code=f"{township}{next_number(f'farm:{township}'):05d}",
        region=region,
        owner=owner,
        unit=unit,
        **values,
    )
    for category, quantity in stock.items():
        FarmStock.objects.create(farm=farm, category=category, quantity=quantity)
        if quantity:
            StockEvent.objects.create(
                farm=farm,
                category=category,
                kind=StockEventKind.OPENING,
                quantity=quantity,
                balance=quantity,
                date=on,
                actor=actor,
            )
    _refresh_completeness(farm)
    ledger.record(
        actor=actor,
        action="farm.registered",
        obj=farm,
        region=region.code,
        summary={"code": farm.code, "name": farm.name, "kind": farm.kind, "stock": stock},
    )
    return farm


@transaction.atomic
def register_farm(
    *,
    actor: User,
    name: str,
    kind: str,
    region: str,
    owner_name: str = "",
    owner_id_number: str = "",
    phone: str = "",
    address: str = "",
    epidemic_certificate_no: str = "",
    stock: dict[str, int] | None = None,
    unit_id: int | None = None,
) -> Farm:
    """A farm is registered by its station or county, a provider (village units), or the
    farmer for their own farm; it may be saved incomplete (seed 002 §二(一))."""
    require(actor, REGISTER_FARM, region=(region or "").strip() or actor.region_id)
    values = _clean(
        {
            "name": name,
            "kind": kind,
            "owner_name": owner_name,
            "owner_id_number": owner_id_number,
            "phone": phone,
            "address": address,
            "epidemic_certificate_no": epidemic_certificate_no,
        }
    )
    stock = dict(stock or {})
    _raise_if(rules.farm_field_problems(values, categories=stock, known_categories=set(CATEGORIES)))
    farm_region = _farm_region(actor, region)
    unit = _unit_for(actor, unit_id, farm_region)
    owner = actor if actor.role == Role.FARMER else None
    return _create_farm(
        actor=actor,
        values=values,
        region=farm_region,
        stock=stock,
        owner=owner,
        unit=unit,
        on=timezone.localdate(),
    )


@transaction.atomic
def update_farm(
    *,
    actor: User,
    farm_id: int,
    changes: dict[str, Any],
    region: str | None = None,
    categories: list[str] | None = None,
) -> Farm:
    """Edit the basic information; new categories start at zero stock (stock itself only
    changes through stock events)."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, EDIT_FARM, region=farm.region_id)
    before = {field: getattr(farm, field) for field in EDITABLE_FIELDS}
    values = _clean({**before, **{k: v for k, v in changes.items() if k in EDITABLE_FIELDS}})
    new_categories = {c: 0 for c in categories or [] if c not in _current_stock(farm)}
    _raise_if(
        rules.farm_field_problems(
            values, categories=new_categories, known_categories=set(CATEGORIES)
        )
    )
    if region and region != farm.region_id:
        require(actor, EDIT_FARM, region=region)
        farm.region = _farm_region(actor, region)
    for field, value in values.items():
        setattr(farm, field, value)
    farm.save()
    for category in new_categories:
        FarmStock.objects.create(farm=farm, category=category, quantity=0)
    _refresh_completeness(farm)
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


def _stock_event_problems(
    *, kind: str, category: str, on: date, certificate_no: str, disposal: str, note: str
) -> list[Problem]:
    problems = []
    if kind not in rules.STOCK_EVENT_SIGN:
        problems.append(Problem("VALIDATION_ERROR", _("未知的变动类型"), {"field": "kind"}))
    if category not in CATEGORIES:
        problems.append(
            Problem(
                "VALIDATION_ERROR",
                _("未知品种类别：%(c)s") % {"c": category},
                {"field": "category"},
            )
        )
    if on > timezone.localdate():
        problems.append(Problem("VALIDATION_ERROR", _("日期不能晚于今天"), {"field": "date"}))
    if on.year < 2000:
        problems.append(Problem("VALIDATION_ERROR", _("日期不合理"), {"field": "date"}))
    if kind == StockEventKind.DEATH and not disposal.strip():
        problems.append(
            Problem("VALIDATION_ERROR", _("死亡须登记无害化处理方式"), {"field": "disposal"})
        )
    if kind in {StockEventKind.PURCHASE, StockEventKind.SALE} and not certificate_no.strip():
        problems.append(
            Problem(
                "VALIDATION_ERROR", _("购入和出售须填写检疫证明编号"), {"field": "certificate_no"}
            )
        )
    for field, value, limit in (
        ("certificate_no", certificate_no, 40),
        ("disposal", disposal, 100),
        ("note", note, 200),
    ):
        if len(value) > limit:
            problems.append(Problem("VALIDATION_ERROR", _("内容过长"), {"field": field}))
    return problems


def apply_stock_change(
    *,
    actor: User,
    farm: Farm,
    category: str,
    kind: str,
    quantity: int,
    on: date,
    certificate_no: str = "",
    disposal: str = "",
    note: str = "",
) -> StockEvent:
    """Apply one stock event inside the caller's transaction. Other apps' services (a
    certificate that takes animals off the farm) call this after their own checks."""
    line, _created = FarmStock.objects.select_for_update().get_or_create(
        farm=farm, category=category, defaults={"quantity": 0}
    )
    problem = rules.stock_event_problem(line.quantity, kind, quantity)
    if problem:
        raise DomainError(problem.code, problem.message, [problem.as_dict()])
    line.quantity = rules.stock_after(line.quantity, kind, quantity)
    line.save(update_fields=["quantity"])
    event = StockEvent.objects.create(
        farm=farm,
        category=category,
        kind=kind,
        quantity=quantity,
        balance=line.quantity,
        date=on,
        certificate_no=certificate_no,
        disposal=disposal,
        note=note,
        actor=actor,
    )
    _refresh_completeness(farm)
    return event


@transaction.atomic
def record_stock_event(
    *,
    actor: User,
    farm_id: int,
    category: str,
    kind: str,
    quantity: int,
    on: date,
    certificate_no: str = "",
    disposal: str = "",
    note: str = "",
) -> StockEvent:
    """存栏变动: opening, birth, purchase (with its certificate), death (with harmless
    disposal), sale (with its certificate), slaughter. Stock never goes negative."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, RECORD_STOCK, region=farm.region_id)
    problems = _stock_event_problems(
        kind=kind,
        category=category,
        on=on,
        certificate_no=certificate_no,
        disposal=disposal,
        note=note,
    )
    _raise_if(problems)
    event = apply_stock_change(
        actor=actor,
        farm=farm,
        category=category,
        kind=kind,
        quantity=quantity,
        on=on,
        certificate_no=certificate_no.strip(),
        disposal=disposal.strip(),
        note=note.strip(),
    )
    ledger.record(
        actor=actor,
        action="farm.stock_changed",
        obj=farm,
        region=farm.region_id,
        summary={
            "category": category,
            "kind": kind,
            "quantity": quantity,
            "balance": event.balance,
            "date": on,
        },
    )
    return event


@transaction.atomic
def assign_server(*, actor: User, farm_id: int, username: str, serving: bool = True) -> Farm:
    """A station records which vaccinators or providers serve a farm (they may then fit its
    tags and immunize it)."""
    farm = Farm.objects.get_visible(actor, id=farm_id)
    require(actor, ASSIGN_SERVER, region=farm.region_id)
    account = User.objects.filter(
        username=username, role__in=[Role.VACCINATOR, Role.PROVIDER]
    ).first()
    county = farm.region_id[:6]
    if account is None or not (
        regions.is_within(account.region_id, county) or regions.is_within(county, account.region_id)
    ):
        raise NotFound(_("防疫员或服务主体账号不存在或不在本县"))
    if serving:
        farm.servers.add(account)
    else:
        farm.servers.remove(account)
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


def _row_values(cells: list[str]) -> tuple[dict[str, str], str, dict[str, Any]]:
    values = {
        "name": cells[0],
        "kind": _kind_of(cells[1]),
        "owner_name": cells[2],
        "owner_id_number": cells[3],
        "phone": cells[4],
        "address": cells[5],
        "epidemic_certificate_no": cells[7],
    }
    stock: dict[str, Any] = {}
    for category, cell in zip(CATEGORIES, cells[8:], strict=False):
        if cell:
            stock[category] = int(cell) if cell.isdigit() else cell
    return values, cells[6], stock


@transaction.atomic
def import_farms(*, actor: User, data: bytes, filename: str) -> list[Farm]:
    """批量登记: every row is checked first and every bad row reported; one bad row and
    nothing is saved."""
    require(actor, REGISTER_FARM)
    rows = read_rows(data, filename)
    problems: list[dict[str, Any]] = []
    accepted = []
    regions_by_code = {}
    for number, cells in data_rows(rows, IMPORT_HEADER):
        values, region_code, stock = _row_values(cells)
        values = _clean(values)
        row_problems = rules.farm_field_problems(
            values, categories=stock, known_categories=set(CATEGORIES)
        )
        if regions.level_of(region_code) not in {"township", "village"} or not regions.is_within(
            region_code, actor.region_id
        ):
            row_problems.append(Problem("VALIDATION_ERROR", _("区划代码不在您的管辖范围内")))
        elif region_code not in regions_by_code:
            regions_by_code[region_code] = Region.objects.filter(code=region_code).first()
        if not row_problems and regions_by_code.get(region_code) is None:
            row_problems.append(Problem("VALIDATION_ERROR", _("区划代码不存在")))
        problems.extend({"row": number, **p.as_dict()} for p in row_problems)
        if not row_problems:
            accepted.append((values, regions_by_code[region_code], stock))
    if not accepted and not problems:
        raise DomainError("IMPORT_INVALID", _("文件中没有数据行"))
    if problems:
        raise DomainError(
            "IMPORT_INVALID",
            _("文件中有%(n)d处错误，未导入任何数据") % {"n": len(problems)},
            problems,
        )
    owner = actor if actor.role == Role.FARMER else None
    today = timezone.localdate()
    return [
        _create_farm(
            actor=actor, values=values, region=region, stock=stock, owner=owner, unit=None, on=today
        )
        for values, region, stock in accepted
    ]
