"""The registry's pages as their users meet them (issue 10): the farm's place is picked by
name (point 6), nothing shows a field's code name (point 7), the stock form starts today
(point 11)."""

from __future__ import annotations

import re

from django.utils import timezone

from smartvet.core import services as core_services
from smartvet.registry.models import Farm
from tests.support.factories import LONGQUAN_VILLAGE, make_farm


def _select(html: str, name: str) -> str:
    match = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select {name}"
    return match.group(1)


def test_the_farm_form_picks_the_village_by_name(client, station_longquan):
    client.force_login(station_longquan)
    html = client.get("/farms/new/").content.decode()
    assert 'name="region"' not in html  # no code to type
    villages = _select(html, "region__village")
    assert "龙泉一村" in villages and 'value="420506107201"' in villages
    response = client.post(
        "/farms/new/",
        {
            "name": "选村登记场",
            "kind": "household",
            "region__village": "420506107202",
            "phone": "13907171111",
            "address": "龙泉二村4组",
            "stock_sow": "4",
        },
    )
    assert response.status_code == 302
    assert Farm.objects.get(name="选村登记场").region_id == "420506107202"


def test_a_county_picks_a_township_then_a_village_and_sees_its_choice_again(
    client, county_supervisor
):
    farm = make_farm(county_supervisor, region="420506108201")
    client.force_login(county_supervisor)
    html = client.get(f"/farms/{farm.pk}/edit/").content.decode()
    assert 'value="420506108" selected' in _select(html, "region__township")
    assert 'value="420506108201" selected' in _select(html, "region__village")
    response = client.post(
        f"/farms/{farm.pk}/edit/",
        {
            "name": farm.name,
            "kind": "scale",
            "region__township": "420506107",
            "region__village": LONGQUAN_VILLAGE,
        },
    )
    assert response.status_code == 302
    assert Farm.objects.get(pk=farm.pk).region_id == LONGQUAN_VILLAGE


def test_a_farmer_of_one_village_registers_in_it_without_picking(client, station_longquan):
    """A farmer the station enrolled lives in the farm's village: nothing left to pick."""
    farm = make_farm(station_longquan, phone="13907176666")
    farmer = farm.owner
    core_services.activate_account(
        code=core_services.activation_code_for(farmer), password="x-Pigs-2026"
    )
    farmer.refresh_from_db()
    client.force_login(farmer)
    html = client.get("/farms/new/").content.decode()
    assert "龙泉一村" in _select(html, "region")
    response = client.post(
        "/farms/new/",
        {"name": "第二个场", "kind": "household", "region": LONGQUAN_VILLAGE},
    )
    assert response.status_code == 302
    assert Farm.objects.get(name="第二个场").owner == farmer


def test_missing_fields_are_named_in_words(client, station_longquan):
    farm = make_farm(station_longquan, phone="", address="", stock={})
    client.force_login(station_longquan)
    html = client.get(f"/farms/{farm.pk}/").content.decode()
    assert "缺少联系电话、地址、饲养品种、存栏数量" in html
    assert not re.search(r"<code>(phone|address|species|stock)</code>", html)


def test_the_stock_form_starts_with_today(client, station_longquan):
    farm = make_farm(station_longquan)
    client.force_login(station_longquan)
    today = timezone.localdate().isoformat()
    for page in (f"/farms/{farm.pk}/", f"/farms/{farm.pk}/stock/"):
        html = client.get(page).content.decode()
        assert re.search(rf'<input type="date" name="date" value="{today}"', html), page
