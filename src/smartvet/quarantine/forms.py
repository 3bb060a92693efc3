from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.species import category_choices
from smartvet.quarantine.models import DestinationKind, Purpose, TransportMode


def _default_departure():
    return timezone.localdate() + timedelta(days=3)


class DeclarationForm(forms.Form):
    category = forms.ChoiceField(label=_("品种类别"), choices=category_choices())
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=1_000_000)
    purpose = forms.ChoiceField(label=_("用途"), choices=Purpose.choices)
    destination_region = forms.CharField(label=_("到达地区划代码"), max_length=12)
    destination_place = forms.CharField(
        label=_("到达地点（屠宰场、养殖场或市场名称）"), max_length=200
    )
    destination_kind = forms.ChoiceField(label=_("到达场所类型"), choices=DestinationKind.choices)
    destination_farm = forms.IntegerField(
        label=_("到达养殖场户编号（可不填）"), required=False, min_value=1
    )
    departure_date = forms.DateField(
        label=_("启运日期"),
        initial=_default_departure,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    vehicle = forms.CharField(label=_("运载工具牌号"), max_length=20)
    carrier_name = forms.CharField(label=_("承运人"), max_length=50, required=False)
    carrier_phone = forms.CharField(label=_("承运人电话"), max_length=20, required=False)
    transport_mode = forms.ChoiceField(label=_("运载方式"), choices=TransportMode.choices)
    ear_tags = forms.CharField(
        label=_("耳标号（每行一个，可带横线或空格）"),
        required=False,
        max_length=120_000,
        widget=forms.Textarea(attrs={"rows": 5, "inputmode": "numeric"}),
    )
    remarks = forms.CharField(label=_("备注"), max_length=200, required=False)


def tag_lines(text: str) -> list[str]:
    """One tag per line (commas and semicolons also separate)."""
    for separator in ",，;；":
        text = text.replace(separator, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("不予受理理由"), max_length=200)


class InspectForm(forms.Form):
    result = forms.ChoiceField(
        label=_("检疫结果"), choices=[("pass", _("合格，出具检疫证明")), ("fail", _("不合格"))]
    )
    notes = forms.CharField(label=_("临床检查、耳标、免疫情况"), max_length=500, required=False)
    handling = forms.CharField(label=_("不合格处理情况"), max_length=500, required=False)
    disinfection = forms.CharField(label=_("运载工具消毒情况"), max_length=100, required=False)
    remarks = forms.CharField(label=_("备注"), max_length=200, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=200)


class ArrivalForm(forms.Form):
    received_quantity = forms.IntegerField(label=_("实到数量"), min_value=0, max_value=10_000_000)
    notes = forms.CharField(label=_("备注"), max_length=200, required=False)


class CheckForm(forms.Form):
    vehicle = forms.CharField(label=_("车牌号"), max_length=20)
    count_seen = forms.IntegerField(label=_("清点数量"), min_value=0, max_value=10_000_000)
    result = forms.ChoiceField(
        label=_("检查结果"),
        required=False,
        choices=[("", _("按核对结果自动判定")), ("pass", _("通过")), ("fail", _("不通过"))],
    )
    notes = forms.CharField(label=_("备注"), max_length=200, required=False)


class SlaughterForm(forms.Form):
    certificate = forms.CharField(label=_("检疫证明编号"), max_length=40)
    ear_tags = forms.CharField(
        label=_("入场耳标号（每行一个）"),
        required=False,
        max_length=120_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    slaughtered = forms.IntegerField(
        label=_("屠宰数量（禽类填写；有耳标的按耳标数）"),
        required=False,
        min_value=0,
        max_value=10_000_000,
    )
    notes = forms.CharField(label=_("备注"), max_length=200, required=False)
