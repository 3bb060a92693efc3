from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smartvet.core.commands import max_length
from smartvet.core.models import User
from smartvet.core.species import category_choices
from smartvet.immunization.models import (
    Accreditation,
    AntibodyTest,
    Disease,
    LotSource,
    Round,
    VaccineLot,
)

# Pages parse the immunization commands from these forms (immunization.commands holds the
# rules); text fields carry the model's lengths only so a browser stops typing at the limit.


class LotForm(forms.Form):
    product = forms.CharField(label=_("疫苗名称"), max_length=max_length(VaccineLot, "product"))
    manufacturer = forms.CharField(
        label=_("生产企业"), max_length=max_length(VaccineLot, "manufacturer")
    )
    approval_number = forms.CharField(
        label=_("批准文号"), max_length=max_length(VaccineLot, "approval_number")
    )
    batch = forms.CharField(label=_("批号"), max_length=max_length(VaccineLot, "batch"))
    expiry = forms.DateField(
        label=_("有效期至"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    diseases = forms.MultipleChoiceField(
        label=_("防控病种"), choices=Disease.choices, widget=forms.CheckboxSelectMultiple
    )
    doses = forms.IntegerField(label=_("入库头份"), min_value=1, max_value=100_000_000)
    bottles = forms.IntegerField(
        label=_("瓶数（空则按扫码数）"), min_value=0, max_value=1_000_000, required=False
    )
    source = forms.ChoiceField(label=_("来源"), choices=LotSource.choices)
    farm = forms.IntegerField(label=_("养殖场编号（自购疫苗）"), required=False, min_value=1)
    bottle_codes = forms.CharField(
        label=_("瓶码（每行一个）"),
        required=False,
        max_length=1_100_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = forms.FileField(
        label=_("包装照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("包装照片"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )


class ReportForm(forms.Form):
    file = forms.FileField(label=_("检测报告（PDF或图片）"))


class TransferForm(forms.Form):
    to = forms.CharField(label=_("接收单位账号"), max_length=max_length(User, "username"))
    doses = forms.IntegerField(label=_("调拨头份"), min_value=1, max_value=100_000_000)


class ImmunizationForm(forms.Form):
    date = forms.DateField(
        label=_("免疫日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    category = forms.ChoiceField(label=_("品种类别"), choices=category_choices())
    disease = forms.ChoiceField(label=_("病种"), choices=Disease.choices)
    lot = forms.TypedChoiceField(label=_("疫苗批次"), coerce=int, choices=[])
    animals = forms.IntegerField(
        label=_("免疫数量（头/只/羽）"),
        min_value=1,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    doses = forms.IntegerField(
        label=_("用苗头份"),
        min_value=1,
        max_value=100_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    ear_tags = forms.CharField(
        label=_("同时佩戴的耳标（每行一个，可不填）"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, categories=None, lots=None, diseases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lots = list(lots or [])
        if diseases is not None:
            self.fields["disease"].choices = [d for d in Disease.choices if d[0] in diseases]
        if categories is not None:
            self.fields["category"].choices = [c for c in category_choices() if c[0] in categories]
        self.fields["lot"].choices = [
            (
                lot.pk,
                gettext("%(product)s %(batch)s（%(diseases)s，剩%(left)s头份，至%(expiry)s）")
                % {
                    "product": lot.product,
                    "batch": lot.batch,
                    "diseases": "/".join(lot.diseases),
                    "left": lot.doses_left,
                    "expiry": lot.expiry,
                },
            )
            for lot in self.lots
        ]


class AntibodyForm(forms.Form):
    farm = forms.IntegerField(label=_("养殖场编号"), min_value=1)
    disease = forms.ChoiceField(label=_("病种"), choices=Disease.choices)
    round = forms.ChoiceField(label=_("轮次"), choices=Round.choices)
    sampled_on = forms.DateField(
        label=_("采样日期"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    samples = forms.IntegerField(label=_("样品数"), min_value=1, max_value=1_000_000)
    qualified = forms.IntegerField(label=_("合格数"), min_value=0, max_value=1_000_000)
    lab = forms.CharField(label=_("检测机构"), max_length=max_length(AntibodyTest, "lab"))
    accreditation = forms.ChoiceField(label=_("资质"), choices=Accreditation.choices)
    report = forms.FileField(label=_("检测报告（PDF或图片，可稍后上传）"), required=False)
