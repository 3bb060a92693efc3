"""Experts and information in Chromium (issue 15): a farmer asks on a 360 px phone with a photo,
the question reaches the right expert (陈科技特派员 of 夷陵区, not another county's), who finds
it first on the home page and answers; the farmer marks it most helpful and rates it, and the
question joins the knowledge base. Also the market bulletin and a training event's QR code at
360 and 1280 px. Screenshots go to /tmp/shots/consult/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from smartvet.consult import rules
from smartvet.consult.models import Article, Consultation
from tests.consult import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/consult")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 2


def _both_sizes(page, name: str) -> None:
    for size, label in ((PHONE, "360"), (DESKTOP, "1280")):
        page.set_viewport_size(size)
        assert _fits(page), f"{name} is wider than {label} px"
        _shoot(page, f"{name}-{label}")
    page.set_viewport_size(PHONE)


def test_farmer_asks_with_a_photo_the_expert_answers_the_farmer_rates(
    page, login, personas, tmp_path
):
    factories.entry(personas.expert, species=("pig",), topics=("disease",))
    factories.jiyuan_expert()
    photo = tmp_path / "pig.jpg"
    photo.write_bytes(factories.jpeg_with_gps())

    login(page, "farmer_longquan")
    page.goto("/consult/ask/")
    page.select_option("select[name=species]", "pig")
    page.select_option("select[name=topic]", "disease")
    page.fill("textarea[name=question]", "断奶仔猪拉稀三天，吃料少，怎么办？")
    page.set_input_files("input[name=photos]", str(photo))
    _both_sizes(page, "ask")
    page.click("[data-testid=ask-form] button.primary")
    page.wait_for_url("**/consult/questions/*/")
    asked = Consultation.objects.get()
    assert list(asked.routings.values_list("expert__username", flat=True)) == ["expert"]
    assert page.locator(".photos img").count() == 1
    assert page.locator("[data-testid=status]").inner_text() == "待解答"
    _shoot(page, "question-farmer-360")

    page.context.clear_cookies()
    login(page, "expert")
    assert page.locator("h2").first.inner_text() == "待我解答"
    assert "断奶仔猪拉稀" in page.locator(".panel").first.inner_text()
    _both_sizes(page, "expert-home")
    page.goto("/consult/desk/")
    page.click("[data-testid=waiting] a")
    page.fill("textarea[name=body]", "多为断奶应激和大肠杆菌，先补液保温，少量多餐。")
    _shoot(page, "answer-360")
    page.click("[data-action=answer]")
    page.wait_for_selector("[data-testid=answer]")
    assert page.locator("[data-testid=status]").inner_text() == "已解答"

    page.context.clear_cookies()
    login(page, "farmer_longquan")
    page.goto(f"/consult/questions/{asked.pk}/")
    page.click("[data-action=mark_helpful]")
    page.wait_for_selector(".answer.helpful")
    page.check("input[name=rating][value='4']")
    page.click("[data-action=close]")
    page.wait_for_selector("text=已结束")
    asked.refresh_from_db()
    assert asked.status == "closed" and asked.rating == 4
    assert Article.objects.filter(consultation=asked).exists()
    page.goto("/consult/knowledge/?q=仔猪")
    assert page.locator("[data-testid=article]").count() == 1
    _both_sizes(page, "knowledge")


def test_the_bulletin_and_the_training_qr_code_fit_a_phone_and_a_desk(page, login, personas):
    station = personas.station_longquan
    monday = rules.monday_of(timezone.localdate())
    for weeks, value in ((2, "14.20"), (1, "14.50"), (0, "15.30")):
        day = min(monday - timedelta(weeks=weeks) + timedelta(days=1), timezone.localdate())
        factories.price(station, "live_hog", value, day)
        factories.price(station, "piglet", str(400 + weeks * 10), day)
    factories.event(station, starts_at=timezone.now() + timedelta(hours=1))
    login(page, "farmer_longquan")
    page.goto("/consult/market/?region=420506107")
    assert page.locator("[data-testid=bulletin] tbody tr").count() == 2
    assert page.locator("svg.chart polyline").count() == 1
    _both_sizes(page, "bulletin")
    page.context.clear_cookies()
    login(page, "station_longquan")
    page.goto("/consult/training/")
    page.click(".questions a")
    assert page.locator("[data-testid=sign-in-qr] svg").count() == 1
    _both_sizes(page, "training-event")
