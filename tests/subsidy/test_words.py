"""No raw code or field name reaches a user on the subsidy pages (issue 10 point 7): statuses,
categories, payee and account kinds, policy codes, flags, reasons and count bases read as
Chinese words (English in English); refusals say what is wrong without an error code."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from smartvet.core.species import CATEGORIES
from smartvet.subsidy import calc, commands, services, words
from smartvet.subsidy.models import (
    AccountKind,
    ApplicationStatus,
    ObjectionStatus,
    PayeeKind,
    PublicityStatus,
    QualificationStatus,
)
from smartvet.subsidy.rules import anomaly_flags
from tests.subsidy import factories

FLAGGED = factories.counts(
    stock={"sow": 400, "fattening_pig": 900},
    quarantined={"fattening_pig": 1450},
    immunized={"sow": 410, "fattening_pig": 1500},
    tests=[],
)
CODES = {
    *CATEGORIES,
    *ApplicationStatus.values,
    *QualificationStatus.values,
    *PayeeKind.values,
    *AccountKind.values,
    *PublicityStatus.values,
    *ObjectionStatus.values,
    *words.FLAG_LABELS,
    *calc.REASONS,
    *calc.BASES,
    *calc.ROUNDS,
    "FMD",
    "VALIDATION_ERROR",
    "EVIDENCE_REQUIRED",
}


class _VisibleText(HTMLParser):
    """The text a reader sees: text nodes outside <script> and <style>."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._hidden -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible(response) -> str:
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def raw_codes(text: str, *extra: str) -> set[str]:
    return {
        code
        for code in {*CODES, *extra}
        if re.search(rf"(?<![A-Za-z_\-]){re.escape(code)}(?![A-Za-z_\-])", text)
    }


def client_for(user, language: str = "") -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def cycle(personas, platform):
    """Two applications of a flagged farm, each under its own policy: one in publicity with an
    objection waiting, one paid."""
    listed_policy = factories.make_policy(personas.bureau, code="yiling-listed")
    paid_policy = factories.make_policy(personas.bureau, code="yiling-paid")
    farm = factories.scale_farm(personas.farmer_longquan)
    platform[farm.pk] = FLAGGED
    listed = factories.approved_application(personas, listed_policy, farm=farm)
    services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=listed_policy.code)
    )
    services.record_objection(
        actor=personas.bureau,
        application_id=listed.pk,
        command=commands.RecordObjection(raised_by="王某", text="数量有误"),
    )
    paid = factories.publicized_application(personas, paid_policy, farm=farm)
    services.record_payment(
        actor=personas.bureau,
        application_id=paid.pk,
        command=commands.RecordPayment(
            account_kind="yikatong", account_no="6228480012345", paid_on=timezone.localdate()
        ),
    )
    listed.refresh_from_db()
    paid.refresh_from_db()
    return listed, paid


def _pages(listed, paid) -> list[str]:
    publicity = listed.publicity_id
    return [
        "/subsidy/",
        f"/subsidy/applications/{listed.pk}/",
        f"/subsidy/applications/{paid.pk}/",
        "/subsidy/qualifications/",
        f"/subsidy/qualifications/{listed.qualification_id}/",
        "/subsidy/publicities/",
        f"/subsidy/publicities/{publicity}/",
        "/subsidy/payments/",
        "/subsidy/summary/",
        "/subsidy/policies/",
        f"/subsidy/policies/{listed.policy_id}/edit/",
    ]


def test_no_page_shows_a_raw_code(personas, cycle):
    listed, paid = cycle
    policy_codes = (listed.policy.code, paid.policy.code, "jiyuan-2024")
    bureau, farmer = client_for(personas.bureau), client_for(personas.farmer_longquan)
    for path in _pages(listed, paid):
        response = bureau.get(path)
        assert response.status_code == 200, path
        assert raw_codes(visible(response), *policy_codes) == set(), path
    for path in (
        f"/subsidy/applications/{paid.pk}/",
        "/subsidy/applications/new/",
        "/subsidy/qualifications/new/",
    ):
        assert raw_codes(visible(farmer.get(path)), *policy_codes) == set(), path
    for path in ("/public/subsidy/", f"/public/subsidy/qualified/{listed.policy.code}/"):
        assert raw_codes(visible(Client().get(path)), *policy_codes) == set(), path


def test_the_detail_reads_the_flags_counts_and_tests_in_words(personas, cycle):
    listed, _paid = cycle
    text = visible(client_for(personas.bureau).get(f"/subsidy/applications/{listed.pk}/"))
    assert "免疫数超过存栏" in text and "能繁母猪免疫数量410超过存栏400" in text
    assert "缺少抗体检测" in text
    assert "能繁母猪400头；育肥猪900头" in text
    assert "按存栏400头与免疫410头取小" in text


def test_an_antibody_test_reads_by_disease_and_round():
    test = {"round": "retest", "disease": "FMD", "samples": 20, "qualified": 18}
    assert words.antibody_test(test) == "口蹄疫补免后复检：合格18/20"


def test_a_flag_names_its_category():
    flags = anomaly_flags(
        stock={"layer": 10},
        quarantined={"broiler": 5},
        immunized={"layer": 20},
        doses_bought=1000,
        doses_used=0,
        antibody_tests=[{"round": "initial"}],
        stock_basis=["layer"],
    )
    messages = [flag["message"] for flag in flags]
    assert messages == ["蛋禽免疫数量20超过存栏10", "肉禽产地检疫数量5超过免疫数量0"]


def test_a_refusal_says_what_is_wrong_without_its_code(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    platform[farm.pk] = FLAGGED
    application = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    response = client_for(personas.county_supervisor).post(
        f"/subsidy/applications/{application.pk}/preliminary-approve/", {"note": ""}, follow=True
    )
    text = visible(response)
    assert "须填写佐证材料说明后才能通过初审" in text
    assert raw_codes(text, policy.code) == set()


def test_the_pages_read_in_english(personas, cycle):
    listed, _paid = cycle
    client = client_for(personas.bureau, "en")
    detail = visible(client.get(f"/subsidy/applications/{listed.pk}/"))
    assert "The lesser of stock 400 head and immunized 410 head" in detail
    assert "Immunized above stock" in detail and "Breeding sow 400 head" in detail
    assert "Breeding sow: number immunized 410 exceeds stock of 400" in detail
    form = visible(client.get(f"/subsidy/policies/{listed.policy_id}/edit/"))
    assert "Budget for the year (yuan)" in form and "Counted by origin quarantine" in form
    # In English a code like "stock" is a word; the compound and upper-case ones are not.
    codes = {code for code in raw_codes(detail) | raw_codes(form) if "_" in code or code.isupper()}
    assert codes == set()
