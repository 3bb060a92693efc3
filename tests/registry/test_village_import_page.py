"""The village import's county is found by name, not typed as a code (issue 10 point 11)."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from smartvet.core.models import Region
from smartvet.core.spreadsheets import workbook_bytes


def _county_options(html: str) -> dict[str, str]:
    select = re.search(r'<select name="county"[^>]*>(.*?)</select>', html, re.S)
    if not select:
        return {}
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1)))


def test_a_county_is_found_by_part_of_its_name_anywhere_in_the_country(admin, client):
    client.force_login(admin)
    options = _county_options(
        client.get("/regions/villages/import/", {"q": "夷陵"}).content.decode()
    )
    assert options == {"420506": "湖北省 宜昌市 夷陵区"}
    common = _county_options(
        client.get("/regions/villages/import/", {"q": "鼓楼"}).content.decode()
    )
    assert len(common) > 1 and all("鼓楼区" in label for label in common.values())


def test_the_found_county_takes_the_file(admin, client):
    client.force_login(admin)
    data = workbook_bytes(["村级区划代码", "村名称"], [["420506102210", "新村"]])
    response = client.post(
        "/regions/villages/import/?q=夷陵",
        {"county": "420506", "file": SimpleUploadedFile("v.xlsx", data)},
    )
    assert response.status_code == 302
    assert Region.objects.get(code="420506102210").name == "新村"


def test_before_a_search_no_code_is_asked_for(admin, client):
    client.force_login(admin)
    html = client.get("/regions/villages/import/").content.decode()
    assert 'name="q"' in html and not _county_options(html)
    html = client.get("/regions/villages/import/", {"q": "没有这个县"}).content.decode()
    assert "没有名称含“没有这个县”的县（区）" in html
