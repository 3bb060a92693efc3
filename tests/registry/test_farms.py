import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.access import can
from smartvet.core.errors import DomainError, NotFound
from smartvet.core.models import LedgerEvent
from smartvet.core.services import activation_code_for
from smartvet.core.spreadsheets import workbook_bytes
from smartvet.registry import services
from smartvet.registry.commands import RegisterFarm
from smartvet.registry.models import Farm, StockEvent
from smartvet.registry.permissions import EDIT_FARM, RECORD_STOCK
from tests.support.api import ApiClient, error_code
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm

FARM = {
    "name": "龙泉测试猪场",
    "kind": "scale",
    "owner_name": "张三",
    "owner_id_number": "420506197503124511",
    "phone": "13907171234",
    "address": "龙泉一村2组",
    "region": LONGQUAN_VILLAGE,
    "stock": {"sow": 120, "fattening_pig": 800},
}


def test_a_station_registers_a_farm_with_code_qr_and_stock(station_longquan):
    response = ApiClient(station_longquan).post("/api/v1/farms", FARM)
    assert response.status_code == 201
    farm = response.json()
    assert farm["code"].startswith("420506107") and len(farm["code"]) == 14
    owner = Farm.objects.get(pk=farm["id"]).owner
    assert farm["qr_url"].endswith(f"/d/{farm['code']}/?activate={activation_code_for(owner)}")
    assert farm["stock"] == {"sow": 120, "fattening_pig": 800}
    assert farm["is_complete"] is True
    assert LedgerEvent.objects.filter(action="farm.registered", object_id=str(farm["id"])).exists()


def test_farm_codes_are_unique_and_sequential_per_township(station_longquan):
    first = make_farm(station_longquan)
    second = make_farm(station_longquan)
    assert int(second.code[-5:]) == int(first.code[-5:]) + 1


def test_a_farmer_registers_and_sees_only_their_own_farms(farmer_longquan, station_longquan):
    own = ApiClient(farmer_longquan).post("/api/v1/farms", FARM).json()
    make_farm(station_longquan, name="别人的场")
    listed = ApiClient(farmer_longquan).get("/api/v1/farms").json()
    names = {item["name"] for item in listed["items"]}
    assert own["name"] in names and "别人的场" not in names
    assert Farm.objects.get(pk=own["id"]).owner == farmer_longquan


def test_another_townships_farm_is_404_for_read_edit_and_stock(station_longquan, station_yaqueling):
    farm = make_farm(station_longquan)
    client = ApiClient(station_yaqueling)
    assert client.get(f"/api/v1/farms/{farm.pk}").status_code == 404
    assert client.patch(f"/api/v1/farms/{farm.pk}", {"name": "改名"}).status_code == 404
    response = client.post(
        f"/api/v1/farms/{farm.pk}/stock-events",
        {"category": "sow", "kind": "birth", "quantity": 1, "date": "2026-01-01"},
    )
    assert response.status_code == 404
    farm.refresh_from_db()
    assert farm.name != "改名"


def test_registering_in_another_township_is_refused(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {**FARM, "region": YAQUELING_VILLAGE}
    )
    assert response.status_code == 404
    assert not Farm.objects.filter(name=FARM["name"]).exists()


def test_negative_stock_and_bad_identity_are_reported_together(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms",
        {
            **FARM,
            "owner_id_number": "420506197503124512",
            "phone": "12345",
            "stock": {"sow": -3, "unicorn": 1},
        },
    )
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["error"]["details"]}
    assert {"owner_id_number", "phone", "stock.sow", "stock.unicorn"} <= fields
    assert not Farm.objects.exists()


def test_list_searches_filters_and_paginates(station_longquan, county_supervisor):
    for i in range(25):
        make_farm(station_longquan, name=f"分页场{i:02d}")
    make_farm(county_supervisor, name="鸦鹊岭场", region=YAQUELING_VILLAGE, kind="household")
    client = ApiClient(county_supervisor)
    page = client.get("/api/v1/farms", q="分页场", limit=10, offset=20).json()
    assert page["count"] == 25 and len(page["items"]) == 5
    only = client.get("/api/v1/farms", region="420506108").json()
    assert [item["name"] for item in only["items"]] == ["鸦鹊岭场"]
    households = client.get("/api/v1/farms", kind="household").json()
    assert households["count"] == 1


def test_personal_data_is_masked_for_a_vaccinator(station_longquan, vaccinator_longquan):
    farm = make_farm(station_longquan)
    seen = ApiClient(vaccinator_longquan).get(f"/api/v1/farms/{farm.pk}").json()
    assert seen["owner_id_number"] == "4205**********4511"
    assert seen["phone"] == "139****1234"
    full = ApiClient(station_longquan).get(f"/api/v1/farms/{farm.pk}").json()
    assert full["owner_id_number"] == "420506197503124511"


def test_an_incomplete_farm_says_what_is_missing_until_completed(station_longquan):
    client = ApiClient(station_longquan)
    farm = client.post(
        "/api/v1/farms", {"name": "信息不全", "kind": "household", "region": LONGQUAN_VILLAGE}
    ).json()
    assert farm["is_complete"] is False
    assert farm["missing"] == ["phone", "address", "species", "stock"]
    done = client.patch(
        f"/api/v1/farms/{farm['id']}",
        {"phone": "13907170001", "address": "龙泉一村", "categories": ["sow"]},
    ).json()
    assert done["missing"] == ["stock"]
    client.post(
        f"/api/v1/farms/{farm['id']}/stock-events",
        {"category": "sow", "kind": "opening", "quantity": 4, "date": "2026-01-01"},
    )
    assert client.get(f"/api/v1/farms/{farm['id']}").json()["is_complete"] is True


class TestStockLedger:
    def test_events_add_up_and_are_listed(self, station_longquan):
        farm = make_farm(station_longquan, stock={"sow": 10})
        client = ApiClient(station_longquan)
        today = timezone.localdate().isoformat()
        client.post(
            f"/api/v1/farms/{farm.pk}/stock-events",
            {"category": "sow", "kind": "birth", "quantity": 5, "date": today},
        )
        response = client.post(
            f"/api/v1/farms/{farm.pk}/stock-events",
            {"category": "sow", "kind": "death", "quantity": 2, "date": today, "disposal": "深埋"},
        )
        assert response.json()["balance"] == 13
        assert client.get(f"/api/v1/farms/{farm.pk}").json()["stock"]["sow"] == 13

    def test_stock_never_goes_negative(self, station_longquan):
        farm = make_farm(station_longquan, stock={"sow": 10})
        response = ApiClient(station_longquan).post(
            f"/api/v1/farms/{farm.pk}/stock-events",
            {
                "category": "sow",
                "kind": "sale",
                "quantity": 11,
                "date": "2026-01-02",
                "certificate_no": "4200000001",
            },
        )
        assert response.status_code == 422
        assert error_code(response) == "STOCK_INSUFFICIENT"
        assert response.json()["error"]["details"][0]["available"] == 10
        assert farm.stock_lines.get(category="sow").quantity == 10
        assert StockEvent.objects.filter(farm=farm).count() == 1  # the opening only

    @pytest.mark.parametrize(
        "body, field",
        [
            ({"kind": "death", "quantity": 1}, "disposal"),
            ({"kind": "purchase", "quantity": 1}, "certificate_no"),
            ({"kind": "birth", "quantity": 1, "category": "dragon"}, "category"),
        ],
    )
    def test_incomplete_events_are_refused(self, station_longquan, body, field):
        farm = make_farm(station_longquan)
        payload = {"category": "sow", "date": "2026-01-02", **body}
        response = ApiClient(station_longquan).post(
            f"/api/v1/farms/{farm.pk}/stock-events", payload
        )
        assert response.status_code == 422
        assert field in {d["field"] for d in response.json()["error"]["details"]}

    def test_a_date_in_the_future_or_a_zero_quantity_is_refused(self, station_longquan):
        farm = make_farm(station_longquan)
        client = ApiClient(station_longquan)
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        for body in (
            {"quantity": 1, "date": tomorrow},
            {"quantity": 0, "date": "2026-01-01"},
            {"quantity": 1, "date": "2026-02-30"},
        ):
            response = client.post(
                f"/api/v1/farms/{farm.pk}/stock-events",
                {"category": "sow", "kind": "birth", **body},
            )
            assert error_code(response) == "VALIDATION_ERROR"


class TestVillageUnits:
    def test_households_are_listed_under_their_unit(
        self, provider_xingmu, station_longquan, client
    ):
        unit = make_farm(provider_xingmu, kind="village_unit", name="龙泉一村生猪单元")
        household = RegisterFarm(
            name="李家散养户", kind="household", region=LONGQUAN_VILLAGE, unit=unit.pk
        )
        services.register_farm(actor=station_longquan, command=household)
        client.force_login(station_longquan)
        page = client.get(f"/farms/{unit.pk}/").content.decode()
        assert "成员散养户" in page and "李家散养户" in page

    def test_a_unit_must_be_a_village_unit_in_the_same_township(
        self, station_longquan, county_supervisor
    ):
        def household_of(unit) -> RegisterFarm:
            return RegisterFarm(name="户", kind="household", region=LONGQUAN_VILLAGE, unit=unit.pk)

        scale = make_farm(station_longquan)
        with pytest.raises(DomainError, match="村级单元"):
            services.register_farm(actor=station_longquan, command=household_of(scale))
        unit = make_farm(county_supervisor, kind="village_unit", region=YAQUELING_VILLAGE)
        with pytest.raises(NotFound):
            services.register_farm(actor=station_longquan, command=household_of(unit))


HEADER = services.IMPORT_HEADER


def _row(name, region=LONGQUAN_VILLAGE, kind="散养户", phone="13907171235", sows=""):
    return [name, kind, "李四", "", phone, "龙泉一村", region, "", sows, *[""] * (len(HEADER) - 9)]


class TestBulkImport:
    def test_a_good_workbook_registers_every_row(self, station_longquan):
        data = workbook_bytes(HEADER, [_row("甲户", sows=3), _row("乙户", kind="规模养殖场")])
        response = ApiClient(station_longquan).upload("/api/v1/farms/imports", "farms.xlsx", data)
        assert response.status_code == 201 and response.json() == {"farms": 2}
        assert Farm.objects.get(name="甲户").stock_lines.get(category="sow").quantity == 3

    def test_every_bad_row_is_reported_and_nothing_is_saved(self, station_longquan):
        data = workbook_bytes(
            HEADER,
            [
                _row("好户"),
                _row("", phone="1"),
                _row("外乡镇", region=YAQUELING_VILLAGE),
                _row("没有的村", region="420506107999"),
                _row("负存栏", sows=-1),
                _row("长" * 300),
            ],
        )
        response = ApiClient(station_longquan).upload("/api/v1/farms/imports", "f.xlsx", data)
        assert response.status_code == 422
        assert error_code(response) == "IMPORT_INVALID"
        rows = {d["row"] for d in response.json()["error"]["details"]}
        assert rows == {3, 4, 5, 6, 7}
        assert not Farm.objects.exists()

    @pytest.mark.parametrize(
        "data, name",
        [
            (b"", "empty.xlsx"),
            (b"this is no workbook", "junk.xlsx"),
            (workbook_bytes(["名字", "别的"], [["a", "b"]]), "header.xlsx"),
        ],
    )
    def test_broken_files_are_clear_errors(self, station_longquan, data, name):
        response = ApiClient(station_longquan).upload("/api/v1/farms/imports", name, data)
        assert response.status_code == 422
        assert error_code(response) == "IMPORT_INVALID"
        assert response.json()["error"]["message"]


class TestPages:
    def test_a_farms_page_leads_to_what_the_role_does_with_it(
        self, client, farmer_longquan, county_supervisor
    ):
        farm = make_farm(farmer_longquan)
        client.force_login(farmer_longquan)
        page = client.get(f"/farms/{farm.pk}/").content.decode()
        declare = f"/quarantine/farms/{farm.pk}/declare/"
        history = f"/immunization/farms/{farm.pk}/"
        assert declare in page and history in page
        assert client.get(declare).status_code == 200
        assert client.get(history).status_code == 200
        client.force_login(county_supervisor)
        page = client.get(f"/farms/{farm.pk}/").content.decode()
        assert declare not in page and f"/quarantine/trace/?farm={farm.pk}" in page

    def test_list_search_and_export(self, client, station_longquan):
        make_farm(station_longquan, name="导出测试场")
        client.force_login(station_longquan)
        assert "导出测试场" in client.get("/farms/", {"q": "导出"}).content.decode()
        response = client.get("/farms/export.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]][:2] == ["编码", "名称"]
        assert "导出测试场" in [row[1].value for row in sheet.iter_rows(min_row=2)]

    def test_create_and_edit_through_forms(self, client, station_longquan):
        client.force_login(station_longquan)
        response = client.post(
            "/farms/new/",
            {
                "name": "表单场",
                "kind": "household",
                "region": LONGQUAN_VILLAGE,
                "phone": "13907171111",
                "address": "某地",
                "stock_sow": "4",
            },
        )
        farm = Farm.objects.get(name="表单场")
        assert response["Location"] == f"/farms/{farm.pk}/"
        client.post(
            f"/farms/{farm.pk}/edit/",
            {
                "name": "表单场二",
                "kind": "household",
                "region": LONGQUAN_VILLAGE,
                "phone": "13907171111",
                "address": "某地",
            },
        )
        farm.refresh_from_db()
        assert farm.name == "表单场二"

    def test_a_refused_stock_event_shows_the_reason(self, client, station_longquan):
        farm = make_farm(station_longquan, stock={"sow": 1})
        client.force_login(station_longquan)
        response = client.post(
            f"/farms/{farm.pk}/stock/",
            {"category": "sow", "kind": "slaughter", "quantity": 5, "date": "2026-01-01"},
        )
        assert response.status_code == 422
        assert "存栏不足" in response.content.decode()

    def test_qr_card_and_the_link_it_carries(self, client, station_longquan):
        farm = make_farm(station_longquan)
        client.force_login(station_longquan)
        card = client.get(f"/farms/{farm.pk}/qr/").content.decode()
        assert "<svg" in card and f"/d/{farm.code}/" in card
        png = client.get(f"/farms/{farm.pk}/qr.png").content
        assert png.startswith(b"\x89PNG")
        link = client.get(f"/d/{farm.code}/")
        assert link.status_code == 302 and str(farm.pk) in link["Location"]

    def test_the_qr_link_asks_for_login_first(self, client, station_longquan):
        farm = make_farm(station_longquan)
        response = client.get(f"/d/{farm.code}/")
        assert response["Location"] == f"/login/?next=/d/{farm.code}/"


@pytest.mark.parametrize(
    "who",
    ["station_longquan", "farmer_longquan", "vaccinator_longquan", "vet_longquan", "expert"],
)
def test_a_farms_page_offers_the_edits_the_user_may_make_and_each_works(who, personas, client):
    """The farm page's buttons are the permissions of the persona, and each one shown works."""
    user = getattr(personas, who)
    farm = make_farm(personas.farmer_longquan, stock={"sow": 10})
    client.force_login(user)
    html = client.get(f"/farms/{farm.pk}/").content.decode()
    edit, stock = f"/farms/{farm.pk}/edit/", f"/farms/{farm.pk}/stock/"
    assert (f'href="{edit}"' in html) == can(user, EDIT_FARM, farm)
    assert (f'action="{stock}"' in html) == can(user, RECORD_STOCK, farm)
    if f'href="{edit}"' in html:
        fields = {"name": "改名场", "kind": "scale", "region": LONGQUAN_VILLAGE}
        assert client.post(edit, fields).status_code == 302
    if f'action="{stock}"' in html:
        birth = {"category": "sow", "kind": "birth", "quantity": "1", "date": "2026-01-01"}
        assert client.post(stock, birth).status_code == 302
