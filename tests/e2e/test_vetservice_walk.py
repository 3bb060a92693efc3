"""Issue 11, done when: on a 360 px phone the farmer orders, the vaccinator completes with an
immunization, the farmer rates; at 1280 px the county signs the month's statement, whose total
equals the sum of its priced lines. Chromium from apt; screenshots in /tmp/shots/vetservice/."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from smartvet.vetservice.models import ServiceOrder, Statement
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm
from tests.vetservice import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/vetservice")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page, width: int = 360) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width + 2


def _logout(page) -> None:
    page.context.clear_cookies()


def test_order_complete_rate_and_sign_the_statement(page, login, personas):
    f.open_catalogue(personas.bureau)
    f.register_provider(
        personas.county_supervisor, "provider_xingmu", villages=[f.LONGQUAN_VILLAGE]
    )
    f.enrol(personas.county_supervisor, "vaccinator_longquan")
    farm = make_farm(personas.farmer_longquan, name="建国生猪场", stock={"fattening_pig": 200})
    agreement = f.make_agreement(personas.provider_xingmu, farm)
    lot = make_lot(personas.station_longquan, doses=500)

    # The farmer confirms the agreement and orders, on the phone.
    login(page, "farmer_longquan")
    page.goto(f"/services/agreements/{agreement.pk}/")
    _shot(page, "agreement-confirm-360")
    assert _fits(page)
    page.click("[data-action=confirm]")
    page.wait_for_selector("text=协议已生效")
    page.goto("/services/orders/new/")
    page.select_option("select[name=service]", "immunization")
    page.select_option("select[name=category]", "fattening_pig")
    page.fill("input[name=animals]", "30")
    page.fill("input[name=notes]", "上午来")
    _shot(page, "order-form-360")
    assert _fits(page)
    page.click("[data-action=place]")
    page.wait_for_url(re.compile(r"/services/orders/\d+/$"))
    order = ServiceOrder.objects.get(farm=farm)
    assert order.assignee.username == "vaccinator_longquan"
    assert "刘防疫员" in page.inner_text("main")
    _logout(page)

    # The vaccinator finds it on the day list, accepts it and records the immunization.
    login(page, "vaccinator_longquan")
    page.goto("/services/today/")
    _shot(page, "day-list-360")
    assert _fits(page)
    page.click(f"text={order.number}")
    page.click("[data-action=accept]")
    page.wait_for_selector("text=已接单")
    page.select_option("select[name=disease]", "FMD")
    page.fill("input[name=lot]", str(lot.pk))
    page.fill("input[name=animals]", "28")
    page.fill("input[name=doses]", "28")
    _shot(page, "complete-360")
    with page.expect_navigation():
        page.press("input[name=doses]", "Enter")  # the keyboard's 完成 submits the form
    page.wait_for_selector("text=已完成，待养殖户确认")
    order.refresh_from_db()
    assert order.immunization.animals == 28 and order.amount == Decimal("42.00")
    _logout(page)

    # The farmer confirms and rates.
    login(page, "farmer_longquan")
    page.goto(f"/services/orders/{order.pk}/")
    page.check("input[name=rating][value='4']")
    page.fill("input[name=comment]", "打得仔细")
    _shot(page, "rate-360")
    assert _fits(page)
    page.click("[data-action=confirm]")
    page.wait_for_selector("text=已确认，谢谢评价")
    order.refresh_from_db()
    assert (order.status, order.rating) == ("confirmed", 4)
    _logout(page)

    # The county prepares and signs the month at 1280 px.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "bureau")
    page.goto("/services/statements/")
    page.click("[data-action=prepare]")
    page.wait_for_url(re.compile(r"/services/statements/\d+/$"))
    _shot(page, "statement-1280")
    page.click("[data-action=sign]")
    page.wait_for_selector("text=结算单已签署")
    statement = Statement.objects.get(provider__account__username="provider_xingmu")
    lines = list(statement.lines.filter(included=True))
    assert statement.status == "signed"
    assert statement.total == sum(line.amount for line in lines) == Decimal("42.00")
    assert page.inner_text("[data-total]") == "42.00"
    assert page.locator("[data-action=sign]").count() == 0
    _shot(page, "statement-signed-1280")
