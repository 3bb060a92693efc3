"""A county edits its policy in labelled inputs, never as JSON (issue 10 point 10): the form
shows the stored policy, sent untouched it changes nothing, each change lands in the rules
(version + 1, one ledger event), bad values are refused by the input that typed them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from smartvet.core.models import LedgerEvent
from smartvet.core.species import CATEGORIES
from smartvet.subsidy.models import SubsidyPolicy

CJK = re.compile(r"[\u3400-\u9fff]")


class FormReader(HTMLParser):
    """The page's own POST form (the one without an action: it posts to the page) as a
    browser would send it untouched, and what labels each input: a <label for>, a wrapping
    <label> or an aria-label."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self.inputs: dict[str, str] = {}  # name -> id
        self.aria: dict[str, str] = {}
        self.label_for: dict[str, str] = {}  # id -> label text
        self.wrapped: dict[str, str] = {}  # name -> text of the label around it
        self.textareas: list[str] = []
        self._labels: list[dict] = []
        self._select: str | None = None
        self._option: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post" and not attrs.get("action"):
            self._in_form = True
        if tag == "label":
            self._labels.append({"for": attrs.get("for"), "text": "", "names": []})
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag in {"input", "select", "textarea"} and name and name != "csrfmiddlewaretoken":
            self.inputs[name] = attrs.get("id", "")
            if attrs.get("aria-label"):
                self.aria[name] = attrs["aria-label"]
            for label in self._labels:
                label["names"].append(name)
        if tag == "textarea":
            self.textareas.append(name)
        if tag == "input" and name and attrs.get("type") not in {"submit", "button"}:
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            else:
                self.values.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select, self._option = name, None
        elif tag == "option" and self._select and (self._option is None or "selected" in attrs):
            self._option = attrs.get("value", "")

    def handle_data(self, data):
        for label in self._labels:
            label["text"] += data.strip()

    def handle_endtag(self, tag):
        if tag == "label" and self._labels:
            label = self._labels.pop()
            if label["for"]:
                self.label_for[label["for"]] = label["text"]
            for name in label["names"]:
                self.wrapped.setdefault(name, label["text"])
        elif tag == "select" and self._select:
            self.values.append((self._select, self._option or ""))
            self._select = None
        elif tag == "form":
            self._in_form = False

    def label_of(self, name: str) -> str:
        return (
            self.label_for.get(self.inputs.get(name, ""))
            or self.aria.get(name)
            or self.wrapped.get(name, "")
        )


def read_form(response) -> FormReader:
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader


def as_post(values: list[tuple[str, str]], **changes) -> dict[str, list[str]]:
    """The form's values (repeated names as lists), with `changes` replacing whole inputs."""
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def problem_after(html: str, name: str) -> str:
    """The problem shown right after the input `name` (no other input in between)."""
    after = html[html.index(f'name="{name}"') :]
    found = re.search(r'<p class="error small">(.*?)</p>', after)
    assert found, f"no problem shown after {name}"
    assert set(re.findall(r'name="([^"]+)"', after[: found.start()])) == {name}
    return found[1]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_url(policy) -> str:
    return f"/subsidy/policies/{policy.pk}/edit/"


def test_the_list_links_to_a_labelled_form_and_shows_no_json(personas, policy):
    listing = client_for(personas.bureau).get("/subsidy/policies/").content.decode()
    assert "<textarea" not in listing and '"rates"' not in listing
    assert edit_url(policy) in listing
    assert "能繁母猪 18.00元/头（按存栏数）" in listing and "jiyuan-2024" not in listing


def test_every_value_of_the_policy_has_its_own_labelled_input(personas, policy):
    response = client_for(personas.bureau).get(edit_url(policy))
    assert response.status_code == 200
    form = read_form(response)
    assert form.textareas == []
    values = dict(form.values)
    assert values["budget"] == "600000.00"
    assert values["antibody_pass_percent"] == "70"
    assert values["publicity_working_days"] == "5"
    assert values["rates__sow__rate"] == "18.00" and values["rates__sow__basis"] == "stock"
    assert values["rates__fattening_pig__basis"] == "quarantined"
    assert values["rates__breeding_boar__rate"] == ""  # no rate in seed 003: not subsidised
    assert values["groups__pig__stock"] == "300" and values["groups__pig__output"] == "500"
    assert values["groups__dairy_cattle__output"] == ""  # no output line
    assert values["large_farm__poultry__stock"] == "50000"
    ticked = [value for name, value in form.values if name == "groups__layer__categories"]
    assert ticked == ["layer", "duck", "goose"]
    for category in CATEGORIES:
        assert f"rates__{category}__rate" in form.inputs
    for name in form.inputs:
        label = form.label_of(name)
        assert CJK.search(label), f"{name} has no Chinese label"
        assert "_" not in label and name not in label


def test_the_form_sent_untouched_changes_nothing(personas, policy):
    client = client_for(personas.bureau)
    form = read_form(client.get(edit_url(policy)))
    response = client.post(edit_url(policy), as_post(form.values))
    assert response.status_code == 302
    stored = SubsidyPolicy.objects.get(pk=policy.pk)
    assert stored.version == policy.version and stored.rules == policy.rules


def test_each_change_lands_in_the_rules_with_a_new_version(personas, policy):
    client = client_for(personas.bureau)
    form = read_form(client.get(edit_url(policy)))
    response = client.post(
        edit_url(policy),
        as_post(
            form.values,
            name="夷陵区先打后补（修订）",
            budget="450000",
            antibody_pass_percent="72.5",
            rates__sow__rate="20",
            rates__fattening_pig__basis="stock",
            rates__goose__rate="",
            rates__breeding_boar__rate="5.50",
            rates__breeding_boar__basis="stock",
            groups__pig__stock="250",
            groups__pig__output="",
            groups__layer__categories=["layer", "duck"],
            large_farm__pig__stock="4000",
        ),
    )
    assert response.status_code == 302
    stored = SubsidyPolicy.objects.get(pk=policy.pk)
    rules = stored.rules
    assert stored.version == policy.version + 1 and stored.name == "夷陵区先打后补（修订）"
    assert rules["budget"] == "450000.00" and rules["antibody_pass_rate"] == "0.725"
    assert rules["rates"]["sow"] == {"rate": "20.00", "basis": "stock"}
    assert rules["rates"]["fattening_pig"]["basis"] == "stock"
    assert rules["rates"]["breeding_boar"] == {"rate": "5.50", "basis": "stock"}
    assert "goose" not in rules["rates"]
    assert rules["groups"]["pig"] == {
        "categories": ["sow", "fattening_pig", "breeding_boar"],
        "stock": 250,
        "output": None,
    }
    assert rules["groups"]["layer"]["categories"] == ["layer", "duck"]
    assert rules["large_farm"]["pig"]["stock"] == 4000
    assert rules["cycle_start"] == policy.rules["cycle_start"]
    rules_policy = stored.as_policy()  # the calculation reads what the form wrote
    assert rules_policy.rates["sow"].rate == 20 and rules_policy.groups[0].output is None
    event = LedgerEvent.objects.filter(action="subsidy.policy_updated").latest("seq")
    assert event.summary["version"] == [policy.version, policy.version + 1]


@pytest.mark.parametrize(
    ("changes", "input_name", "message"),
    [
        ({"budget": "-1"}, "budget", "不能小于0"),
        ({"budget": ""}, "budget", "必须填写"),
        ({"rates__sow__rate": "很多"}, "rates__sow__rate", "必须是数字"),
        ({"groups__pig__stock": "-5"}, "groups__pig__stock", "不能小于0"),
        ({"groups__sheep__categories": []}, "groups__sheep__categories", "规模标准"),
        ({"publicity_working_days": "0"}, "publicity_working_days", "不能小于1"),
        ({"antibody_pass_percent": "120"}, "antibody_pass_percent", "不能大于100"),
        ({"cycle_end": "2000-01-01"}, "cycle_end", "补助周期的结束日期早于开始日期"),
        ({"payment_deadline": "明年"}, "payment_deadline", "日期格式应为 年-月-日"),
    ],
)
def test_a_bad_value_is_refused_by_its_input_and_nothing_is_saved(
    personas, policy, changes, input_name, message
):
    client = client_for(personas.bureau)
    form = read_form(client.get(edit_url(policy)))
    response = client.post(edit_url(policy), as_post(form.values, **changes))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in problem_after(html, input_name)
    # What was typed stays in the form, to be corrected.
    typed = [value for name, value in read_form(response).values if name == input_name]
    expected = changes[input_name]
    assert typed == (expected if isinstance(expected, list) else [expected])
    assert "VALIDATION_ERROR" not in html and "rates.sow" not in html
    stored = SubsidyPolicy.objects.get(pk=policy.pk)
    assert stored.version == policy.version and stored.rules == policy.rules


def test_only_the_county_that_keeps_the_policy_opens_its_form(personas, policy):
    assert client_for(personas.jiyuan_bureau).get(edit_url(policy)).status_code == 404
    assert client_for(personas.farmer_longquan).get(edit_url(policy)).status_code == 403
    shipped = SubsidyPolicy.objects.get(code="jiyuan-2024")
    assert client_for(personas.bureau).get(edit_url(shipped)).status_code == 404
    listing = client_for(personas.bureau).get("/subsidy/policies/").content.decode()
    assert edit_url(shipped) not in listing
    response = client_for(personas.jiyuan_bureau).post(edit_url(policy), {"budget": "1"})
    assert response.status_code == 404


def test_a_county_copies_a_policy_for_itself_without_typing_its_region(personas):
    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    client = client_for(personas.bureau)
    page = client.get("/subsidy/policies/").content.decode()
    assert 'name="region"' not in page and "适用区划：夷陵区" in page
    response = client.post(
        "/subsidy/policies/",
        {"source": source.pk, "code": "yiling-2027", "name": "夷陵区2027", "shift_years": "3"},
    )
    copy = SubsidyPolicy.objects.get(code="yiling-2027")
    assert response.status_code == 302 and response["Location"] == edit_url(copy)
    assert copy.region_id == "420506" and copy.rules["cycle_start"] == "2027-03-11"
