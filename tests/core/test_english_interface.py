"""The English interface beyond the catalogue: the language switch, workbooks (file names,
headers, templates that import back in either language) and the calculation's messages."""

import io
import re
from functools import reduce
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from smartvet.core.errors import DomainError
from smartvet.core.models import Region
from smartvet.core.spreadsheets import data_rows, header_labels, workbook_bytes
from smartvet.eartags import rules as eartag_rules
from smartvet.eartags.models import TagRange
from smartvet.registry import services as registry_services
from smartvet.registry.models import Farm, FarmKind
from smartvet.subsidy import calc, policies
from tests.eartags import factories as tags
from tests.eartags.factories import code
from tests.support.factories import LONGQUAN_VILLAGE, make_farm

CHINESE_TAG_HEADER = ["箱号", "包号", "起始号", "终止号", "数量"]
ENGLISH_TAG_HEADER = ["Box number", "Pack number", "First number", "Last number", "Quantity"]


FULL_WIDTH_PUNCTUATION = re.compile(r"[：，（）。、；]")


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


class _VisibleText(HTMLParser):
    """The text a reader sees: text nodes outside <script> and <style>."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._hidden -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def _visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_language_switch_names_each_language_in_itself(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("core:login")).content.decode()
    assert re.search(r'<option value="zh-hans" lang="zh-hans"( selected)?>简体中文</option>', html)
    assert re.search(r'<option value="en" lang="en"( selected)?>English</option>', html)


def test_an_import_header_is_read_in_either_language():
    row = ["A1", "01", code(1), code(10), "10"]
    with translation.override("en"):
        assert header_labels(eartag_rules.IMPORT_HEADER) == ENGLISH_TAG_HEADER
        for header in (CHINESE_TAG_HEADER, ENGLISH_TAG_HEADER):
            assert list(data_rows([header, row], eartag_rules.IMPORT_HEADER)) == [(2, row)]
        with pytest.raises(DomainError) as info:
            list(data_rows([["Box", "Pack"], row], eartag_rules.IMPORT_HEADER))
    assert "Box number | Pack number | First number" in str(info.value.message)
    with translation.override("zh-hans"):
        assert list(data_rows([ENGLISH_TAG_HEADER, row], eartag_rules.IMPORT_HEADER)) == [(2, row)]


def test_the_english_tag_template_is_english_and_imports(client, county_supervisor):
    client.force_login(county_supervisor)
    template = _in_english(client).get("/eartags/import/template.xlsx")
    assert quote("Ear tag stock register.xlsx") in template["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert sheet.title == "Ear tag stock register"
    assert [c.value for c in sheet[1]] == ENGLISH_TAG_HEADER
    filled = io.BytesIO(workbook_bytes(ENGLISH_TAG_HEADER, [["A1", "01", code(1), code(10), 10]]))
    filled.name = "stock.xlsx"
    response = client.post("/eartags/import/", {"file": filled})
    assert response.status_code == 302, response.content.decode()
    assert TagRange.objects.count() == 1


def test_english_exports_have_english_names_and_headers(client, county_supervisor):
    client.force_login(county_supervisor)
    response = _in_english(client).get("/immunization/records/export.xlsx")
    assert response.status_code == 200
    assert quote("Immunization records") in response["Content-Disposition"]
    header = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert "Ear tags fitted" in header and not any("耳标" in (h or "") for h in header)


def test_a_farm_workbook_in_english_registers_farms(station_longquan):
    with translation.override("en"):
        header = header_labels(registry_services.IMPORT_HEADER)
        assert header[:2] == ["Name", "Type"] and "Breeding sow" in header
        row = ["Farm A", str(FarmKind.SCALE.label), "Li Si", "", "13907171235", "Village 1"]
        row += [LONGQUAN_VILLAGE, "", "3", *[""] * (len(header) - 9)]
        registry_services.import_farms(
            actor=station_longquan, data=workbook_bytes(header, [row]), filename="farms.xlsx"
        )
    farm = Farm.objects.get(name="Farm A")
    assert farm.kind == FarmKind.SCALE
    assert farm.stock_lines.get(category="sow").quantity == 3


def test_calculation_messages_follow_the_active_language():
    policy = calc.Policy.from_dict(policies.default("jiyuan-2024"))
    with pytest.raises(calc.InputError) as info:
        calc.parse_input({"farms": [{"id": 1}, {"id": "1"}]}, policy)
    with translation.override("zh-hans"):
        assert str(info.value) == "养殖场编号重复：'1'"
    with translation.override("en"):
        assert str(info.value) == "Duplicate farm id: '1'"


def test_english_pages_show_no_chinese_punctuation(
    client, county_supervisor, station_longquan, farmer_longquan
):
    """Punctuation belongs to the translated text: the English pages of a farm with ASCII data
    and of the ear-tag stock show no full-width colon, comma or parentheses."""
    farm = make_farm(farmer_longquan, name="Green Hill Farm", owner_name="Li Si", address="Group 1")
    tags.register(county_supervisor, 1, 100)
    tags.issue(county_supervisor, 1, 50, to_region=tags.LONGQUAN)
    tags.issue(station_longquan, 1, 10, to_farm=farm.pk)
    tags.fit(farmer_longquan, farm, [1])
    pages = [
        (county_supervisor, reverse("eartags:stock")),
        (station_longquan, reverse("eartags:stock")),
        (station_longquan, reverse("registry:farm-detail", args=[farm.pk])),
        (station_longquan, reverse("registry:farm-edit", args=[farm.pk])),
        (station_longquan, reverse("registry:stock-event-create", args=[farm.pk])),
        (farmer_longquan, reverse("eartags:lookup") + f"?code={code(1)}"),
        (farmer_longquan, reverse("quarantine:declare", args=[farm.pk])),
    ]
    # Data stays as entered: the sample village is named "龙泉一村（示例）".
    region_names = [r.name for r in Region.objects.filter(name__regex=r"[：，（）]")]
    _in_english(client)
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="en"' in response.content.decode()
        text = [
            reduce(lambda part, name: part.replace(name, "-"), region_names, part)
            for part in _visible_text(response.content.decode())
        ]
        assert [part for part in text if FULL_WIDTH_PUNCTUATION.search(part)] == [], url


def test_livestock_categories_follow_the_language(client, station_longquan):
    farm = make_farm(station_longquan, stock={"sow": 3})
    detail = reverse("registry:farm-detail", args=[farm.pk])
    client.force_login(station_longquan)
    assert "能繁母猪" in client.get(detail).content.decode()
    _in_english(client)
    page = client.get(detail).content.decode()
    assert "Breeding sow" in page and "能繁母猪" not in page
    form = client.get(reverse("quarantine:declare", args=[farm.pk])).content.decode()
    assert "Finishing pig" in form and "育肥猪" not in form
