"""The policy forms (issue 10 point 10): a county edits its 先打后补 policy in labelled inputs,
never as JSON. The forms only draw the inputs (labels, choices, limits, the values as stored
or as typed); what is typed is checked once, by the command built with `policy_command`
(commands.EditPolicy), and as a whole by the service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions
from smartvet.core.commands import max_length, parse
from smartvet.core.forms import RegionField
from smartvet.core.species import CATEGORIES, category_choices
from smartvet.subsidy import calc, commands, words
from smartvet.subsidy.models import SubsidyPolicy

SEP = "__"  # input names spell the command's field path: rates__sow__rate
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
GENERAL = ("budget", "publicity_working_days", "antibody_pass_percent")
PLAIN = ("name", *GENERAL)
DATES = ("cycle_start", "cycle_end", "qualification_deadline", "payment_deadline")
# A problem the service finds in the stored form of a value, shown by the input that typed it.
STORED_AS = {"antibody_pass_rate": "antibody_pass_percent"}


def input_name(*path: str) -> str:
    return SEP.join(path)


def _amount(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=calc.MAX_BUDGET,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _threshold(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=0, max_value=calc.MAX_COUNT)


def _categories() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("计入的品种类别"),
        choices=category_choices(),
        widget=forms.CheckboxSelectMultiple,
    )


class PolicyForm(forms.Form):
    name = forms.CharField(label=_("政策名称"), max_length=max_length(SubsidyPolicy, "name"))
    budget = _amount(_("年度补助总额（元）"))
    publicity_working_days = forms.IntegerField(
        label=_("公示期（工作日）"), min_value=1, max_value=30
    )
    antibody_pass_percent = forms.DecimalField(
        label=_("抗体合格率标准（%）"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    cycle_start = forms.DateField(label=_("补助周期开始"), widget=DATE)
    cycle_end = forms.DateField(label=_("补助周期结束"), widget=DATE)
    qualification_deadline = forms.DateField(label=_("资质申请截止"), widget=DATE)
    payment_deadline = forms.DateField(label=_("拨付期限"), widget=DATE)

    def __init__(
        self,
        policy: SubsidyPolicy,
        *,
        posted: Any = None,
        problems: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(initial=_typed(posted) if posted is not None else _stored(policy))
        self.stored = stored = policy.rules
        self.group_names = list(stored.get("groups", {}))
        self.large_names = list(stored.get("large_farm", {}))
        self.problems = dict(problems or {})
        # The page names the category once per row; each input still says what it is.
        for category in CATEGORIES:
            named = {"category": words.category(category), "unit": words.unit(category)}
            rate = self.fields[input_name("rates", category, "rate")] = _amount(
                _("%(category)s补助标准（元/%(unit)s，不填为不补助）") % named, required=False
            )
            rate.widget.attrs["aria-label"] = rate.label
            basis_label = _("%(category)s计数依据") % named
            self.fields[input_name("rates", category, "basis")] = forms.ChoiceField(
                label=basis_label,
                choices=list(words.BASIS_LABELS.items()),
                widget=forms.Select(attrs={"aria-label": basis_label}),
            )
        for name in self.group_names:
            unit = words.group_unit(stored["groups"][name]["categories"])
            self.fields[input_name("groups", name, "stock")] = _threshold(
                _("存栏不少于（%(unit)s）") % {"unit": unit}
            )
            self.fields[input_name("groups", name, "output")] = _threshold(
                _("或年出栏不少于（%(unit)s，不填为无出栏标准）") % {"unit": unit},
                required=False,
            )
            self.fields[input_name("groups", name, "categories")] = _categories()
        for name in self.large_names:
            unit = words.group_unit(stored["large_farm"][name]["categories"])
            self.fields[input_name("large_farm", name, "stock")] = _threshold(
                _("存栏达到（%(unit)s）") % {"unit": unit}
            )
            self.fields[input_name("large_farm", name, "categories")] = _categories()

    def _input(self, name: str) -> dict[str, Any]:
        return {"field": self[name], "problem": self.problems.get(name, "")}

    def name_input(self) -> dict[str, Any]:
        return self._input("name")

    def general(self) -> list[dict[str, Any]]:
        return [self._input(name) for name in GENERAL]

    def dates(self) -> list[dict[str, Any]]:
        return [self._input(name) for name in DATES]

    def rates(self) -> list[dict[str, Any]]:
        """Per category: its name, the rate and what it is counted by."""
        return [
            {
                "label": words.category(category),
                "unit": words.unit(category),
                "rate": self._input(input_name("rates", category, "rate")),
                "basis": self._input(input_name("rates", category, "basis")),
            }
            for category in CATEGORIES
        ]

    def _lines(self, kind: str, names: list[str], parts: tuple[str, ...]) -> list[dict[str, Any]]:
        return [
            {
                "label": words.group(self.stored[kind][name]["categories"]),
                "inputs": [self._input(input_name(kind, name, part)) for part in parts],
                "categories": self._input(input_name(kind, name, "categories")),
            }
            for name in names
        ]

    def scale_lines(self) -> list[dict[str, Any]]:
        return self._lines("groups", self.group_names, ("stock", "output"))

    def large_farms(self) -> list[dict[str, Any]]:
        return self._lines("large_farm", self.large_names, ("stock",))

    def unplaced(self) -> list[str]:
        """Problems that belong to no input of the form (shown above it)."""
        return [message for name, message in self.problems.items() if name not in self.fields]


def _stored(policy: SubsidyPolicy) -> dict[str, Any]:
    """The inputs' first values: the policy as stored."""
    rules = policy.rules
    values: dict[str, Any] = {
        "name": policy.name,
        "budget": rules.get("budget"),
        "publicity_working_days": rules.get("publicity_working_days"),
        "antibody_pass_percent": commands.percent(rules.get("antibody_pass_rate", "0")),
        **{name: rules.get(name) for name in DATES},
    }
    for category in CATEGORIES:
        rate = rules.get("rates", {}).get(category)
        values[input_name("rates", category, "rate")] = rate["rate"] if rate else ""
        values[input_name("rates", category, "basis")] = rate["basis"] if rate else "stock"
    for kind in ("groups", "large_farm"):
        for name, line in rules.get(kind, {}).items():
            for part, value in line.items():
                values[input_name(kind, name, part)] = value
    return values


def _typed(posted: Any) -> dict[str, Any]:
    """The inputs' values as the user typed them (after a refusal), ticked boxes as lists."""
    return {
        name: posted.getlist(name) if name.endswith(SEP + "categories") else posted.get(name)
        for name in posted
    }


def _line(posted: Any, kind: str, name: str, parts: tuple[str, ...]) -> dict[str, Any]:
    line: dict[str, Any] = {"categories": posted.getlist(input_name(kind, name, "categories"))}
    for part in parts:
        value = posted.get(input_name(kind, name, part), "").strip()
        if value:
            line[part] = value
    return line


def policy_command(posted: Any, policy: SubsidyPolicy) -> commands.EditPolicy:
    """The command from the form as sent: an empty input is left out (a required one then
    answers "必须填写"); an empty rate means the category is not subsidised. The scale groups
    are the policy's own."""
    data: dict[str, Any] = {
        name: posted.get(name).strip()
        for name in (*PLAIN, *DATES)
        if (posted.get(name) or "").strip()
    }
    data["rates"] = {
        category: {
            "rate": posted.get(input_name("rates", category, "rate")).strip(),
            "basis": posted.get(input_name("rates", category, "basis"), ""),
        }
        for category in CATEGORIES
        if (posted.get(input_name("rates", category, "rate")) or "").strip()
    }
    data["groups"] = {
        name: _line(posted, "groups", name, ("stock", "output"))
        for name in policy.rules.get("groups", {})
    }
    data["large_farm"] = {
        name: _line(posted, "large_farm", name, ("stock",))
        for name in policy.rules.get("large_farm", {})
    }
    return parse(commands.EditPolicy, data)


def problems_by_input(details: list[dict[str, Any]]) -> dict[str, str]:
    """A refusal's details keyed by the input that typed the value ("rates.sow.rate" ->
    "rates__sow__rate"; an item of a list belongs to the list's input)."""
    found: dict[str, str] = {}
    for detail in details:
        path = [part for part in str(detail.get("field") or "").split(".") if part]
        if path and path[-1].isdigit():
            path = path[:-1]
        name = STORED_AS.get(input_name(*path), input_name(*path)) if path else ""
        found.setdefault(name, str(detail.get("message", "")))
    return found


class CopyPolicyForm(forms.Form):
    """A county copies a policy as its own. The region is picked below the user's home (a
    county's bureau copies for its own county: nothing to pick)."""

    source = forms.ChoiceField(label=_("来源政策"))
    code = forms.SlugField(
        label=_("新政策编号（小写字母、数字、连字符，用于公开名单的链接）"),
        max_length=max_length(SubsidyPolicy, "code"),
    )
    name = forms.CharField(label=_("政策名称"), max_length=max_length(SubsidyPolicy, "name"))
    region = RegionField(label=_("适用区划"), lowest="county", required=False)
    shift_years = forms.IntegerField(
        label=_("日期平移年数（如由上年度政策复制为本年度填1）"),
        min_value=-5,
        max_value=5,
        initial=0,
    )

    def __init__(self, user: Any, sources: list[SubsidyPolicy], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fields["source"].choices = [(item.pk, item.name) for item in sources]
        self.fields["region"].for_user(user)
        # Below a county there is no region a policy may apply to: the home county it is.
        self.region_fixed = regions.level_of(user.region_id) == "county"


def copy_command(posted: Any, user: Any) -> commands.CopyPolicy:
    """The command from the copy form; no region picked: the user's own."""
    region = CopyPolicyForm(user, [], data=posted)["region"].value() or user.region_id
    data = {
        name: posted.get(name)
        for name in ("code", "name", "shift_years")
        if (posted.get(name) or "").strip()
    }
    return parse(commands.CopyPolicy, {**data, "region": region})
