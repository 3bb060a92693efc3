"""A station worker on a phone logs in, registers a farm and opens its printable QR card."""

import re

import pytest

pytestmark = pytest.mark.e2e


def test_station_registers_a_farm_and_opens_its_qr_card(page, login):
    login(page, "station_longquan")
    assert page.locator("h1").first.inner_text().startswith("您好")

    page.goto("/farms/new/")
    page.fill("input[name=name]", "龙泉镇浏览器测试养殖场")
    page.select_option("select[name=kind]", "scale")
    page.fill("input[name=owner_name]", "赵六")
    page.fill("input[name=owner_id_number]", "420506197503124511")
    page.fill("input[name=phone]", "13907170000")
    page.fill("input[name=address]", "龙泉镇龙泉二村4组")
    page.select_option("select[name=region__village]", label="龙泉二村（示例）")
    page.fill("input[name=stock_sow]", "30")
    page.fill("input[name=stock_fattening_pig]", "260")
    page.click("button.primary")

    page.wait_for_url(re.compile(r"/farms/\d+/$"))
    assert "龙泉镇浏览器测试养殖场" in page.locator("h1").inner_text()
    assert page.get_by_text("信息完整").first.is_visible()

    page.click("text=二维码卡片")
    card = page.get_by_test_id("qr-card")
    card.wait_for()
    assert card.locator("svg").count() == 1
    assert re.search(r"/d/420506107\d{5}/", card.inner_text())


def test_a_refused_farm_shows_the_reason_in_chinese(page, login):
    """Another township's villages are never offered (the picker starts in the station's
    township); a bad identity number is refused with its reason in Chinese."""
    login(page, "station_longquan")
    page.goto("/farms/new/")
    villages = page.locator("select[name=region__village] option").all_inner_texts()
    assert "龙泉一村（示例）" in villages
    assert not page.locator("select[name=region__township]").count()
    page.fill("input[name=name]", "证号有误的养殖场")
    page.select_option("select[name=kind]", "household")
    page.fill("input[name=owner_id_number]", "420506197503124512")
    page.select_option("select[name=region__village]", label="龙泉一村（示例）")
    page.click("button.primary")
    assert "身份证号或统一社会信用代码校验不通过" in page.locator(".error").first.inner_text()


def test_the_layout_fits_a_360px_phone(page, login):
    login(page, "station_longquan")
    page.goto("/farms/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
