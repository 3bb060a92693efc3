"""The pages show exactly the actions a user may take, and each one shown works (DESIGN.md
"Who may do what"). Immunization has no status workflow (a lot, a record and a test change no
status), so its buttons come from permissions: each is compared with `can(...)` for the
persona, then pressed."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from smartvet.core.access import can, in_reach
from smartvet.immunization import queries
from smartvet.immunization.permissions import (
    IMMUNIZE,
    RECEIVE_LOT,
    RECORD_ANTIBODY,
    TRANSFER_LOT,
    VIEW_ANTIBODY_TESTS,
    VIEW_LOTS,
    VIEW_RECORDS,
)
from tests.immunization.factories import png_bytes

PERSONAS = [
    "station_longquan",
    "farmer_longquan",
    "vaccinator_longquan",
    "provider_xingmu",
    "vet_longquan",
    "cdc",
    "county_supervisor",
    "expert",
]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _links(html: str, path: str) -> bool:
    return f'href="{path}"' in html


def _forms(html: str, path: str) -> bool:
    return re.search(rf'<form [^>]*action="{re.escape(path)}"', html) is not None


@pytest.mark.parametrize("who", PERSONAS)
def test_the_lot_pages_offer_what_the_user_may_do_and_it_works(
    who, personas, tender_lot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = getattr(personas, who)
    client = _client(user)
    listing = client.get("/immunization/lots/")
    if not can(user, VIEW_LOTS):
        assert listing.status_code == 403
        return
    assert _links(listing.content.decode(), "/immunization/lots/new/") == can(user, RECEIVE_LOT)
    detail = client.get(f"/immunization/lots/{tender_lot.pk}/")
    if not in_reach(user, tender_lot):
        assert detail.status_code == 404
        return
    html = detail.content.decode()
    photo, transfer = (
        f"/immunization/lots/{tender_lot.pk}/photo/",
        f"/immunization/lots/{tender_lot.pk}/transfer/",
    )
    assert _forms(html, photo) == can(user, RECEIVE_LOT, tender_lot)
    assert _forms(html, transfer) == can(user, TRANSFER_LOT, tender_lot)
    if _forms(html, photo):
        upload = {"file": SimpleUploadedFile("box.png", png_bytes())}
        assert client.post(photo, upload).status_code == 302
    if _forms(html, transfer):
        assert client.post(transfer, {"to": "provider_xingmu", "doses": "1"}).status_code == 302


@pytest.mark.parametrize("who", PERSONAS)
def test_a_farms_history_offers_the_entry_to_those_who_may_immunize_it(
    who, personas, pig_farm, tender_lot, own_lot
):
    user = getattr(personas, who)
    client = _client(user)
    history = client.get(f"/immunization/farms/{pig_farm.pk}/")
    if not can(user, VIEW_RECORDS) or not in_reach(user, pig_farm):
        assert history.status_code in {403, 404}
        return
    entry = f"/immunization/farms/{pig_farm.pk}/entry/"
    html = history.content.decode()
    assert _links(html, entry) == can(user, IMMUNIZE, pig_farm)
    assert ("抗体检测</h2>" in html) == can(user, VIEW_ANTIBODY_TESTS)
    if not _links(html, entry):
        assert client.get(entry).status_code == 403
        return
    assert client.get(entry).status_code == 200
    today = timezone.localdate()
    (lot, *_others) = queries.usable_lots(user, pig_farm, today, category="sow", disease="FMD")
    response = client.post(
        entry,
        {
            "date": str(today),
            "category": "sow",
            "disease": "FMD",
            "lot": lot.pk,
            "animals": "5",
            "doses": "5",
            "ear_tags": "",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize("who", PERSONAS)
def test_the_antibody_list_offers_the_entry_to_those_who_may_record(who, personas, pig_farm):
    user = getattr(personas, who)
    client = _client(user)
    listing = client.get("/immunization/antibody/")
    if not can(user, VIEW_ANTIBODY_TESTS):
        assert listing.status_code == 403
        return
    create = "/immunization/antibody/new/"
    assert _links(listing.content.decode(), create) == can(user, RECORD_ANTIBODY)
    if not can(user, RECORD_ANTIBODY) or not in_reach(user, pig_farm):
        return
    response = client.post(
        create,
        {
            "farm": pig_farm.code,
            "disease": "FMD",
            "round": "initial",
            "sampled_on": str(timezone.localdate()),
            "samples": "20",
            "qualified": "18",
            "lab": "疾控",
            "accreditation": "CMA",
        },
    )
    assert response.status_code == 302
