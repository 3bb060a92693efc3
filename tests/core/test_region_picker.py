"""Regions are picked by name, level by level, within the user's reach (issue 10 point 6)."""

from __future__ import annotations

from django import forms

from smartvet.core.forms import RegionField


class FarmPlace(forms.Form):
    region = RegionField(label="所在地")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(user)


def test_a_county_user_picks_a_township_by_name_then_a_village(county_supervisor):
    html = str(FarmPlace(user=county_supervisor)["region"])
    assert "龙泉镇" in html and "鸦鹊岭镇" in html
    assert 'name="region__township"' in html and 'name="region__village"' in html


def test_the_chosen_village_is_shown_again_and_is_the_value(county_supervisor):
    form = FarmPlace(
        {"region__township": "420506107", "region__village": "420506107201"},
        user=county_supervisor,
    )
    assert form.is_valid() and form.cleaned_data["region"] == "420506107201"
    html = str(FarmPlace(initial={"region": "420506107201"}, user=county_supervisor)["region"])
    assert 'value="420506107201" selected' in html


def test_a_township_without_a_village_names_the_township(station_longquan):
    form = FarmPlace({"region__village": "", "region__township": ""}, user=station_longquan)
    assert not form.is_valid()
    html = str(FarmPlace(user=station_longquan)["region"])
    assert 'name="region__township"' not in html  # a station lives in its township already
    assert 'name="region__village"' in html


def test_options_are_the_children_within_reach(client, station_longquan):
    client.force_login(station_longquan)
    villages = client.get("/regions/options/", {"parent": "420506107"}).json()["options"]
    assert villages and all(option["code"].startswith("420506107") for option in villages)
    assert client.get("/regions/options/", {"parent": "420506108"}).json()["options"] == []
