"""Issue 17's first walk in a browser, as its users, at 360 px (shot at 1280 px too): a checkpoint
finds a truck whose tags do not match the certificate and an unregistered vehicle where the
county requires registration, opens a case from the check on the enforcement desk; the bureau
investigates, adds a linked record, decides a fine and closes the case; the closed case offers
no action. Screenshots go to /tmp/shots/enforcement/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartvet.core.access import available_actions
from smartvet.enforcement.models import Case
from tests.enforcement.vehicle_factories import require_registered
from tests.quarantine import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/enforcement")


@pytest.fixture
def certified(personas):
    factories.stock_tags(personas, 1, 1000)
    farm = factories.ready_farm(personas)
    declaration = factories.declare(personas.farmer_longquan, farm, factories.tags(1, 5))
    certificate = factories.certify(personas, declaration)
    require_registered(personas.county_supervisor)  # from now on; the truck is not registered
    return certificate


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 362


def _too_wide(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 362)
        .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))
        .slice(0, 8)""")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 740})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def _buttons(page) -> list[str]:
    return page.locator("main [data-action]").evaluate_all(
        "items => [...new Set(items.map(i => i.dataset.action))]"
    )


def _switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_a_checkpoint_finding_mismatched_tags_leads_to_a_closed_case(
    page, login, certified, personas
):
    login(page, "checkpoint")
    page.goto(f"/quarantine/checkpoint/?number={certified.number}")
    assert "未备案" in page.get_by_test_id("vehicle-status").inner_text()
    page.fill("input[name=vehicle]", "鄂E·A1234")
    page.fill("input[name=count_seen]", "5")
    tags = "\n".join([*factories.tags(1, 4), factories.tag(900)])
    page.fill("textarea[name=ear_tags]", tags)
    page.click("button[data-action=check]")
    page.wait_for_url(re.compile(r"/quarantine/checkpoint/\?number="))
    message = page.locator(".messages, [role=status], .message").first.inner_text()
    assert "耳标与证明不符" in message and "车辆未备案" in message
    _shoot(page, "checkpoint")

    page.goto("/enforcement/")
    waiting = page.get_by_test_id("checks-awaiting-case")
    assert "耳标与证明不符" in waiting.inner_text()
    assert _fits_the_phone(page), _too_wide(page)
    _shoot(page, "desk-checkpoint")
    waiting.locator("[data-action=open_case]").first.click()
    page.wait_for_url(re.compile(r"/enforcement/cases/\d+/$"))
    case = Case.objects.get()
    assert page.get_by_test_id("case-status").inner_text() == "已立案"
    assert page.get_by_test_id("case-kind").inner_text() == "耳标缺失或与证明不符"
    evidence = page.get_by_test_id("evidence").inner_text()
    assert "查验记录" in evidence and certified.number in evidence
    assert _buttons(page) == available_actions(personas.checkpoint, case).names

    _switch(page, login, "bureau")
    page.goto(f"/enforcement/cases/{case.pk}/")
    assert _buttons(page) == ["add_evidence", "investigate"]
    page.click("button[data-action=investigate]")
    page.wait_for_url(re.compile(r"/enforcement/cases/\d+/$"))
    assert page.get_by_test_id("case-status").inner_text() == "调查取证"
    page.select_option("select[name=decision]", "fine")
    page.fill("input[name=amount]", "abc")
    page.fill("textarea[name=reasons]", "耳标与检疫证明不符，依据《动物防疫法》第一百条")
    page.click("button[data-action=decide]")
    assert page.locator(".error").count() >= 1  # a bad amount: refused, what was typed kept
    assert page.input_value("textarea[name=reasons]").startswith("耳标与检疫证明不符")
    page.fill("input[name=amount]", "3000")
    page.click("button[data-action=decide]")
    page.wait_for_url(re.compile(r"/enforcement/cases/\d+/$"))
    assert "罚款" in page.get_by_test_id("case-decision").inner_text()
    assert "3000" in page.get_by_test_id("case-decision").inner_text()
    assert _fits_the_phone(page), _too_wide(page)
    _shoot(page, "case-decided")
    page.click("button[data-action=close]")
    page.wait_for_url(re.compile(r"/enforcement/cases/\d+/$"))
    assert page.get_by_test_id("case-status").inner_text() == "已结案"
    assert _buttons(page) == []
    timeline = page.get_by_test_id("timeline").inner_text()
    for step in ("立案", "开始调查取证", "作出处理决定", "结案"):
        assert step in timeline
    _shoot(page, "case-closed")

    page.goto("/enforcement/vehicles/")
    assert _fits_the_phone(page), _too_wide(page)
    _shoot(page, "vehicles")
    page.goto("/enforcement/dealers/")
    _shoot(page, "dealers")
