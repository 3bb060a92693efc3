"""Destinations are picked, not typed (issue 10 points 5 and 6): a 定点屠宰场 among the
registered ones, so one slaughterhouse is one place in the trace; a farm by the 14-digit code
on its card or by its name, never its internal id; a market by a picked township."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.errors import DomainError
from smartvet.quarantine import queries
from smartvet.quarantine.models import Declaration
from tests.quarantine import factories
from tests.support.factories import make_farm


def _form(**destination):
    return {
        "category": "fattening_pig",
        "quantity": "2",
        "purpose": "rearing",
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "transport_mode": "road",
        "ear_tags": "1-420506-00000001\n1-420506-00000002",
        **destination,
    }


def _declare_on_the_page(client, farm, **destination):
    response = client.post(f"/quarantine/farms/{farm.pk}/declare/", _form(**destination))
    return response, Declaration.objects.order_by("-pk").first()


def test_a_slaughterhouse_is_picked_among_the_registered_ones(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    page = client.get(f"/quarantine/farms/{farm.pk}/declare/").content.decode()
    assert (
        '<option value="slaughterhouse">夷陵区定点屠宰场（湖北省 宜昌市 夷陵区）</option>' in page
    )
    assert 'name="destination_region"' not in page  # a region is picked, never typed as a code
    response, declaration = _declare_on_the_page(
        client, farm, destination_kind="slaughterhouse", destination_slaughterhouse="slaughterhouse"
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert declaration.destination_region_id == "420506"
    assert declaration.destination_place == "夷陵区定点屠宰场"
    assert declaration.destination_kind == "slaughterhouse"


def test_one_slaughterhouse_is_one_place_in_the_trace(api, tagged, farm):
    picked = factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    body = {
        "farm": farm.pk,
        "category": "fattening_pig",
        "quantity": 2,
        "purpose": "slaughter",
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "ear_tags": factories.tags(3, 2),
        "destination": {"region": "420506", "place": "夷陵定点屠宰场", "kind": "slaughterhouse"},
    }
    farmer = api(tagged.farmer_longquan)
    misspelled = farmer.post("/api/v1/declarations", body)
    assert misspelled.status_code == 422
    assert misspelled.json()["error"]["details"][0]["field"] == "destination.slaughterhouse"
    body["destination"]["place"] = "夷陵区定点屠宰场"  # as registered
    typed = Declaration.objects.get(pk=farmer.post("/api/v1/declarations", body).json()["id"])
    for declaration in (picked, typed):
        factories.certify(tagged, declaration)
    visit = queries.farm_movements(tagged.vet_longquan, farm.pk)["visit"]
    assert [(place["name"], place["region"]) for place in visit] == [("夷陵区定点屠宰场", "420506")]


def test_a_destination_farm_is_named_by_the_code_on_its_card(client, tagged, farm):
    """A farm of another township, outside the farmer's reach: its card's code names it."""
    elsewhere = make_farm(tagged.station_yaqueling, region="420506108201")
    client.force_login(tagged.farmer_longquan)
    response, declaration = _declare_on_the_page(
        client, farm, destination_kind="farm", destination_farm_code=elsewhere.code
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert declaration.destination_farm == elsewhere
    assert declaration.destination_region_id == elsewhere.region_id
    assert declaration.destination_place == elsewhere.name


def test_a_destination_farm_is_named_by_its_name_within_reach(client, tagged, farm):
    own = make_farm(tagged.farmer_longquan, name="建国二场", stock={"fattening_pig": 5})
    client.force_login(tagged.farmer_longquan)
    response, declaration = _declare_on_the_page(
        client, farm, destination_kind="farm", destination_farm_code="建国二场"
    )
    assert response.status_code == 302 and declaration.destination_farm == own


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("测试养殖场", "不止一个，请填写编码"),
        ("没有这个场", "没有编码或名称为“没有这个场”的养殖场户"),
        ("42050610799999", "到达养殖场户不存在：请核对养殖场编码"),
    ],
)
def test_a_farm_that_cannot_be_told_apart_is_refused_in_words(client, tagged, farm, typed, message):
    make_farm(tagged.farmer_longquan)  # a second 测试养殖场…
    client.force_login(tagged.farmer_longquan)
    response, declaration = _declare_on_the_page(
        client, farm, destination_kind="farm", destination_farm_code=typed
    )
    assert response.status_code == 422 and declaration is None
    assert message in response.content.decode()


def test_a_market_is_named_by_a_picked_township_and_its_name(client, tagged, farm):
    client.force_login(tagged.farmer_longquan)
    response, declaration = _declare_on_the_page(
        client,
        farm,
        destination_kind="market",
        destination_region__township="420506108",
        destination_place="鸦鹊岭镇活畜交易市场",
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert declaration.destination_region_id == "420506108"
    assert declaration.destination_kind == "market"


def test_an_api_client_names_a_destination_farm_by_its_code(api, tagged, farm):
    receiving = make_farm(tagged.farmer_longquan, stock={"fattening_pig": 5})
    body = {
        "farm": farm.pk,
        "category": "fattening_pig",
        "quantity": 2,
        "purpose": "rearing",
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "ear_tags": factories.tags(1, 2),
        "destination": {"farm_code": receiving.code},
    }
    response = api(tagged.farmer_longquan).post("/api/v1/declarations", body)
    assert response.status_code == 201, response.content
    destination = response.json()["destination"]
    assert destination == {
        "region": receiving.region_id,
        "place": receiving.name,
        "kind": "farm",
        "farm": receiving.pk,
    }


def test_a_destination_needs_a_place(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(
            tagged.farmer_longquan, farm, factories.tags(1, 2), destination_kind="market"
        )
    fields = [detail["field"] for detail in exc.value.details]
    assert fields == ["destination.region"]


# --- trace by farm (point 5) -------------------------------------------------------------------


def test_trace_by_farm_takes_the_code_on_the_card_or_the_name(client, tagged, certificate):
    farm = certificate.farm
    client.force_login(tagged.vet_longquan)
    for typed in (farm.code, farm.name, f" {farm.code[:7]} {farm.code[7:]} "):
        page = client.get("/quarantine/trace/", {"farm": typed, "by": "farm"}).content.decode()
        assert f"{farm.name}：去向（30天内）" in page, typed
        assert certificate.number in page
        assert f'value="{farm.code}"' in page  # the field shows the code, never the id


def test_the_farm_pages_link_still_leads_to_its_trace(client, tagged, certificate):
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/trace/", {"farm": certificate.farm_id}).content.decode()
    assert certificate.number in page and f'value="{certificate.farm.code}"' in page


def test_a_name_several_farms_share_offers_them_to_pick(client, tagged, farm):
    other = make_farm(tagged.farmer_longquan)
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/trace/", {"farm": "测试养殖场"}).content.decode()
    assert 'data-testid="farm-choices"' in page
    assert f"?farm={farm.code}" in page and f"?farm={other.code}" in page
    missing = client.get("/quarantine/trace/", {"farm": "没有这个场"})
    assert missing.status_code == 404


def test_digits_are_a_code_or_the_farm_pages_id_never_part_of_a_name(client, tagged, farm):
    """A farm named 测试养殖场1… must not answer for the id 1 of another farm."""
    named = make_farm(tagged.farmer_longquan, name=f"测试养殖场{farm.pk}")
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/trace/", {"farm": str(farm.pk)}).content.decode()
    assert f'value="{farm.code}"' in page and named.code not in page
    huge = client.get("/quarantine/trace/", {"farm": "9" * 14})
    assert huge.status_code == 404
