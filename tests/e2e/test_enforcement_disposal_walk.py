"""The rest of the chain in a browser (issue 17, "done when"): a vaccinator reports dead pigs
on a 360 px phone, records their harmless disposal from the report with a photo, the station
files the insurance claim, the county checks it and records the payment, and the insurer's
export is one click away; then the cold chain: vaccine out of 2–8 °C is refused at dispatch
(what was typed stays), a lot received too warm is held and released by the county.
Screenshots at 360 and 1280 px go to /tmp/shots/enforcement/ (disposal_*, claim_*, chain_*)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartvet.enforcement.models import Disposal, InsuranceClaim, Shipment
from smartvet.registry import services as registry_services
from smartvet.surveillance.models import Report
from tests.enforcement.disposal_factories import certify_purification
from tests.immunization.factories import make_lot, png_bytes
from tests.support.factories import make_farm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/enforcement")


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 362


def shoot(page, name: str, folder: Path = SHOTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}_360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(folder / f"{name}_1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


def switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def no_error(page) -> None:
    assert not page.locator(".error").count(), page.locator(".error").all_inner_texts()


@pytest.fixture
def farm(personas):
    farm = make_farm(personas.station_longquan, name="青龙村养猪场", stock={"fattening_pig": 80})
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


def test_death_report_disposal_claim_and_payment(page, login, farm, tmp_path):
    login(page, "vaccinator_longquan")
    page.goto(f"/surveillance/report/?farm={farm.pk}")
    page.select_option("select[name=kind]", "death")
    page.select_option("select[name=category]", "fattening_pig")
    page.fill("input[name=dead]", "3")
    page.fill("textarea[name=signs]", "高热、突然死亡")
    page.select_option("select[name=disposal_method]", "centre")
    page.fill("input[name=disposal_place]", "夷陵区病死畜禽无害化处理中心")
    page.fill("input[name=disposal_by]", "刘防疫员")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/surveillance/reports/\d+/$"))
    report = Report.objects.get()

    page.goto(f"/enforcement/disposals/new/?report={report.pk}")
    assert page.input_value("input[name=farm]") == farm.code
    assert page.input_value("input[name=animals]") == "3"
    assert _fits_the_phone(page)
    photo = tmp_path / "pit.png"
    photo.write_bytes(png_bytes((64, 48)))
    page.set_input_files("input[name=photos]", str(photo))
    shoot(page, "disposal_form")
    page.click("button[data-action=record_disposal]")
    page.wait_for_url(re.compile(r"/enforcement/disposals/\d+/$"))
    no_error(page)
    done = Disposal.objects.get()
    assert done.report == report and done.photos.count() == 1
    assert "报告死亡3头" in page.content()
    assert page.locator("img[alt='现场照片']").count() == 1

    switch(page, login, "station_longquan")
    page.goto(f"/enforcement/disposals/{done.pk}/")
    page.fill("input[name=insurer]", "中国人寿财产保险宜昌市中心支公司")
    page.fill("input[name=policy_number]", "PYLQ2026000123")
    page.fill("input[name=animals]", "4")
    page.fill("input[name=amount]", "2400.00")
    page.click("button[data-action=file_claim]")
    assert "超过无害化处理数量3" in page.locator(".error").inner_text()
    assert page.input_value("input[name=policy_number]") == "PYLQ2026000123"
    page.fill("input[name=animals]", "3")
    page.click("button[data-action=file_claim]")
    page.wait_for_load_state()
    no_error(page)
    assert page.get_by_test_id("claim").locator(".badge").inner_text() == "已申报"
    assert page.locator("button[data-action=accept]").count() == 0  # the county decides
    shoot(page, "disposal_detail_claimed")

    switch(page, login, "county_supervisor")
    page.goto("/")
    assert "理赔待核实" in page.content()
    page.goto("/enforcement/claims/?status=claimed")
    assert _fits_the_phone(page)
    shoot(page, "claim_list")
    page.click("text=PYLQ2026000123")
    page.wait_for_url(re.compile(rf"/enforcement/disposals/{done.pk}/$"))
    page.fill("form:has(button[data-action=accept]) input[name=note]", "与处理记录、照片相符")
    page.click("button[data-action=accept]")
    page.wait_for_load_state()
    assert page.get_by_test_id("claim").locator(".badge").inner_text() == "已核实"
    page.click("button[data-action=pay]")
    page.wait_for_load_state()
    assert page.get_by_test_id("claim").locator(".badge").inner_text() == "已赔付"
    assert page.locator("button[data-action]").count() == 0
    shoot(page, "disposal_detail_paid")
    assert InsuranceClaim.objects.get().status == "paid"
    page.goto("/enforcement/claims/")
    with page.expect_download() as download:
        page.get_by_test_id("claim-export").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto("/enforcement/disposals/")
    assert _fits_the_phone(page)
    shoot(page, "disposal_list")


def test_cold_chain_refusal_hold_and_release(page, login, personas):
    lot = make_lot(personas.county_supervisor, doses=2000)
    login(page, "county_supervisor")
    page.goto("/enforcement/cold-chain/")
    page.select_option("select[name=lot]", str(lot.pk))
    page.fill("input[name=to]", "station_longquan")
    page.fill("input[name=doses]", "500")
    page.fill("input[name=temperature]", "9.5")
    page.click("button[data-action=dispatch_vaccine]")
    error = page.locator(".error").inner_text()
    assert "不得调出" in error and "2–8℃" in error
    assert error.count("不得调出") == 1, error  # said once, not again in a list below it
    shoot(page, "cold_chain_refused", Path("/tmp/shots/h4"))
    assert page.input_value("input[name=to]") == "station_longquan"
    assert not Shipment.objects.exists()
    assert _fits_the_phone(page)
    shoot(page, "chain_dispatch_refused")
    page.fill("input[name=temperature]", "4.0")
    page.click("button[data-action=dispatch_vaccine]")
    page.wait_for_load_state()
    no_error(page)

    switch(page, login, "station_longquan")
    page.goto("/enforcement/cold-chain/")
    page.fill("form:has(button[data-action=receive]) input[name=temperature]", "11.0")
    page.click("button[data-action=receive]")
    page.wait_for_load_state()
    assert "已暂停使用" in page.content()
    shipment = Shipment.objects.get()
    assert shipment.status == "held" and shipment.lot.held
    shoot(page, "chain_received_held")

    switch(page, login, "county_supervisor")
    page.goto("/enforcement/cold-chain/")
    assert page.get_by_test_id("held-lots").count() == 1
    shoot(page, "chain_held_lots")
    page.fill("input[name=note]", "复检效价合格，准予使用")
    page.click("button[data-action=release]")
    page.wait_for_load_state()
    shipment.refresh_from_db()
    assert shipment.status == "released" and not shipment.lot.held
    assert page.get_by_test_id("held-lots").count() == 0


def test_purification_register_and_village_sourcing(page, login, personas):
    breeder = make_farm(personas.station_longquan, name="龙泉种猪场")
    certify_purification(personas.bureau, breeder)
    household = make_farm(
        personas.station_longquan, kind="household", name="王德福", stock={"fattening_pig": 1}
    )
    login(page, "station_longquan")
    page.goto(f"/farms/{household.pk}/stock/")
    page.select_option("select[name=category]", "fattening_pig")
    page.select_option("select[name=kind]", "purchase")
    page.fill("input[name=quantity]", "5")
    page.fill("input[name=certificate_no]", "4205061120260001")
    page.fill("input[name=source_farm_code]", breeder.code)
    page.click("button.primary")
    page.wait_for_load_state()
    no_error(page)
    page.goto("/enforcement/sourcing/")
    assert "100%" in page.get_by_test_id("sourcing").inner_text()
    assert _fits_the_phone(page)
    shoot(page, "chain_sourcing")

    switch(page, login, "bureau")
    page.goto("/enforcement/purification-farms/")
    assert "龙泉种猪场" in page.content()
    shoot(page, "chain_purification_register")
