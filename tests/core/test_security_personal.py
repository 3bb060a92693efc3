"""docs/security.md's tables of who sees which personal field, walked against the real pages,
API, exports and ledger (core.personal's masking, core.see_personal_data): a change to who
sees what fails here until the table says so too."""

from __future__ import annotations

import inspect
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from smartvet.core.commands import parse
from smartvet.core.personal import mask_identity, mask_phone
from smartvet.registry import services as registry
from smartvet.registry.commands import UpdateFarm
from smartvet.registry.models import Farm
from smartvet.subsidy import services as subsidy_services
from tests.support.api import ApiClient
from tests.support.factories import make_farm

TABLES = Path(__file__).resolve().parents[2] / "docs" / "security.md"
SURFACES = {"页面": "page", "API": "api", "导出": "export", "台账": "ledger"}
FIELDS = ["身份证号", "手机号", "姓名", "地址"]
# What the farm holds after its edit; the ledger's farm.updated event carries the new values.
OWNER = {
    "身份证号": "420506198806150025",
    "手机号": "13907175678",
    "姓名": "李秀英",
    "地址": "龙泉镇青龙村3组",
}


def documented() -> dict[str, dict[str, dict[str, str]]]:
    """{surface: {username: {field: 全|遮|无}}} from the markdown tables."""
    tables: dict[str, dict[str, dict[str, str]]] = {}
    surface = None
    for line in TABLES.read_text().splitlines():
        heading = re.match(r"### (\S+)", line)
        if heading:
            surface = SURFACES.get(heading.group(1))
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if surface and line.startswith("|") and cells[0].startswith("`"):
            tables.setdefault(surface, {})[cells[0].strip("`")] = dict(
                zip(FIELDS, cells[2:], strict=True)
            )
    return tables


def seen(text: str, field: str) -> str:
    value = OWNER[field]
    if value in text:
        return "全"
    masks = {"身份证号": mask_identity, "手机号": mask_phone}
    if field in masks and masks[field](value) in text:
        return "遮"
    return "无"


@pytest.fixture
def farm(personas):
    farm = make_farm(personas.station_longquan)
    Farm.objects.filter(pk=farm.pk).update(owner=personas.farmer_longquan)
    command = parse(
        UpdateFarm,
        {
            "name": farm.name,
            "owner_name": OWNER["姓名"],
            "owner_id_number": OWNER["身份证号"],
            "phone": OWNER["手机号"],
            "address": OWNER["地址"],
        },
    )
    return registry.update_farm(actor=personas.station_longquan, farm_id=farm.pk, command=command)


def _page(user, farm) -> str | None:
    client = Client()
    client.force_login(user)
    response = client.get(f"/farms/{farm.pk}/")
    return response.content.decode() if response.status_code == 200 else None


def _api(user, farm) -> str | None:
    response = ApiClient(user).get(f"/api/v1/farms/{farm.pk}")
    return response.content.decode() if response.status_code == 200 else None


def _export(user, farm) -> str | None:
    client = Client()
    client.force_login(user)
    response = client.get("/farms/export.xlsx")
    if response.status_code != 200:
        return None
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [row for row in sheet.iter_rows(values_only=True) if farm.code in row]
    return " ".join(str(cell) for row in rows for cell in row if cell is not None)


def _ledger(user, farm) -> str | None:
    client = Client()
    client.force_login(user)
    response = client.get("/ledger/", {"object_type": "registry.farm", "object_id": farm.pk})
    if response.status_code != 200:
        return None
    return response.content.decode()


LOOK = {"page": _page, "api": _api, "export": _export, "ledger": _ledger}


def observed(personas, farm, surface: str, username: str) -> dict[str, str]:
    text = LOOK[surface](getattr(personas, username), farm)
    return {field: "无" if text is None else seen(text, field) for field in OWNER}


def test_every_documented_cell_is_what_the_role_sees(personas, farm):
    tables = documented()
    assert set(tables) == set(SURFACES.values())
    wrong = []
    for surface, rows in tables.items():
        assert len(rows) >= 10, surface
        for username, cells in rows.items():
            actual = observed(personas, farm, surface, username)
            if actual != cells:
                wrong.append(f"{surface} {username}: documented {cells}, seen {actual}")
    assert not wrong, "\n".join(wrong)


def test_bank_account_numbers_are_never_shown_whole():
    """docs/security.md's 银行账号 table: Payment.account_no is read by nothing but the payment
    export, which masks it; the API takes it in and returns it nowhere; the payment's ledger
    event leaves it out."""
    from smartvet.api import api
    from smartvet.subsidy import views as subsidy_views

    source = Path(__file__).resolve().parents[2] / "src" / "smartvet"
    readers = sorted(
        f"{path.relative_to(source)}:{number}"
        for path in [*source.rglob("*.py"), *source.rglob("*.html")]
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "account_no" in line
    )
    assert [reader.split(":")[0] for reader in readers] == [
        "subsidy/commands.py",  # the payment form's field
        "subsidy/models.py",
        "subsidy/services.py",  # stored, and not in the event's summary
        "subsidy/templates/subsidy/application_detail.html",  # the input, empty
        "subsidy/views.py",  # the export, masked
    ], readers
    schemas = api.get_openapi_schema()["components"]["schemas"]
    holding = [name for name, it in schemas.items() if "account_no" in it.get("properties", {})]
    assert holding == ["RecordPayment"]  # taken in once, returned by no response
    assert subsidy_views._mask("6222021234567890") == "************7890"
    ledger_call = inspect.getsource(subsidy_services.record_payment)
    assert '"account_no"' not in ledger_call.split("ledger.record(", 1)[1]
