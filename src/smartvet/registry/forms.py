from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.species import CATEGORIES, CATEGORY_LABELS, category_choices
from smartvet.registry.models import FarmKind, StockEventKind


class FarmForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=FarmKind.choices)
    owner_name = forms.CharField(label=_("负责人"), max_length=50, required=False)
    owner_id_number = forms.CharField(
        label=_("身份证号或统一社会信用代码"), max_length=18, required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    region = forms.CharField(label=_("所在乡镇或村（区划代码）"), max_length=12)
    epidemic_certificate_no = forms.CharField(
        label=_("动物防疫条件合格证编号"), max_length=50, required=False
    )


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
    certificate_no = forms.CharField(
        label=_("检疫证明编号（购入、出售必填）"), max_length=40, required=False
    )
    disposal = forms.CharField(
        label=_("无害化处理方式（死亡必填）"), max_length=100, required=False
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工作簿（.xlsx）"))
