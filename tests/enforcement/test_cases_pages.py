"""The case pages show exactly the actions the workflow gives the reader, and a refusal on a
page keeps what was typed and changes nothing."""

import pytest
from django.test import Client

from smartvet.core.access import available_actions
from smartvet.core.models import LedgerEvent
from smartvet.enforcement.models import Case
from smartvet.enforcement.views.cases import _who
from tests.enforcement.case_factories import open_by_hand
from tests.enforcement.vehicle_factories import register
from tests.support.personas import PASSWORD


def _client(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _buttons(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-action="([a-z_]+)"', html))


@pytest.mark.parametrize("username", ["bureau", "checkpoint", "county_supervisor"])
def test_a_case_page_shows_the_workflows_actions(personas, username):
    case = open_by_hand(personas.bureau)
    page = _client(username).get(f"/enforcement/cases/{case.pk}/")
    assert page.status_code == 200
    assert _buttons(page.content.decode()) == set(
        available_actions(getattr(personas, username), case).names
    )


def test_another_countys_case_is_not_found_and_a_farmer_is_refused(personas):
    case = open_by_hand(personas.bureau)
    assert _client("jiyuan_supervisor").get(f"/enforcement/cases/{case.pk}/").status_code == 404
    assert _client("farmer_longquan").get("/enforcement/").status_code == 403


def test_a_refused_decision_keeps_the_reasons_typed(personas):
    case = open_by_hand(personas.bureau)
    client = _client("bureau")
    client.post(f"/enforcement/cases/{case.pk}/investigate/")
    page = client.post(
        f"/enforcement/cases/{case.pk}/decide/",
        {"decision": "fine", "amount": "", "reasons": "运输未备案车辆"},
    )
    assert page.status_code == 422
    assert "罚款须填写金额" in page.content.decode() and "运输未备案车辆" in page.content.decode()
    assert Case.objects.get().status == "investigating"


def test_the_registers_search_and_export(personas):
    register(personas.county_supervisor, "鄂E·A1234")
    register(personas.county_supervisor, "鄂E·B5678", owner_name="李贩运")
    client = _client("checkpoint")
    page = client.get("/enforcement/vehicles/?q=鄂e b5678").content.decode()
    assert "鄂EB5678" in page and "鄂EA1234" not in page and "13907179999" not in page
    export = client.get("/enforcement/vehicles/export.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")
    assert client.get("/enforcement/cases/export.xlsx").status_code == 200
    assert client.get("/enforcement/dealers/").status_code == 200


def test_the_timeline_names_people_not_accounts(personas):
    """办案经过 reads as the rest of the platform: who acted by name, with the role and the
    organisation they acted for — never the login."""
    case = open_by_hand(personas.bureau)
    client = _client("bureau")
    client.post(f"/enforcement/cases/{case.pk}/investigate/")
    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    timeline = html[html.index('data-testid="timeline"') :]
    who = personas.bureau
    assert timeline.count(f'data-testid="who">{who.display_name}<') == 2
    assert ">bureau<" not in timeline and " bureau " not in timeline


def test_a_person_is_named_with_what_the_name_does_not_say(personas):
    """李官方兽医 acted as an official vet of 龙泉镇's station: the organisation is added, the
    role the name already says is not; a station named after itself needs nothing added."""
    vet, station = personas.vet_longquan, personas.station_longquan
    assert _who(LedgerEvent(actor=vet, role=vet.role)) == ("李官方兽医", "龙泉镇畜牧兽医站")
    assert _who(LedgerEvent(actor=station, role=station.role)) == ("龙泉镇畜牧兽医站", "")
    assert _who(LedgerEvent(actor=None, role=""))[0] == "系统"
