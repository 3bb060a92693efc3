"""No raw code or field name reaches a person on the quarantine pages (issue 10 point 7):
purposes, statuses, categories, diseases and kinds by their Chinese names; a nested field's
message labelled by the field itself; the lead-time message names the purpose (point 11)."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.species import CATEGORIES
from smartvet.quarantine.commands import CheckIn, DeclarationIn
from smartvet.quarantine.models import (
    Certificate,
    CertificateStatus,
    DeclarationStatus,
    DestinationKind,
    EntryStatus,
    Purpose,
    TransportMode,
)
from smartvet.quarantine.services import record_checkpoint_check
from tests.quarantine import factories
from tests.support.factories import make_farm

CODES = {
    *CATEGORIES,
    *Purpose.values,
    *DeclarationStatus.values,
    *CertificateStatus.values,
    *EntryStatus.values,
    *DestinationKind.values,
    *TransportMode.values,
    "FMD",
    "HPAI",
    "VALIDATION_ERROR",
    "departure_date",
    "destination",
    "short",
    "late",
    "vehicle_mismatch",
    "count_mismatch",
    "phone",
    "address",
    "stock",
}


class _Visible(HTMLParser):
    """The text a person reads: element text outside scripts and styles, and placeholders."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        placeholder = dict(attrs).get("placeholder")
        if placeholder:
            self.words.append(placeholder)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.words.append(data)


def raw_codes(page: str) -> set[str]:
    parser = _Visible()
    parser.feed(page)
    text = " ".join(parser.words)
    return {word for word in re.findall(r"[A-Za-z_]+", text) if word in CODES}


@pytest.fixture
def walked(tagged, resident_vet, certificate):
    """A certificate checked on the road (plate and count wrong), a second one expired, a
    batch held at the slaughterhouse: what the pages below show."""
    record_checkpoint_check(
        actor=tagged.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, vehicle="鄂E·B9999", count_seen=4),
    )
    entry = factories.enter(tagged, certificate, factories.tags(1, 4))
    farm = factories.ready_farm(tagged)
    late = factories.certify(
        tagged, factories.declare(tagged.farmer_longquan, farm, factories.tags(20, 2))
    )
    Certificate.objects.filter(pk=late.pk).update(valid_until=timezone.now() - timedelta(days=3))
    return certificate, late, entry


def _pages(certificate, late, entry):
    return {
        "vet_longquan": [
            "/quarantine/declarations/",
            f"/quarantine/declarations/{certificate.declaration_id}/",
            "/quarantine/certificates/",
            f"/quarantine/certificates/{certificate.number}/",
            "/quarantine/certificates/overdue/",
            f"/quarantine/trace/?code={factories.tag(1)}",
            f"/quarantine/trace/?farm={certificate.farm.code}",
            f"/quarantine/slaughter/entries/{entry.pk}/",
        ],
        "vet_yiling": ["/quarantine/slaughter/entries/"],
        "checkpoint": [
            f"/quarantine/checkpoint/?number={certificate.number}",
            f"/quarantine/checkpoint/?number={late.number}",
        ],
        "slaughterhouse": ["/quarantine/slaughter/", f"/verify/{late.number}"],
        "farmer_longquan": [f"/quarantine/farms/{certificate.farm_id}/declare/"],
    }


def test_the_quarantine_pages_show_no_raw_code(client, tagged, resident_vet, walked):
    people = {**vars(tagged), "vet_yiling": resident_vet}
    found = {}
    for username, urls in _pages(*walked).items():
        client.force_login(people[username])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            codes = raw_codes(response.content.decode())
            if codes:
                found[url] = sorted(codes)
    assert found == {}


def test_an_incomplete_farm_is_told_what_is_missing_in_words(client, tagged):
    farm = make_farm(tagged.farmer_longquan, phone="", address="")
    client.force_login(tagged.farmer_longquan)
    page = client.get(f"/quarantine/farms/{farm.pk}/declare/").content.decode()
    assert "联系电话" in page and raw_codes(page) == set()


def test_the_check_finds_a_raw_code():
    assert raw_codes("<p>状态：expired</p><input placeholder='departure_date'>") == {
        "expired",
        "departure_date",
    }


def test_a_nested_fields_message_is_labelled_by_that_field():
    with pytest.raises(DomainError) as exc:
        parse(
            DeclarationIn,
            {
                "farm": 1,
                "category": "sow",
                "quantity": 1,
                "purpose": "slaughter",
                "destination": {"place": "地" * 201},
                "departure_date": "2026-01-01",
                "vehicle": "鄂E·A1234",
            },
        )
    assert exc.value.details[0]["field"] == "destination.place"
    assert exc.value.details[0]["message"] == "到达地点：不能超过200个字符"


def test_the_lead_time_message_names_the_purpose(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(
            tagged.farmer_longquan, farm, factories.tags(1, 2), purpose="breeding", days_ahead=3
        )
    assert exc.value.code == "DECLARATION_TOO_LATE"
    assert exc.value.message.startswith("用途为“种用”的动物须至少提前15天申报")


def test_the_held_batch_reads_in_english(client, settings, tagged, resident_vet, walked):
    *_papers, entry = walked
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(resident_vet)
    page = client.get(f"/quarantine/slaughter/entries/{entry.pk}/").content.decode()
    assert "Pending" in page and "Admit the matching animals for slaughter" in page
    assert "1 tag on the certificate not presented" in page
