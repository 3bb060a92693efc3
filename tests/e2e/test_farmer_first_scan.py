"""A farmer who has never logged in declares from the farm's card (issue 10 point 9), in
Chromium from apt: the station registers the farm on a phone, picking the village by name;
the card prints the one-time code; the card's QR, read from a screenshot with zbarimg as a
phone camera would, opened on the farmer's phone while logged out, sets the password and
lands on that farm's declaration page. Screenshots go to /tmp/shots/registry-*.png."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from smartvet.core.services import activation_code_for
from smartvet.registry.models import Farm
from tests.conftest import skip_or_fail
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


def _shoot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"registry-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 2


def _decode_qr(image: Path) -> str:
    """What a phone camera reads from the picture: zbarimg (apt zbar-tools)."""
    if not shutil.which("zbarimg"):
        skip_or_fail("zbarimg is not installed (apt-get install zbar-tools)")
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _register(page, name: str) -> Farm:
    page.goto("/farms/new/")
    page.fill("input[name=name]", name)
    page.select_option("select[name=kind]", "scale")
    page.fill("input[name=owner_name]", "赵六")
    page.fill("input[name=owner_id_number]", "420506197503124511")
    page.fill("input[name=phone]", "13907175566")
    page.fill("input[name=address]", "龙泉镇龙泉二村4组")
    page.select_option("select[name=region__village]", label="龙泉二村（示例）")
    page.fill("input[name=stock_sow]", "30")
    page.fill("input[name=stock_fattening_pig]", "260")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/farms/\d+/$"))
    return Farm.objects.get(name=name)


def test_the_farmer_activates_from_the_card_and_lands_on_the_declaration(
    page, browser, live_server, login
):
    login(page, "station_longquan")
    page.goto("/farms/new/")
    assert _fits(page)
    _shoot(page, "farm-form-360")
    farm = _register(page, "龙泉镇扫码激活养殖场")
    assert farm.region_id == "420506107202" and farm.owner.username == "13907175566"

    page.click("text=二维码卡片")
    card = page.get_by_test_id("qr-card")
    card.wait_for()
    code = activation_code_for(farm.owner)
    assert code and code in page.get_by_test_id("activation-code").inner_text()
    assert _fits(page)
    url = _decode_qr(_shoot(page, "qr-card-360"))
    assert url == f"{live_server.url}/d/{farm.code}/?activate={code}"

    phone = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        tab = phone.new_page()
        tab.goto(url)
        tab.wait_for_url(re.compile(r"/activate/\?"))
        assert tab.input_value("input[name=code]") == code
        tab.fill("input[name=password]", "longquan-pigs-88")
        tab.fill("input[name=password_again]", "longquan-pigs-88")
        tab.click("button[type=submit]")
        tab.wait_for_url(re.compile(rf"/quarantine/farms/{farm.pk}/declare/$"))
        assert farm.name in tab.get_by_test_id("declare-farm").inner_text()
        assert _fits(tab)
    finally:
        phone.close()

    # used: the card no longer prints a code, and its QR is the plain declaration link
    page.reload()
    assert not page.get_by_test_id("activation-code").count()
    assert _decode_qr(_shoot(page, "qr-card-used-360")) == f"{live_server.url}/d/{farm.code}/"


def test_wide_screens_of_the_form_the_card_and_the_vaccine_choice(
    browser, live_server, personas, login
):
    """The form and the card at 1280 px, and the immunization entry with its vaccine choice
    filtered for the species and disease at hand at both sizes (the assertions check what
    the eye would)."""
    station = personas.station_longquan
    make_lot(station, product="猪口蹄疫O型灭活疫苗", batch="PIG-FMD", species=["pig"])
    make_lot(station, product="牛羊口蹄疫灭活疫苗", batch="RUM-FMD", species=["cattle", "sheep"])
    make_lot(station, product="禽流感灭活疫苗", batch="HPAI-1", diseases=["HPAI"])
    pigs = make_farm(station, name="龙泉镇免疫录入养殖场", stock={"sow": 30, "fattening_pig": 90})
    for size, viewport in (("1280", DESKTOP), ("360", PHONE)):
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
        try:
            page = context.new_page()
            login(page, "station_longquan")
            if size == "1280":
                page.goto("/farms/new/")
                _shoot(page, "farm-form-1280")
                farm = _register(page, "龙泉镇宽屏养殖场")
                page.goto(f"/farms/{farm.pk}/qr/")
                code = activation_code_for(farm.owner)
                assert _decode_qr(_shoot(page, "qr-card-1280")).endswith(f"?activate={code}")
            page.goto(f"/immunization/farms/{pigs.pk}/entry/")
            with page.expect_navigation():
                page.select_option("[data-testid=at-hand] select[name=category]", "sow")
            assert "能繁母猪 · 口蹄疫" in page.get_by_test_id("immunization-form").inner_text()
            lots = page.locator("select[name=lot] option").all_inner_texts()
            assert len(lots) == 1 and lots[0].startswith("猪口蹄疫O型灭活疫苗 PIG-FMD（剩1000头份")
            assert _fits(page)
            _shoot(page, f"immunization-entry-{size}")
        finally:
            context.close()
