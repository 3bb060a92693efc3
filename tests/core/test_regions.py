from hypothesis import given
from hypothesis import strategies as st

from smartvet.core import regions
from smartvet.core.models import Region, RegionLevel
from smartvet.core.services import import_villages
from smartvet.core.spreadsheets import workbook_bytes
from tests.support.api import ApiClient, error_code

digits = st.text(alphabet="0123456789", min_size=1, max_size=14)
region_codes = st.sampled_from([2, 4, 6, 9, 12]).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)


@given(region_codes)
def test_a_code_lies_within_each_of_its_ancestors(code):
    ancestor = regions.parent_code(code)
    while ancestor is not None:
        assert regions.is_within(code, ancestor)
        ancestor = regions.parent_code(ancestor)


@given(region_codes)
def test_the_parent_is_one_level_up(code):
    parent = regions.parent_code(code)
    levels = regions.LEVELS
    assert levels.index(regions.level_of(parent)) == levels.index(regions.level_of(code)) - 1
    assert regions.is_child_code(code, parent)


@given(region_codes, digits)
def test_a_prefix_is_exactly_the_range_up_to_its_upper_bound(prefix, code):
    """The scope of a region as a range of codes (core.access.within) holds exactly the codes
    that start with it."""
    upper = regions.code_upper_bound(prefix)
    in_range = prefix <= code and (upper is None or code < upper)
    assert in_range == code.startswith(prefix)


@given(st.sampled_from(["420506", "420509", "499999", "99"]), digits)
def test_the_upper_bound_carries_over_nines(prefix, code):
    upper = regions.code_upper_bound(prefix)
    in_range = prefix <= code and (upper is None or code < upper)
    assert in_range == code.startswith(prefix)


@given(digits)
def test_only_the_five_lengths_are_region_codes(text):
    assert (regions.level_of(text) is not None) == (len(text) in {2, 4, 6, 9, 12})


@given(region_codes, region_codes)
def test_siblings_do_not_contain_each_other(a, b):
    if len(a) == len(b) and a != b:
        assert not regions.is_within(a, b)


def test_the_shipped_lists_hold_every_township_with_its_county(db):
    assert Region.objects.filter(level=RegionLevel.TOWNSHIP).count() == 41352
    longquan = Region.objects.get(code="420506107")
    assert longquan.name == "龙泉镇"
    assert longquan.parent.name == "夷陵区"
    assert longquan.parent.parent.parent.name == "湖北省"
    assert Region.objects.get(code="419001").name == "济源市"


def test_regions_api_lists_children_of_the_home_region(station_longquan):
    response = ApiClient(station_longquan).get("/api/v1/regions")
    assert response.status_code == 200
    names = {item["name"] for item in response.json()}
    assert "龙泉一村（示例）" in names
    assert all(item["level"] == "village" for item in response.json())


def test_regions_api_refuses_a_region_outside_the_home_region(station_longquan):
    response = ApiClient(station_longquan).get("/api/v1/regions", parent="420506")
    assert response.status_code == 404


def test_the_national_admin_sees_the_provinces(admin):
    response = ApiClient(admin).get("/api/v1/regions")
    assert len(response.json()) == 31


def _villages(rows):
    return workbook_bytes(["村级区划代码", "村名称"], rows)


def test_a_county_imports_its_villages(admin):
    count = import_villages(
        actor=admin,
        county_code="420506",
        filename="v.xlsx",
        data=_villages([["420506102210", "新村"], ["420506102211", "旧村"]]),
    )
    assert count == 2
    assert Region.objects.get(code="420506102210").parent_id == "420506102"


def test_a_village_list_with_bad_rows_is_rejected_whole_with_every_row_named(admin):
    data = _villages(
        [
            ["420506102210", "好村"],
            ["4205061022", "短代码"],
            ["419001100210", "别县的村"],
            ["420506999210", "没有的乡镇"],
            ["420506102210", "重复"],
        ]
    )
    try:
        import_villages(actor=admin, county_code="420506", data=data, filename="v.xlsx")
    except Exception as exc:  # DomainError
        assert exc.code == "IMPORT_INVALID"
        assert [d["row"] for d in exc.details] == [3, 4, 5, 6]
    else:
        raise AssertionError("bad rows were accepted")
    assert not Region.objects.filter(code="420506102210").exists()


def test_a_broken_workbook_is_a_clear_error(admin, client):
    client.force_login(admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/regions/villages/import/",
        {"county": "420506", "file": SimpleUploadedFile("v.xlsx", b"PK\x03\x04 not really")},
    )
    assert response.status_code == 422
    assert "无法读取文件" in response.content.decode()


def test_only_an_administrator_imports_villages(station_longquan, client):
    client.force_login(station_longquan)
    response = client.get("/regions/villages/import/")
    assert response.status_code == 403
    assert "PERMISSION_DENIED" in response.content.decode()


def test_unknown_region_answers_a_stable_code(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms", {"name": "某场", "kind": "scale", "region": "420506107999"}
    )
    assert response.status_code == 422
    assert error_code(response) == "VALIDATION_ERROR"
    assert "不存在" in response.json()["error"]["message"]


def test_the_import_villages_command_reads_a_csv(admin, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "villages.csv"
    path.write_text("村级区划代码,村名称\n420506202210,邓村新村\n", encoding="utf-8")
    call_command("import_villages", "420506", str(path))
    assert Region.objects.get(code="420506202210").name == "邓村新村"
    path.write_text("村级区划代码,村名称\n4205,坏\n", encoding="utf-8")
    try:
        call_command("import_villages", "420506", str(path))
    except CommandError as exc:
        assert "第2行" in str(exc)
    else:
        raise AssertionError("a bad file was accepted")


def test_an_administrator_renames_a_village_in_admin_and_the_ledger_sees_it(admin, client):
    from smartvet.core.models import LedgerEvent

    client.force_login(admin)
    response = client.post("/admin/core/region/420506107201/change/", {"name": "龙泉新村"})
    assert response.status_code == 302
    assert Region.objects.get(code="420506107201").name == "龙泉新村"
    event = LedgerEvent.objects.get(action="region.renamed")
    assert event.summary == {"before": "龙泉一村（示例）", "after": "龙泉新村"}
    from smartvet.core.queries import region_label

    assert region_label("420506107201").endswith("龙泉新村")
