from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.commands import max_length
from smartvet.core.species import CATEGORIES, CATEGORY_LABELS, category_choices
from smartvet.registry.models import Farm, FarmKind, StockEvent, StockEventKind

# Pages parse the registry's commands from these forms (registry.commands holds the rules);
# the fields carry the model's lengths only so a browser stops typing at the limit.


def _text(model, field: str, label=None, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label or model._meta.get_field(field).verbose_name,
        max_length=max_length(model, field),
        required=required,
    )


class FarmForm(forms.Form):
    name = _text(Farm, "name", required=True)
    kind = forms.ChoiceField(label=_("类型"), choices=FarmKind.choices)
    owner_name = _text(Farm, "owner_name")
    owner_id_number = _text(Farm, "owner_id_number")
    phone = _text(Farm, "phone")
    address = _text(Farm, "address")
    region = forms.CharField(label=_("所在乡镇或村（区划代码）"), max_length=12)
    epidemic_certificate_no = _text(Farm, "epidemic_certificate_no")


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
    date = forms.DateField(
        label=_("日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    certificate_no = _text(StockEvent, "certificate_no", _("检疫证明编号（购入、出售必填）"))
    disposal = _text(StockEvent, "disposal", _("无害化处理方式（死亡必填）"))
    note = _text(StockEvent, "note")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工作簿（.xlsx）"))
