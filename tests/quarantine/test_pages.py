"""The pages of every step, in Chinese, driven with Django's test client."""

from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO
from itertools import count
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.access import available_actions
from smartvet.quarantine import services
from smartvet.quarantine.commands import ArrivalIn, RejectIn, RevokeIn, SlaughterIn
from smartvet.quarantine.models import Certificate, Declaration
from tests.quarantine import factories
from tests.support.factories import make_farm
from tests.support.personas import PERSONA_NAMES


def form_data(**overrides):
    data = {
        "category": "fattening_pig",
        "quantity": "2",
        "purpose": "slaughter",
        "destination_region": "420506",
        "destination_place": "夷陵区定点屠宰场",
        "destination_kind": "slaughterhouse",
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "transport_mode": "road",
        "ear_tags": "1-420506-00000001\n1-420506-00000002",
    }
    data.update(overrides)
    return data


def test_the_farm_qr_opens_the_declaration_form_filled_with_the_farm(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.get(f"/d/{farm.code}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/quarantine/farms/{farm.pk}/declare/"
    page = response.content.decode()
    assert farm.name in page and "提交申报" in page


def test_the_farmer_declares_on_the_form(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.post(f"/quarantine/farms/{farm.pk}/declare/", form_data())
    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/quarantine/declarations/{declaration.pk}/"
    assert declaration.ear_tags == factories.tags(1, 2)


def test_a_refused_declaration_shows_every_reason_in_chinese(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response = client.post(
        f"/quarantine/farms/{farm.pk}/declare/",
        form_data(quantity="3", departure_date=timezone.localdate().isoformat()),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "DECLARATION_TOO_LATE" in page and "EARTAG_COUNT_MISMATCH" in page
    assert "须至少提前3天申报" in page
    assert not Declaration.objects.exists()


def test_the_vets_queue_counts_and_acts(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/declarations/").content.decode()
    assert 'data-testid="count-submitted"' in page and declaration.farm.name in page
    client.post(f"/quarantine/declarations/{declaration.pk}/accept/")
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    response = client.post(
        f"/quarantine/declarations/{declaration.pk}/inspect/", {"result": "pass", "notes": "合格"}
    )
    cert = Certificate.objects.get()
    assert response["Location"] == f"/quarantine/certificates/{cert.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "动物检疫合格证明" in page and cert.number in page and "<svg" in page


def test_an_invalid_transition_on_a_page_is_a_clear_message(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    response = client.post(
        f"/quarantine/declarations/{declaration.pk}/inspect/", {"result": "pass"}
    )
    assert response.status_code == 409
    assert "INVALID_TRANSITION" in response.content.decode()


def test_rejecting_on_the_page_needs_a_reason(client, tagged, declaration):
    client.force_login(tagged.vet_longquan)
    response = client.post(f"/quarantine/declarations/{declaration.pk}/reject/", {"reason": ""})
    assert response.status_code == 422
    client.post(f"/quarantine/declarations/{declaration.pk}/reject/", {"reason": "耳标不符"})
    declaration.refresh_from_db()
    assert declaration.status == "rejected"


def test_another_township_gets_404_pages(client, tagged, declaration):
    client.force_login(tagged.vet_yaqueling)
    assert client.get(f"/quarantine/declarations/{declaration.pk}/").status_code == 404
    assert client.get(f"/quarantine/farms/{declaration.farm_id}/declare/").status_code == 404


def test_certificate_list_export_and_overdue(client, tagged, certificate):
    client.force_login(tagged.vet_longquan)
    assert certificate.number in client.get("/quarantine/certificates/").content.decode()
    export = client.get("/quarantine/certificates/export.xlsx")
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.cell(2, 1).value == certificate.number
    Certificate.objects.update(valid_until=timezone.now() - timedelta(days=2))
    assert certificate.number in client.get("/quarantine/certificates/overdue/").content.decode()
    declarations = client.get("/quarantine/declarations/export.xlsx")
    assert load_workbook(BytesIO(declarations.content)).active.max_row == 2


def test_arrival_and_revocation_pages(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    client.post(
        f"/quarantine/certificates/{certificate.number}/arrival/", {"received_quantity": "5"}
    )
    certificate.refresh_from_db()
    assert certificate.status == "arrived"
    client.force_login(tagged.vet_longquan)
    response = client.post(
        f"/quarantine/certificates/{certificate.number}/revoke/", {"reason": "x"}
    )
    assert response.status_code == 409


def test_the_checkpoint_scans_and_records(client, tagged, certificate):
    client.force_login(tagged.checkpoint)
    page = client.get("/quarantine/checkpoint/", {"number": certificate.number})
    assert "鄂E·A1234" in page.content.decode()
    response = client.post(
        "/quarantine/checkpoint/",
        {"number": certificate.number, "vehicle": "鄂E·B9999", "count_seen": "5"},
    )
    assert response.status_code == 302
    assert certificate.checks.get().flags == ["vehicle_mismatch"]
    home = client.get("/").content.decode()  # the checkpoint's home opens on today's checks
    assert "<dt>查验车辆</dt><dd>1</dd>" in home and 'href="/quarantine/checkpoint/"' in home
    page = client.get("/quarantine/checkpoint/", {"number": "B420506NONEXISTENT"})
    assert page.status_code == 404


def test_the_slaughterhouse_entry_page(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    response = client.post(
        "/quarantine/slaughter/",
        {"certificate": certificate.number, "ear_tags": "\n".join(certificate.ear_tags[:4])},
    )
    page = response.content.decode()
    assert 'data-testid="slaughter-result"' in page and "本批已暂扣，待驻场官方兽医处理" in page
    home = client.get("/").content.decode()  # the slaughterhouse's home opens on today's entries
    assert "<dt>入场批次</dt><dd>1</dd>" in home and "<dt>数量或耳标不符</dt><dd>1</dd>" in home
    again = client.post(
        "/quarantine/slaughter/", {"certificate": certificate.number, "ear_tags": ""}
    )
    assert again.status_code == 409 and "SLAUGHTER_RECORDED" in again.content.decode()


@pytest.mark.parametrize(
    "username",
    ["vet_longquan", "farmer_longquan", "station_longquan", "slaughterhouse", "checkpoint", "cdc"],
)
def test_home_and_navigation_render_for_every_role(client, tagged, username):
    client.force_login(getattr(tagged, username))
    assert client.get("/").status_code == 200
    assert client.get("/quarantine/trace/").status_code == 200
    assert client.get("/verify/").status_code == 200


# --- the buttons of the workflows: exactly the available actions, and each one works ---------


class _ActionElements(HTMLParser):
    """The elements of a page that carry data-action, each with how to press it: a link is
    followed, a button submits its form, an option submits its form with that value chosen."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str, dict]] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"url": attrs.get("action") or "", "fields": {}}
        elif self._form is not None and tag == "input" and attrs.get("name"):
            self._form["fields"][attrs["name"]] = attrs.get("value") or ""
        name = attrs.get("data-action")
        if not name:
            return
        if tag == "a":
            self.found.append((name, "get", attrs["href"], {}))
        elif tag == "option":
            self.found.append((name, "post", self._form["url"], {"result": attrs["value"]}))
        else:  # a button sends its own name and value with its form's fields
            pressed = {attrs["name"]: attrs.get("value", "")} if attrs.get("name") else {}
            self.found.append(
                (name, "post", self._form["url"], {**self._form["fields"], **pressed})
            )

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def shown_actions(page: str) -> list[tuple[str, str, str, dict]]:
    parser = _ActionElements()
    parser.feed(page)
    return parser.found


# What a person types into the forms the actions open.
TYPED = {
    "reason": "现场核查后决定",
    "handling": "隔离观察，送检",
    "notes": "临床检查未见异常",
    "received_quantity": "2",
}

_serials = count(1)


def _declared(personas, farm):
    first = next(_serials) * 2 + 100
    return factories.declare(personas.farmer_longquan, farm, factories.tags(first, 2))


def _accepted(personas, farm):
    declaration = _declared(personas, farm)
    services.accept_declaration(actor=personas.vet_longquan, declaration_id=declaration.pk)
    return declaration


def _rejected(personas, farm):
    declaration = _declared(personas, farm)
    services.reject_declaration(
        actor=personas.vet_longquan,
        declaration_id=declaration.pk,
        command=factories.command(RejectIn, reason="车辆未备案"),
    )
    return declaration


def _certified(personas, farm):
    return factories.certify(personas, _declared(personas, farm)).declaration


def _valid(personas, farm):
    return factories.certify(personas, _declared(personas, farm))


def _to_a_farm(personas, farm):
    """A certificate to a farm of the same farmer, in 龙泉镇: its farmer and its station
    report the arrival."""
    receiving = make_farm(personas.farmer_longquan, stock={"fattening_pig": 10})
    first = next(_serials) * 2 + 100
    declaration = factories.declare(
        personas.farmer_longquan,
        farm,
        factories.tags(first, 2),
        purpose="rearing",
        destination_region=receiving.region_id,
        destination_kind="farm",
        destination_farm_id=receiving.pk,
        destination_place=receiving.name,
    )
    return factories.certify(personas, declaration)


def _expired(personas, farm):
    cert = _valid(personas, farm)
    Certificate.objects.filter(pk=cert.pk).update(valid_until=timezone.now() - timedelta(days=2))
    return cert


def _arrived(personas, farm):
    cert = _valid(personas, farm)
    services.report_arrival(
        actor=personas.slaughterhouse,
        number=cert.number,
        command=factories.command(ArrivalIn, received_quantity=2),
    )
    return cert


def _slaughtered(personas, farm):
    cert = _valid(personas, farm)
    services.record_slaughter_entry(
        actor=personas.slaughterhouse,
        command=factories.command(SlaughterIn, certificate=cert.number, ear_tags=cert.ear_tags),
    )
    return cert


def _revoked(personas, farm):
    cert = _valid(personas, farm)
    services.revoke_certificate(
        actor=personas.vet_longquan,
        number=cert.number,
        command=factories.command(RevokeIn, reason="货主取消调运"),
    )
    return cert


def _page(obj) -> str:
    if isinstance(obj, Declaration):
        return f"/quarantine/declarations/{obj.pk}/"
    return f"/quarantine/certificates/{obj.number}/"


def _fresh(obj):
    if isinstance(obj, Declaration):
        return Declaration.objects.select_related("farm").get(pk=obj.pk)
    return Certificate.objects.select_related("farm", "destination_farm").get(pk=obj.pk)


STATES = [
    _declared,
    _accepted,
    _rejected,
    _certified,
    _valid,
    _to_a_farm,
    _expired,
    _arrived,
    _slaughtered,
    _revoked,
]


def _press(client, action, typed, page):
    """Press a shown action as the browser would; a link that opens a form (the slaughter
    entry) is followed and that form's own button pressed."""
    name, method, url, fields = action
    url = url or page  # a form without an action posts to its page
    if method == "post":  # what the form shows filled stays; the empty inputs are typed in
        return client.post(url, {**typed, **{k: v for k, v in fields.items() if v}})
    response = client.get(url)
    if response["Content-Type"].startswith("text/html"):
        inner = [a for a in shown_actions(response.content.decode()) if a[0] == name]
        if inner:
            return _press(client, inner[0], typed, url)
    return response


@pytest.mark.parametrize("state", STATES, ids=lambda f: f.__name__.strip("_"))
def test_every_role_sees_exactly_the_buttons_it_may_press(client, tagged, farm, state):
    obj = state(tagged, farm)
    seen = set()
    for username in PERSONA_NAMES:
        user = getattr(tagged, username)
        client.force_login(user)
        response = client.get(_page(obj))
        if response.status_code in {403, 404}:
            continue  # a role that does not follow quarantine, or outside its reach
        assert response.status_code == 200, username
        shown = sorted(a[0] for a in shown_actions(response.content.decode()))
        expected = sorted(available_actions(user, _fresh(obj)).names)
        assert shown == expected, username
        seen.add(username)
    assert {"vet_longquan", "farmer_longquan", "county_supervisor"} <= seen


# (state, who, action, what the object looks like afterwards)
PRESSES = [
    (_declared, "vet_longquan", "accept", "accepted"),
    (_declared, "vet_longquan", "reject", "rejected"),
    (_accepted, "vet_longquan", "pass", "certified"),
    (_accepted, "vet_longquan", "fail", "failed"),
    (_valid, "slaughterhouse", "arrival", "arrived"),
    (_expired, "slaughterhouse", "arrival", "arrived"),
    (_to_a_farm, "farmer_longquan", "arrival", "arrived"),
    (_to_a_farm, "station_longquan", "arrival", "arrived"),
    (_valid, "slaughterhouse", "slaughter", "slaughtered"),
    (_arrived, "slaughterhouse", "slaughter", "slaughtered"),
    (_valid, "vet_longquan", "revoke", "revoked"),
    (_expired, "vet_longquan", "revoke", "revoked"),
    (_valid, "farmer_longquan", "print", "valid"),
    (_slaughtered, "cdc", "print", "slaughtered"),
]


@pytest.mark.parametrize(
    ("state", "username", "name", "after"),
    PRESSES,
    ids=[f"{s.__name__.strip('_')}-{u}-{n}" for s, u, n, _a in PRESSES],
)
def test_each_shown_button_works(client, tagged, farm, state, username, name, after):
    obj = state(tagged, farm)
    client.force_login(getattr(tagged, username))
    typed = {**TYPED, "ear_tags": "\n".join(getattr(obj, "ear_tags", []))}
    actions = [a for a in shown_actions(client.get(_page(obj)).content.decode()) if a[0] == name]
    assert actions, f"{username} is not shown {name}"
    response = _press(client, actions[0], typed, _page(obj))
    assert response.status_code in {200, 302}, response.content[:500]
    assert b'role="alert"' not in response.content  # no refusal shown on the page
    fresh = _fresh(obj)
    assert (fresh.status if isinstance(obj, Declaration) else fresh.stage) == after


def test_a_page_links_only_to_what_its_reader_may_open(client, tagged, certificate):
    """A vaccinator follows the declarations it helps with, not the certificates; a
    slaughterhouse the certificates, not the declarations."""
    client.force_login(tagged.vaccinator_longquan)
    page = client.get(f"/quarantine/declarations/{certificate.declaration_id}/").content.decode()
    assert certificate.number not in page
    assert client.get(f"/quarantine/certificates/{certificate.number}/").status_code == 403
    listing = client.get("/quarantine/declarations/").content.decode()
    assert 'href="/quarantine/certificates/' not in listing
    # The slaughterhouse takes the certificate, not the declaration behind it.
    client.force_login(tagged.slaughterhouse)
    page = client.get(f"/quarantine/certificates/{certificate.number}/").content.decode()
    declaration_page = f"/quarantine/declarations/{certificate.declaration_id}/"
    assert declaration_page not in page
    assert client.get(declaration_page).status_code == 403


def test_the_quarantine_templates_carry_no_inline_style():
    """The Content-Security-Policy allows styles only from our static files: a <style> block
    would be dropped by the browser (the pages' layout lives in quarantine.css)."""
    templates = Path(__file__).resolve().parents[2] / "src/smartvet/quarantine/templates"
    inline = [path.name for path in templates.rglob("*.html") if "<style" in path.read_text()]
    assert inline == []
