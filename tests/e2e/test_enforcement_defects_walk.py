"""The last review's defects, walked as the roles who met them, at 360 and 1280 px
(screenshots in /tmp/shots/h4/; the cold chain's refusal, said once, in
test_enforcement_disposal_walk): a transferred lot waits for its receiver's signature before
anyone vaccinates with it; a death report leads to its disposal; a checkpoint records its
check of another province's certificate and a case's timeline names the people who acted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartvet.enforcement.services import cases
from smartvet.quarantine import hub
from smartvet.quarantine.models import CheckpointCheck
from tests.e2e.test_enforcement_disposal_walk import (  # noqa: F401 (farm: a fixture)
    _fits_the_phone,
    farm,
    shoot,
    switch,
)
from tests.enforcement.case_factories import open_by_hand
from tests.exchange.test_federation_reports import NUMBER, hub_certificate
from tests.immunization.factories import make_lot, transfer
from tests.surveillance.factories import death_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/h4")


def test_a_transferred_lot_waits_for_its_receivers_signature(page, login, personas, farm):  # noqa: F811
    county_lot = make_lot(personas.county_supervisor, doses=1000, batch="LQ-2026-12")
    sent = transfer(personas.county_supervisor, county_lot, "station_longquan", 300)
    login(page, "vaccinator_longquan")
    page.goto(f"/immunization/farms/{farm.pk}/entry/?category=fattening_pig&disease=FMD")
    assert page.locator(f"select[name=lot] option[value='{sent.pk}']").count() == 0
    shoot(page, "entry_before_receipt", SHOTS)

    switch(page, login, "station_longquan")
    page.goto(f"/immunization/lots/{sent.pk}/")
    assert page.get_by_test_id("receipt").inner_text() == "待签收"
    assert _fits_the_phone(page)
    shoot(page, "lot_awaiting_receipt", SHOTS)
    page.click("button[data-action=sign_for_lot]")
    page.wait_for_load_state()
    assert page.get_by_test_id("receipt").count() == 0
    shoot(page, "lot_signed", SHOTS)

    switch(page, login, "vaccinator_longquan")
    page.goto(f"/immunization/farms/{farm.pk}/entry/?category=fattening_pig&disease=FMD")
    assert page.locator(f"select[name=lot] option[value='{sent.pk}']").count() == 1


def test_a_death_report_leads_to_its_disposal(page, login, personas, farm):  # noqa: F811
    report = death_report(personas.vaccinator_longquan, farm, dead=3)
    login(page, "station_longquan")
    page.goto(f"/surveillance/reports/{report.pk}/")
    assert _fits_the_phone(page)
    shoot(page, "death_report_with_disposal_link", SHOTS)
    page.click("text=登记无害化处理")
    page.wait_for_url(re.compile(rf"/enforcement/disposals/new/\?report={report.pk}$"))
    assert page.input_value("input[name=farm]") == farm.code
    assert page.input_value("input[name=animals]") == "3"
    shoot(page, "disposal_form_from_report", SHOTS)

    switch(page, login, "bureau")
    page.goto(f"/surveillance/reports/{report.pk}/")
    assert page.locator("text=登记无害化处理").count() == 0


def test_a_checkpoint_records_another_provinces_certificate(
    page, login, personas, monkeypatch, settings
):
    settings.SMARTVET_PROVINCE = "42"
    found = hub_certificate(origin_region_id="410102001", destination_region_id="420506107")
    monkeypatch.setattr(hub, "certificate", lambda number: found if number == NUMBER else None)
    login(page, "checkpoint")
    page.goto(f"/quarantine/checkpoint/?number={NUMBER}")
    assert page.get_by_test_id("from-hub").count() == 1
    page.fill("input[name=vehicle]", "鄂E·A1234")
    page.fill("input[name=count_seen]", "8")
    page.click("button[data-action=check]")
    page.wait_for_load_state()
    check = CheckpointCheck.objects.get()
    assert check.certificate is None and check.number == NUMBER and check.result == "fail"
    assert "检查记录" in page.content() and "夷陵区指定通道检查站" in page.content()
    assert _fits_the_phone(page)
    shoot(page, "checkpoint_foreign_recorded", SHOTS)


def test_a_cases_timeline_names_the_people(page, login, personas):
    case = open_by_hand(personas.bureau)
    cases.investigate(actor=personas.bureau, case_id=case.pk)
    login(page, "bureau")
    page.goto(f"/enforcement/cases/{case.pk}/")
    timeline = page.get_by_test_id("timeline").inner_text()
    assert personas.bureau.display_name in timeline and "bureau" not in timeline
    assert _fits_the_phone(page)
    shoot(page, "case_timeline", SHOTS)
