"""Another province's certificate in the browser (decision 0009; the hub's answer stood in
for, as in tests/exchange/test_federation_reports.py): the public page verifies it and says
where from; the destination's slaughterhouse reports its arrival from there. Screenshots at
360 and 1280 px into /tmp/shots/exchange/."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.quarantine import hub
from smartvet.quarantine.models import CrossProvinceReport
from tests.exchange.test_federation_reports import NUMBER, hub_certificate
from tests.support.personas import PASSWORD

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/exchange")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


def test_a_certificate_of_another_province_is_verified_and_its_arrival_reported(
    page, login, monkeypatch, settings
):
    settings.SMARTVET_PROVINCE = "41"
    found = hub_certificate()
    monkeypatch.setattr(hub, "certificate", lambda number: found if number == NUMBER else None)
    create_account(
        actor=None,
        username="slaughterhouse_jiyuan",
        password=PASSWORD,
        role=Role.SLAUGHTERHOUSE,
        region="419001",
        display_name="济源市定点屠宰场",
        organization="济源市定点屠宰场",
    )
    page.goto(f"/verify/{NUMBER}")
    assert "真实有效" in page.inner_text("[data-testid=verify-result]")
    assert "经全国数据中心查验" in page.inner_text("[data-testid=from-hub]")
    shoot(page, "verify-from-hub")

    login(page, "slaughterhouse_jiyuan")
    page.goto(f"/verify/{NUMBER}")
    page.click("[data-action=cross_report]")
    page.fill("input[name=quantity]", "9")
    page.fill("input[name=notes]", "车辆已消毒")
    shoot(page, "foreign-report")
    page.click("button[data-action=cross_report]")
    page.wait_for_url(f"**/verify/{NUMBER}")
    assert "已登记" in page.content()
    report = CrossProvinceReport.objects.get()
    assert (report.kind, report.quantity, report.reported_in) == ("arrival", 9, "41")
