"""先打后补 out of the box, in Chromium from apt (issue 10 point 10): on the demo data, as
`smartvet demo` loads it, the farmer applies on a phone for the farm the demo qualified, the
county supervisor does the preliminary review, the bureau approves, and the bureau edits the
county's policy in its labelled form. Screenshots of the policy form and an application at
360 and 1280 px go to /tmp/shots/subsidy-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from smartvet.subsidy.models import SubsidyApplication, SubsidyPolicy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}
FARM = "龙泉镇建国生猪养殖场"


@pytest.fixture
def demo(personas, monkeypatch):
    """The demo data; the personas keep the test password."""
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"subsidy-{name}.png"), full_page=True)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 2


def _no_error(page) -> None:
    errors = page.locator(".error")
    assert not errors.count(), errors.all_inner_texts()


def switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def _open_from_the_list(page, status: str, number: str) -> None:
    page.goto(f"/subsidy/?status={status}")
    page.click(f"a:text-is('{number}')")
    page.wait_for_url(re.compile(r"/subsidy/applications/\d+/$"))


def test_farmer_supervisor_and_bureau_walk_the_subsidy(page, login, demo):
    # The farmer applies for the farm the demo qualified: farm and policy are offered at once.
    login(page, "farmer_longquan")
    page.goto("/subsidy/")
    page.click("text=提交补贴申请")
    page.wait_for_url(re.compile(r"/subsidy/applications/new/$"))
    assert FARM in page.locator("select[name=farm]").inner_text()
    assert "夷陵区强制免疫" in page.locator("select[name=policy]").inner_text()
    assert _fits(page)
    page.fill("textarea[name=evidence]", "购苗发票、免疫档案")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/subsidy/applications/\d+/$"))
    _no_error(page)
    application = SubsidyApplication.objects.get(farm__name=FARM)
    detail = page.locator("main").inner_text()
    assert "待初审" in detail and "按存栏120头与免疫120头取小" in detail
    assert "min(" not in detail and "sow" not in detail
    assert _fits(page)

    # The county supervisor finds it waiting for the preliminary review.
    switch(page, login, "county_supervisor")
    _open_from_the_list(page, "submitted", application.number)
    page.fill("form[data-action=preliminary-approve] input[name=note]", "已核对购苗发票")
    page.click("form[data-action=preliminary-approve] button")
    page.wait_for_selector(".messages")
    _no_error(page)
    assert "初审通过，待终审" in page.locator("h1").inner_text()

    # The bureau approves it.
    switch(page, login, "bureau")
    _open_from_the_list(page, "preliminary_approved", application.number)
    page.click("form[data-action=approve] button")
    page.wait_for_selector(".messages")
    _no_error(page)
    assert "终审通过，待公示" in page.locator("h1").inner_text()
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.preliminary_by.username == "county_supervisor"
    assert application.final_by.username == "bureau"
    _shoot(page, "application-360")


def test_the_bureau_edits_the_policy_in_its_form(page, login, demo):
    policy = SubsidyPolicy.objects.get(region_id="420506")
    login(page, "bureau")
    page.goto("/subsidy/policies/")
    assert not page.locator("textarea").count()
    page.click(f"a[href='/subsidy/policies/{policy.pk}/edit/']")
    page.wait_for_url(re.compile(r"/subsidy/policies/\d+/edit/$"))
    assert _fits(page)
    _shoot(page, "policy-form-360")
    page.get_by_label("年度补助总额（元）").fill("500000")
    page.get_by_role("spinbutton", name=re.compile("^能繁母猪")).fill("20")
    page.get_by_label("育肥猪计数依据").select_option(label="按存栏数")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/subsidy/policies/$"))
    _no_error(page)
    assert "第3版" in page.locator(".messages").inner_text()
    assert "能繁母猪 20.00元/头（按存栏数）" in page.locator("main").inner_text()
    stored = SubsidyPolicy.objects.get(pk=policy.pk)
    assert stored.version == policy.version + 1 and stored.rules["budget"] == "500000.00"
    assert stored.rules["rates"]["fattening_pig"] == {"rate": "7.00", "basis": "stock"}

    # A bad value is told by its input; nothing is saved.
    page.goto(f"/subsidy/policies/{policy.pk}/edit/")
    page.get_by_label("补助周期结束").fill("2000-01-01")
    page.click("button.primary")
    assert "补助周期的结束日期早于开始日期" in page.locator("main").inner_text()
    _shoot(page, "policy-form-refused-360")
    assert SubsidyPolicy.objects.get(pk=policy.pk).version == stored.version


def test_the_policy_form_and_an_application_at_1280(browser, live_server, login, demo):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    try:
        login(page, "bureau")
        waiting = SubsidyApplication.objects.get(farm__name="鸦鹊岭镇润丰奶牛场")
        page.goto(f"/subsidy/applications/{waiting.pk}/")
        assert _fits(page)
        assert "按存栏130头与免疫126头取小" in page.locator("main").inner_text()
        _shoot(page, "application-1280")
        policy = SubsidyPolicy.objects.get(region_id="420506")
        page.goto(f"/subsidy/policies/{policy.pk}/edit/")
        assert _fits(page)
        _shoot(page, "policy-form-1280")
    finally:
        context.close()
