"""The immunization pages in the words and ways of their users (issue 10): a farm is named by
the code on its card or its name, never its id (point 5); the vaccine choice lists only the
lots for the species and disease at hand (point 11); diseases, categories and species read as
names, not codes (point 7)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from smartvet.immunization.models import AntibodyTest, VaccineLot
from tests.immunization.factories import immunize, make_lot
from tests.support.api import error_code
from tests.support.factories import make_farm

CODES = re.compile(r"\b(FMD|HPAI|PPR|BRUCELLOSIS|ECHINOCOCCOSIS|sow|beef_cattle|layer|poultry)\b")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """What a reader sees: the page without its tags and attribute values."""
    return re.sub(r"<[^>]+>", " ", html)


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def _antibody(farm_text: str) -> dict:
    return {
        "farm": farm_text,
        "disease": "FMD",
        "round": "initial",
        "sampled_on": str(timezone.localdate()),
        "samples": "20",
        "qualified": "18",
        "lab": "疾控",
        "accreditation": "CMA",
    }


class TestAFarmIsNamedByItsCodeOrName:
    def test_antibody_entry_takes_the_14_digit_code_on_the_card(self, cdc, pig_farm):
        response = _client(cdc).post("/immunization/antibody/new/", _antibody(pig_farm.code))
        assert response.status_code == 302
        assert AntibodyTest.objects.get().farm == pig_farm

    def test_or_a_name_when_one_farm_has_it(self, cdc, station_longquan, pig_farm):
        unique = make_farm(station_longquan, name="望江规模猪场")
        response = _client(cdc).post("/immunization/antibody/new/", _antibody("望江"))
        assert response.status_code == 302
        assert AntibodyTest.objects.get().farm == unique

    def test_a_name_several_farms_share_asks_for_the_code_naming_them(self, cdc, station_longquan):
        first = make_farm(station_longquan, name="同名猪场一")
        second = make_farm(station_longquan, name="同名猪场二")
        response = _client(cdc).post("/immunization/antibody/new/", _antibody("同名猪场"))
        page = response.content.decode()
        assert response.status_code == 422 and first.code in page and second.code in page
        assert not AntibodyTest.objects.exists()

    def test_the_internal_id_is_not_a_farms_name(self, cdc, station_longquan):
        farm = make_farm(station_longquan, name="没有数字的猪场")
        response = _client(cdc).post("/immunization/antibody/new/", _antibody(str(farm.pk)))
        assert response.status_code == 422 and "没有编码或名称为" in response.content.decode()

    def test_the_form_suggests_farms_by_name_and_code(self, cdc, pig_farm):
        html = _client(cdc).get("/immunization/antibody/new/").content.decode()
        assert re.search(rf'<option value="{pig_farm.code}">{pig_farm.name}</option>', html)
        assert 'list="id_farm-farms"' in html

    def test_the_sampling_list_opens_the_entry_with_the_farms_code(self, cdc, pig_farm):
        html = _client(cdc).get(f"/immunization/antibody/new/?farm={pig_farm.code}")
        assert f'value="{pig_farm.code}"' in html.content.decode()

    def test_a_self_purchased_lot_names_its_farm_by_code(self, farmer_longquan, pig_farm):
        response = _client(farmer_longquan).post(
            "/immunization/lots/new/",
            {
                "product": "猪口蹄疫O型合成肽疫苗",
                "manufacturer": "申联生物",
                "approval_number": "兽药生字1",
                "batch": "OWN1",
                "expiry": str(timezone.localdate() + timedelta(days=100)),
                "diseases": ["FMD"],
                "species": ["pig"],
                "doses": "300",
                "source": "self",
                "farm": pig_farm.code,
            },
        )
        assert response.status_code == 302
        lot = VaccineLot.objects.get(batch="OWN1")
        assert lot.farm == pig_farm and lot.species == ["pig"]

    def test_the_entry_finds_a_farm_by_its_code(self, vaccinator_longquan, pig_farm):
        html = _client(vaccinator_longquan).get("/immunization/", {"q": pig_farm.code})
        assert f"/immunization/farms/{pig_farm.pk}/entry/" in html.content.decode()


class TestTheVaccineChoice:
    """A farm keeping sows, beef cattle and layers; lots for pigs, for cattle and sheep, for
    poultry, and one that names no species."""

    def _lots(self, station):
        return {
            "pig": make_lot(station, product="猪口蹄疫O型灭活疫苗", species=["pig"]),
            "cattle": make_lot(station, product="牛羊口蹄疫疫苗", species=["cattle", "sheep"]),
            "poultry": make_lot(
                station, product="禽流感疫苗", diseases=["HPAI"], species=["poultry"]
            ),
            "any": make_lot(station, product="口蹄疫灭活疫苗"),
        }

    def _farm(self, station):
        return make_farm(station, stock={"sow": 20, "beef_cattle": 10, "layer": 500})

    def test_lists_only_the_lots_for_the_species_and_disease_at_hand(self, station_longquan):
        lots = self._lots(station_longquan)
        farm = self._farm(station_longquan)
        client = _client(station_longquan)
        url = f"/immunization/farms/{farm.pk}/entry/"
        for category, disease, offered in (
            ("sow", "FMD", {"pig", "any"}),
            ("beef_cattle", "FMD", {"cattle", "any"}),
            ("layer", "HPAI", {"poultry"}),
        ):
            html = client.get(url, {"category": category, "disease": disease}).content.decode()
            assert set(_options(html, "lot")) == {str(lots[k].pk) for k in offered}, category
            assert f'name="category" value="{category}"' in html
            assert f'name="disease" value="{disease}"' in html

    def test_the_diseases_offered_are_those_of_the_category(self, station_longquan):
        farm = self._farm(station_longquan)
        html = _client(station_longquan).get(
            f"/immunization/farms/{farm.pk}/entry/", {"category": "layer"}
        )
        assert _options(html.content.decode(), "disease") == ["HPAI"]

    def test_without_a_choice_the_first_unprotected_pair_is_at_hand(self, station_longquan):
        lots = self._lots(station_longquan)
        farm = self._farm(station_longquan)
        immunize(station_longquan, farm, lots["cattle"], category="beef_cattle", animals=10)
        html = _client(station_longquan).get(f"/immunization/farms/{farm.pk}/entry/")
        html = html.content.decode()
        assert 'name="category" value="layer"' in html  # beef cattle are protected now
        assert set(_options(html, "lot")) == {str(lots["poultry"].pk)}

    def test_recording_a_pig_vaccine_on_cattle_is_refused(self, station_longquan, api):
        lots = self._lots(station_longquan)
        farm = self._farm(station_longquan)
        response = api(station_longquan).post(
            "/api/v1/immunizations",
            {
                "farm": farm.pk,
                "date": str(timezone.localdate()),
                "category": "beef_cattle",
                "disease": "FMD",
                "lot": lots["pig"].pk,
                "animals": 5,
                "doses": 5,
            },
        )
        assert response.status_code == 422 and error_code(response) == "VACCINE_NOT_USABLE"
        assert "该批疫苗用于猪，不能用于肉牛" in response.json()["error"]["message"]

    def test_the_choice_reads_in_words(self, station_longquan):
        self._lots(station_longquan)
        farm = self._farm(station_longquan)
        html = _client(station_longquan).get(
            f"/immunization/farms/{farm.pk}/entry/", {"category": "sow", "disease": "FMD"}
        )
        text = _text(html.content.decode())
        assert "猪口蹄疫O型灭活疫苗" in text and "剩1000头份" in text
        assert not CODES.search(text), CODES.search(text)

    def test_lot_pages_show_species_and_diseases_by_name(self, station_longquan):
        lot = self._lots(station_longquan)["cattle"]
        client = _client(station_longquan)
        for page in ("/immunization/lots/", f"/immunization/lots/{lot.pk}/"):
            text = _text(client.get(page).content.decode())
            assert "口蹄疫" in text and "牛、羊" in text and not CODES.search(text), page


def test_a_refusal_on_the_entry_reads_in_words(station_longquan):
    farm = make_farm(station_longquan, stock={"sow": 5})
    lot = make_lot(station_longquan, species=["pig"])
    response = _client(station_longquan).post(
        f"/immunization/farms/{farm.pk}/entry/",
        {
            "date": str(timezone.localdate()),
            "category": "sow",
            "disease": "FMD",
            "lot": lot.pk,
            "animals": "50",
            "doses": "50",
        },
    )
    box = re.search(r'<div class="error" role="alert".*?</div>', response.content.decode(), re.S)
    assert response.status_code == 422 and box
    text = re.sub(r"<[^>]+>", "", box.group(0))
    assert text.count("免疫数量50超过该场能繁母猪存栏5") == 1  # in words, once
    assert "STOCK_INSUFFICIENT" not in text and "animals" not in text


def test_bottles_already_in_stock_are_each_named(station_longquan, api):
    make_lot(station_longquan, bottle_codes=["QR-1"])
    response = api(station_longquan).post(
        "/api/v1/vaccine-lots",
        {
            "product": "猪口蹄疫疫苗",
            "manufacturer": "中牧",
            "approval_number": "兽药生字1",
            "batch": "DUP",
            "expiry": str(timezone.localdate() + timedelta(days=100)),
            "diseases": ["FMD"],
            "doses": 100,
            "source": "tender",
            "bottle_codes": ["QR-1", "QR-2"],
        },
    )
    assert error_code(response) == "VACCINE_BOTTLE_DUPLICATE"
    assert response.json()["error"]["details"] == [
        {"code": "VACCINE_BOTTLE_DUPLICATE", "message": "瓶码QR-1已经入库", "bottle": "QR-1"}
    ]
