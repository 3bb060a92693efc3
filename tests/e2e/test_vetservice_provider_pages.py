"""On a 360 px phone the station enrols a vaccinator and records its training; at 1280 px the
county registers a provider. Screenshots in /tmp/shots/vetservice/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from smartvet.vetservice.models import Provider, Vaccinator
from tests.vetservice import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/vetservice")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_station_enrols_on_a_phone_and_the_county_registers(page, login, personas):
    f.open_catalogue(personas.bureau)
    f.register_provider(
        personas.county_supervisor, "provider_xingmu", villages=[f.LONGQUAN_VILLAGE]
    )

    login(page, "station_longquan")
    page.goto("/services/roster/")
    page.click("[data-action=enrol_vaccinator]")
    page.select_option("select[name=account]", "vaccinator_longquan")
    page.fill("input[name=qualification_no]", "FY-2026-01")
    page.fill("input[name=qualification_expires]", (f.today() + timedelta(days=365)).isoformat())
    page.check(f"input[name=villages][value='{f.LONGQUAN_VILLAGE}']")
    _shot(page, "vaccinator-form-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    page.click("[data-action=enrol_vaccinator]")
    page.wait_for_selector("[data-action=record_training]")
    page.fill("input[name=name]", "强制免疫技术培训")
    page.fill("input[name=taken_on]", f.today().isoformat())
    page.click("[data-action=record_training]")
    page.wait_for_selector("text=培训已记录")
    _shot(page, "vaccinator-entry-360")
    entry = Vaccinator.objects.get(account__username="vaccinator_longquan")
    assert entry.trainings.count() == 1

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "county_supervisor")
    page.goto("/services/catalogue/")
    page.click("[data-action=register_provider]")
    page.select_option("select[name=account]", "provider_yaqueling")
    page.fill("input[name=name]", "鸦鹊岭惠民防疫服务社")
    page.select_option("select[name=township]", f.YAQUELING)
    _shot(page, "provider-form-1280")
    page.click("[data-action=register_provider]")
    page.wait_for_url("**/services/catalogue/")
    assert Provider.objects.filter(account__username="provider_yaqueling").exists()
