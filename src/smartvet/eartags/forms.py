from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.eartags.models import CancelReason

CODE_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "1-420506-00000001"}


def code_field(label) -> forms.CharField:
    return forms.CharField(label=label, max_length=40, widget=forms.TextInput(attrs=CODE_ATTRS))


def split_codes(text: str) -> list[str]:
    """One code per line (or separated by commas/semicolons), as a scanner types them."""
    return [part.strip() for part in re.split(r"[\n,，;；]+", text or "") if part.strip()]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("《库存耳标登记表》（.xlsx）"))


class RangeForm(forms.Form):
    box = forms.CharField(label=_("箱号"), max_length=40, required=False)
    pack = forms.CharField(label=_("包号"), max_length=40, required=False)
    start = code_field(_("起始号"))
    end = code_field(_("终止号"))
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=10**8)


class DistributionForm(forms.Form):
    start = code_field(_("起始号"))
    end = code_field(_("终止号"))
    to = forms.ChoiceField(label=_("接收方"))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = list(targets)

    def target(self) -> dict:
        kind, _sep, value = self.cleaned_data["to"].partition(":")
        if kind == "region":
            return {"to_region": value}
        if kind == "farm":
            return {"to_farm": int(value)}
        return {"to_vaccinator": value}


class ReturnForm(forms.Form):
    start = code_field(_("起始号"))
    end = code_field(_("终止号"))


class FitForm(forms.Form):
    farm = forms.ChoiceField(label=_("养殖场户"))
    codes = forms.CharField(
        label=_("耳标号（每行一个，可扫码录入）"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 6, "inputmode": "numeric"}),
    )
    date = forms.DateField(
        label=_("佩戴日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, farms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["farm"].choices = [
            (farm.pk, _("%(name)s（%(code)s）") % {"name": farm.name, "code": farm.code})
            for farm in farms
        ]


class CancelForm(forms.Form):
    codes = forms.CharField(
        label=_("耳标号（每行一个，可扫码录入）"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 6, "inputmode": "numeric"}),
    )
    reason = forms.ChoiceField(label=_("注销原因"), choices=CancelReason.choices)


class LookupForm(forms.Form):
    code = code_field(_("耳标号"))
