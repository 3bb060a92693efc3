"""The county bureau walks supervision's records on a phone and a desk: issues a criticism
with a deadline and closes it, makes an assessment scheme and reads its ranking, records a
training (issue 13 points 4 and 6); screenshots of each page at 360 and 1280 px."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from smartvet.supervision import services
from tests.support.factories import LONGQUAN_VILLAGE, make_farm
from tests.support.personas import stored_personas

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/supervision")


def _shots(page, name: str) -> None:
    for width, height in ((360, 740), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 360:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= 360, f"the {name} page scrolls sideways on a phone"
    page.set_viewport_size({"width": 360, "height": 740})


def test_the_bureau_notifies_assesses_and_records_a_training(page, login):
    personas = stored_personas()
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    services.refresh()
    SHOTS.mkdir(parents=True, exist_ok=True)
    login(page, "bureau")
    today = timezone.localdate()

    page.goto("/supervision/420506/notices/")
    form = page.locator('form[data-form="notice"]')
    form.locator('select[name="region"]').select_option("420506108")
    form.locator('select[name="kind"]').select_option("criticism")
    form.locator('textarea[name="reason"]').fill("养殖场户信息核对进度滞后")
    form.locator('input[name="rectify_by"]').fill(str(today + timedelta(days=15)))
    form.locator('button[data-action="issue"]').click()
    page.wait_for_url("**/notices/")
    assert "限期整改中" in page.locator('table[data-table="notices"]').inner_text()
    _shots(page, "notices")
    page.locator('input[name="rectification"]').fill("已完成核对")
    page.click('button[data-action="close"]')
    assert "整改完成" in page.locator('table[data-table="notices"]').inner_text()

    page.goto("/supervision/420506/schemes/")
    form = page.locator('form[data-form="scheme"]')
    form.locator('input[name="name"]').fill("乡镇智慧监管考核")
    form.locator('input[name="starts_on"]').fill(str(today.replace(month=1, day=1)))
    form.locator('input[name="ends_on"]').fill(str(today))
    form.locator('select[name="indicator_0"]').select_option("farms_registered")
    form.locator('input[name="weight_0"]').fill("100")
    form.locator('input[name="target_0"]').fill("1")
    form.locator('button[data-action="create_scheme"]').click()
    page.wait_for_url("**/supervision/schemes/*/")
    first = page.locator('table[data-table="scores"] tbody tr').first
    assert first.get_attribute("data-region") == "420506107"
    _shots(page, "scheme")
    page.goto("/supervision/420506/schemes/")
    _shots(page, "schemes")

    page.goto("/supervision/420506/trainings/")
    form = page.locator('form[data-form="training"]')
    form.locator('input[name="title"]').fill("动监e通使用培训")
    form.locator('input[name="held_on"]').fill(str(today))
    form.locator('input[name="attendees_420506107"]').fill("12")
    form.locator('input[name="farms_420506107"]').fill("40")
    form.locator('button[data-action="record_training"]').click()
    page.wait_for_url("**/trainings/")
    assert "龙泉镇" in page.locator('table[data-table="attendance"]').first.inner_text()
    _shots(page, "trainings")
