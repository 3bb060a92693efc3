"""On a 360 px phone: stock-in by scanning bottles one after another, then a vaccinator's
entry going farm to farm. Chromium from apt."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.immunization.models import Immunization, VaccineLot
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth") <= 362


def test_stock_in_by_scanning_bottles(page, login):
    login(page, "station_longquan")
    page.goto("/immunization/lots/new/")
    page.fill("input[name=product]", "猪口蹄疫O型、A型二价灭活疫苗")
    page.fill("input[name=manufacturer]", "中牧实业股份有限公司")
    page.fill("input[name=approval_number]", "兽药生字（2021）010016089")
    page.fill("input[name=batch]", "BROWSER01")
    page.fill("input[name=expiry]", str(timezone.localdate() + timedelta(days=200)))
    page.check("input[name=diseases][value=FMD]")
    page.check("input[name=species][value=pig]")
    page.fill("input[name=doses]", "600")
    page.select_option("select[name=source]", "tender")
    for code in ("BOTTLE-1", "BOTTLE-2", "BOTTLE-2", "BOTTLE-3"):
        page.fill("#scan", code)
        page.press("#scan", "Enter")
    assert page.inner_text("#scan-count") == "3"
    assert _fits_the_phone(page)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/immunization/lots/\d+/$"))
    lot = VaccineLot.objects.get(batch="BROWSER01")
    assert lot.bottles == 3 and lot.doses_left == 600 and lot.species == ["pig"]


def test_a_vaccinator_goes_from_farm_to_farm(page, login, personas):
    from smartvet.registry import services as registry

    farms = [
        make_farm(personas.station_longquan, name=f"走访养殖场{i}", stock={"sow": 30})
        for i in (1, 2)
    ]
    for farm in farms:
        registry.assign_server(
            actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
        )
    lot = make_lot(personas.station_longquan, doses=100)
    login(page, "vaccinator_longquan")
    for farm in farms:
        page.goto("/immunization/")
        assert _fits_the_phone(page)
        page.click(f"text={farm.name}")
        # the only category and disease the farm needs are at hand, with their vaccine
        assert "能繁母猪 · 口蹄疫" in page.get_by_test_id("immunization-form").inner_text()
        page.select_option("select[name=lot]", str(lot.pk))
        page.fill("input[name=animals]", "30")
        page.fill("input[name=doses]", "30")
        assert _fits_the_phone(page)
        page.click("button.primary")
        page.wait_for_selector(".messages")
        assert "下次免疫" in page.inner_text(".messages")
    assert Immunization.objects.count() == 2
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 40
