"""The system administrator watches the delivery to the national platform (issue 14 point 2):
counts, the oldest waiting event, the events the platform refused, and 立即重新发送;
screenshots at 360 and 1280 px."""

from pathlib import Path

import pytest
from django.test import override_settings

from smartvet.exchange import delivery
from tests.support.factories import make_farm
from tests.support.personas import stored_personas

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/exchange")


@override_settings(SMARTVET_NATIONAL_URL="http://127.0.0.1:9/events")
def test_the_administrator_sees_what_waits_and_sends_it_again(page, login):
    personas = stored_personas()
    make_farm(personas.station_longquan)
    make_farm(personas.station_longquan)
    delivery.run(delivery.Platform("http://127.0.0.1:9/events", timeout=2), loop=False)
    SHOTS.mkdir(parents=True, exist_ok=True)

    login(page, "admin")
    page.goto("/")
    page.click("details.menu > summary")  # the phone's menu
    page.screenshot(path=str(SHOTS / "menu-360.png"), full_page=True)
    link = page.locator("details.menu nav >> text=国家平台上报")
    assert link.get_attribute("href") == "/exchange/outbox/"
    page.goto("/exchange/outbox/")
    page.wait_for_url("**/exchange/outbox/")
    assert page.locator('[data-figure="pending"] .wide').inner_text() == "2"
    assert page.locator('[data-figure="failing"] .wide').inner_text() == "2"
    assert page.locator('table[data-table="failing"] tbody tr').count() == 2
    assert "登记养殖场户" in page.locator('table[data-table="failing"]').inner_text()
    page.screenshot(path=str(SHOTS / "outbox-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "outbox-1280.png"), full_page=True)

    page.click('button[data-action="retry_outbox"]')
    page.wait_for_url("**/exchange/outbox/")
    assert "已安排立即重新发送2条事件" in page.locator(".messages").inner_text()
