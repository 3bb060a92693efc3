"""A provincial supervisor drills from the province to a village and exports the table
(issue 13, "Done when"); screenshots of the dashboard at 360 and 1280 px."""

from pathlib import Path

import pytest

from smartvet.supervision import services
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm
from tests.support.personas import stored_personas

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/supervision")


def _open_child(page, code: str) -> None:
    page.click(f'tr[data-region="{code}"] a')
    page.wait_for_url(f"**/supervision/{code}/**")


def test_the_province_drills_down_to_a_village_and_exports(page, login):
    personas = stored_personas()
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    services.refresh()
    SHOTS.mkdir(parents=True, exist_ok=True)

    login(page, "province_supervisor")
    page.goto("/supervision/")
    assert page.locator("h1").inner_text() == "湖北省智慧监管"
    page.screenshot(path=str(SHOTS / "province-360.png"), full_page=True)
    for code in ("4205", "420506", "420506107", LONGQUAN_VILLAGE):
        _open_child(page, code)
    assert page.locator('[data-indicator="farms_registered"] dd').inner_text().startswith("1")
    trail = page.locator("ol.trail").inner_text()
    assert "湖北省" in trail and "夷陵区" in trail and "龙泉镇" in trail

    with page.expect_download() as download:
        page.click('a[data-export="figures"]')
    assert download.value.suggested_filename.endswith("监管指标.xlsx")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/supervision/420506/")
    page.screenshot(path=str(SHOTS / "county-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(SHOTS / "county-360.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the county dashboard scrolls sideways on a phone"
