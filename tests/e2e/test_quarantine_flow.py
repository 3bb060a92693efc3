"""The main job of the platform in a browser on a 360 px phone: the farmer declares from the
farm's QR, the official vet accepts and certifies, anyone verifies the paper, the
slaughterhouse checks the entry and slaughters, and the trace shows the tag's whole life."""

from __future__ import annotations

import re

import pytest

from smartvet.quarantine.models import Certificate
from tests.quarantine import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 362


@pytest.fixture
def ready(personas):
    """A farm with tags in stock and an FMD immunization in protection, built through the
    services of the ear-tag and immunization apps."""
    factories.stock_tags(personas, 1, 200)
    return factories.ready_farm(personas)


def switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_farmer_vet_public_slaughterhouse_trace(page, login, ready):
    farm = ready
    codes = ["1-420506-00000001", "1-420506-00000002", "1-420506-00000003"]

    # The farmer scans the farm's QR: the declaration form opens, filled with the farm.
    login(page, "farmer_longquan")
    page.goto(f"/d/{farm.code}/")
    page.wait_for_url(re.compile(rf"/quarantine/farms/{farm.pk}/declare/$"))
    assert farm.name in page.get_by_test_id("declare-farm").inner_text()
    assert _fits_the_phone(page)
    page.select_option("select[name=category]", "fattening_pig")
    page.fill("input[name=quantity]", "3")
    page.select_option("select[name=purpose]", "slaughter")
    page.select_option("select[name=destination_kind]", "slaughterhouse")
    page.select_option("select[name=destination_slaughterhouse]", "slaughterhouse")
    page.fill("input[name=vehicle]", "鄂E·A1234")
    page.fill("textarea[name=ear_tags]", "\n".join(codes))
    page.click("button.primary")
    page.wait_for_load_state()
    assert not page.locator(".error").count(), page.locator(".error").all_inner_texts()
    page.wait_for_url(re.compile(r"/quarantine/declarations/\d+/$"))
    assert page.get_by_test_id("declaration-status").inner_text() == "已申报"

    # The official vet sees it in the queue, accepts, inspects and issues the certificate.
    switch(page, login, "vet_longquan")
    page.goto("/quarantine/declarations/")
    assert page.get_by_test_id("count-submitted").inner_text().strip().endswith("1")
    assert _fits_the_phone(page)
    page.click("td a")
    page.click("button[name=accept]")
    page.wait_for_selector("button[name=inspect]")
    page.select_option("select[name=result]", "pass")
    page.fill("input[name=notes]", "临床检查未见异常，耳标齐全")
    page.click("button[name=inspect]")
    page.wait_for_url(re.compile(r"/quarantine/certificates/\w+/$"))
    number = page.get_by_test_id("certificate-number").inner_text().strip()
    assert Certificate.objects.get(number=number).quantity == 3
    assert page.locator(".qr-card svg").count() == 1
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 362)
        .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))
        .slice(0, 8)""")
    assert _fits_the_phone(page), wide

    # Anyone verifies the paper on a phone, without an account.
    page.context.clear_cookies()
    page.goto(f"/verify/{number}")
    result = page.get_by_test_id("verify-result").inner_text()
    assert "真实有效" in result and "3头" in result
    assert farm.phone not in page.content()
    assert _fits_the_phone(page)

    # The slaughterhouse checks the entry, slaughters and collects the tags.
    login(page, "slaughterhouse")
    page.goto("/quarantine/slaughter/")
    page.fill("input[name=certificate]", number)
    page.fill("textarea[name=ear_tags]", "\n".join(codes))
    page.click("button.primary")
    outcome = page.get_by_test_id("slaughter-result").inner_text()
    assert "数量相符" in outcome
    assert _fits_the_phone(page)

    # The trace of a tag shows its whole life, from county stock to cancellation.
    switch(page, login, "vet_longquan")
    page.goto("/quarantine/trace/")
    page.fill("input[name=code]", codes[0])
    page.click("button[value=tag]")
    timeline = page.get_by_test_id("timeline")
    timeline.wait_for()
    kinds = timeline.locator("li").evaluate_all("items => items.map(i => i.dataset.kind)")
    for earlier, later in [
        ("registered", "declared"),
        ("declared", "certified"),
        ("certified", "slaughtered"),
    ]:
        assert kinds.index(earlier) < kinds.index(later), kinds
    assert "cancelled" in kinds
    assert _fits_the_phone(page)
