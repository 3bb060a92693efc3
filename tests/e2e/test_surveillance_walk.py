"""Surveillance in a browser (issue 12, "done when"): a farmer reports deaths on a 360 px
phone, three times in a few days; the rules' background evaluation opens one alert; the
township station sees it on its board, acknowledges it, opens the trace of the farm's
movements (the farms to visit) and closes it with an outcome; the CDC's board counts it.
Screenshots go to /tmp/shots/surveillance/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps

from smartvet.surveillance.models import Alert, AlertRule
from tests.quarantine import factories as quarantine
from tests.support.factories import make_farm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/surveillance")


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 362


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}_360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / f"{name}_1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


@pytest.fixture
def farm(personas):
    """The default rules (migration data a transactional test flushes) and a farmer's farm
    whose pigs went to another farm last week: the trace has a farm to visit."""
    from importlib import import_module

    if not AlertRule.objects.exists():
        import_module("smartvet.surveillance.migrations.0002_default_rules").load(apps, None)
    quarantine.stock_tags(personas, 1, 50)
    farm = quarantine.ready_farm(personas)
    receiver = make_farm(personas.station_longquan, region="420506107202", name="下游育肥场")
    declaration = quarantine.declare(
        personas.farmer_longquan,
        farm,
        quarantine.tags(1, 2),
        purpose="rearing",
        destination_farm_id=receiver.pk,
    )
    quarantine.certify(personas, declaration)
    return farm


def switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def report_deaths(page, farm, dead: int) -> None:
    page.goto(f"/surveillance/report/?farm={farm.pk}")
    page.select_option("select[name=kind]", "death")
    page.select_option("select[name=category]", "fattening_pig")
    page.fill("input[name=dead]", str(dead))
    page.fill("textarea[name=signs]", "高热、耳部发绀、突然死亡")
    page.select_option("select[name=disposal_method]", "centre")
    page.fill("input[name=disposal_place]", "夷陵区病死畜禽无害化处理中心")
    page.fill("input[name=disposal_by]", "张建国")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/surveillance/reports/\d+/$"))
    assert not page.locator(".error").count(), page.locator(".error").all_inner_texts()


def test_report_alert_acknowledge_trace_close(page, login, farm):
    login(page, "farmer_longquan")
    page.goto(f"/surveillance/report/?farm={farm.pk}")
    assert _fits_the_phone(page)
    shoot(page, "report_form")
    for _ in range(3):
        report_deaths(page, farm, 2)
    shoot(page, "report_detail")
    (alert,) = Alert.objects.all()  # opened by the third report, within the request's commit

    switch(page, login, "station_longquan")
    page.goto("/")
    assert "处置预警" in page.content()
    page.goto("/surveillance/alerts/")
    assert _fits_the_phone(page)
    shoot(page, "station_board")
    page.click(f"tr[data-alert='{alert.pk}'] a")
    page.wait_for_url(re.compile(rf"/surveillance/alerts/{alert.pk}/$"))
    page.click("button[data-action=acknowledge]")
    page.wait_for_load_state()
    assert page.get_by_test_id("alert-status").inner_text() == "已确认，调查中"
    trace = page.get_by_test_id("trace")
    assert "下游育肥场" in trace.inner_text()
    assert _fits_the_phone(page)
    shoot(page, "alert_trace")
    page.click("button[data-action=investigate]")
    page.wait_for_load_state()
    page.select_option("select[name=outcome]", "false_alarm")
    page.fill("input[name=notes]", "经采样检测排除重大疫病，为饲养管理原因")
    page.click("button[data-action=close]")
    page.wait_for_load_state()
    assert page.get_by_test_id("alert-status").inner_text() == "已关闭"
    timeline = page.get_by_test_id("timeline").inner_text()
    for step in ("发出预警", "确认收到", "调查", "关闭"):
        assert step in timeline
    shoot(page, "alert_closed")

    switch(page, login, "cdc")
    page.goto("/surveillance/alerts/")
    assert page.locator("tr[data-region='420506107']").count() == 1
    shoot(page, "cdc_board")
    page.goto("/surveillance/rules/")
    shoot(page, "rules")
    alert.refresh_from_db()
    assert alert.outcome == "false_alarm"
