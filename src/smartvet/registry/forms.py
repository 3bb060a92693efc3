from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions
from smartvet.core.commands import max_length
from smartvet.core.forms import RegionField
from smartvet.core.models import User
from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS, category_choices
from smartvet.registry import queries
from smartvet.registry.models import Farm, FarmKind, StockEvent, StockEventKind

# Pages parse the registry's commands from these forms (registry.commands holds the rules);
# the fields carry the model's lengths only so a browser stops typing at the limit.


def _text(model, field: str, label=None, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label or model._meta.get_field(field).verbose_name,
        max_length=max_length(model, field),
        required=required,
    )


# An ISO date: a date input shows nothing for the locale's "2026/01/05".
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class FarmForm(forms.Form):
    """The farm's basic fields; its place picked by name within the user's reach."""

    name = _text(Farm, "name", required=True)
    kind = forms.ChoiceField(label=_("类型"), choices=FarmKind.choices)
    owner_name = _text(Farm, "owner_name")
    owner_id_number = _text(Farm, "owner_id_number")
    phone = _text(Farm, "phone")
    address = _text(Farm, "address")
    region = RegionField(label=_("所在乡镇、村"))
    epidemic_certificate_no = _text(Farm, "epidemic_certificate_no")

    def __init__(self, *args: Any, user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        home = user.region_id
        if regions.level_of(home) == "village":
            # nothing left to pick below a village: the farm is in the user's own
            self.fields["region"] = forms.ChoiceField(
                label=self.fields["region"].label, choices=[(home, region_label(home))]
            )
        else:
            self.fields["region"].for_user(user)


def stock_fields(form: forms.Form, *, required: bool = False) -> None:
    """One number field per category (存栏), added to a farm form."""
    for category in CATEGORIES:
        form.fields[f"stock_{category}"] = forms.IntegerField(
            label=CATEGORY_LABELS[category], min_value=0, max_value=10_000_000, required=required
        )


def stock_from(cleaned: dict) -> dict[str, int]:
    return {c: cleaned[f"stock_{c}"] for c in CATEGORIES if cleaned.get(f"stock_{c}") is not None}


class FarmCreateForm(FarmForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock_fields(self)


class FarmEditForm(FarmForm):
    categories = forms.MultipleChoiceField(
        label=_("增加品种类别"),
        choices=category_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class StockEventForm(forms.Form):
    category = forms.ChoiceField(label=_("品种类别"), choices=category_choices())
    kind = forms.ChoiceField(label=_("变动类型"), choices=StockEventKind.choices)
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=10_000_000)
    date = forms.DateField(label=_("日期"), initial=timezone.localdate, widget=DATE_INPUT)
    certificate_no = _text(StockEvent, "certificate_no", _("检疫证明编号（购入、出售必填）"))
    disposal = _text(StockEvent, "disposal", _("无害化处理方式（死亡必填）"))
    source_farm_code = _text(Farm, "code", _("来源养殖场编码（购入时填写，如净化场）"))
    note = _text(StockEvent, "note")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工作簿（.xlsx）"))


class FarmInput(forms.TextInput):
    """A text box with the farms within reach as suggestions (name and code), so a person
    picks a farm by typing part of its name or the code on its card."""

    template_name = "registry/widgets/farm_input.html"

    def __init__(self, attrs: Any = None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.farms: list[Farm] = []

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-farms"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"].update({"list_id": list_id, "farms": self.farms})
        return context


class FarmField(forms.CharField):
    """A farm as a person names it: the 14-digit code printed on its card and pages, or its
    name (or part of it, when only one farm within reach matches). Cleans to the farm's id,
    which the commands take; the id itself is never asked for. Call `for_user(user)` in the
    form's __init__."""

    SUGGESTIONS = 200

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("max_length", max_length(Farm, "name"))
        super().__init__(widget=FarmInput(attrs={"placeholder": _("14位编码或名称")}), **kwargs)
        self.user: User | None = None

    def for_user(self, user: User) -> None:
        self.user = user
        self.widget.farms = queries.farms_named(user, "", limit=self.SUGGESTIONS)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        found = queries.farms_named(self.user, text)
        if not found:
            raise forms.ValidationError(
                gettext("没有编码或名称为“%(text)s”的养殖场户") % {"text": text}
            )
        if len(found) > 1:
            raise forms.ValidationError(
                gettext("名称含“%(text)s”的养殖场户不止一个，请填写编码：%(farms)s")
                % {"text": text, "farms": gettext("、").join(str(farm) for farm in found)}
            )
        return found[0].pk
