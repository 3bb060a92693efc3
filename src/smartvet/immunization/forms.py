from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smartvet.core.commands import max_length
from smartvet.core.models import User
from smartvet.core.species import SPECIES_LABELS, category_choices
from smartvet.immunization.models import (
    Accreditation,
    AntibodyTest,
    Disease,
    LotSource,
    Round,
    VaccineLot,
)
from smartvet.registry.forms import FarmField

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
    species = forms.MultipleChoiceField(
        label=_("适用畜种（不选则不限）"),
        choices=list(SPECIES_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    doses = forms.IntegerField(label=_("入库头份"), min_value=1, max_value=100_000_000)
    bottles = forms.IntegerField(
        label=_("瓶数（空则按扫码数）"), min_value=0, max_value=1_000_000, required=False
    )
    source = forms.ChoiceField(label=_("来源"), choices=LotSource.choices)
    farm = FarmField(label=_("持有养殖场（自购疫苗）"), required=False)
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

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["farm"].for_user(user)


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("包装照片"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )


class ReportForm(forms.Form):
    file = forms.FileField(label=_("检测报告（PDF或图片）"))


class TransferForm(forms.Form):
    to = forms.CharField(label=_("接收单位账号"), max_length=max_length(User, "username"))
    doses = forms.IntegerField(label=_("调拨头份"), min_value=1, max_value=100_000_000)


class PostedLotField(forms.TypedChoiceField):
    """Offers the lots usable now, but takes any lot posted: an entry written earlier (the
    offline queue, a page left open) may name a lot that since became unusable, and the
    service then says why (not signed for yet, held, expired, used up) instead of a bare
    "not one of the choices"."""

    def valid_value(self, value) -> bool:
        return True


class ImmunizationForm(forms.Form):
    """One vaccination of one category against one disease. The pair is chosen first (the
    page's choice above the form, kept here as hidden fields), so the lots offered are only
    those for that species and disease."""

    date = forms.DateField(
        label=_("免疫日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    category = forms.ChoiceField(
        label=_("品种类别"), choices=category_choices(), widget=forms.HiddenInput
    )
    disease = forms.ChoiceField(label=_("病种"), choices=Disease.choices, widget=forms.HiddenInput)
    lot = PostedLotField(label=_("疫苗批次"), coerce=int, choices=[])
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

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.lots = list(lots)
        self.fields["lot"].choices = [(lot.pk, lot_label(lot)) for lot in self.lots]


def lot_label(lot: VaccineLot) -> str:
    """A lot as the vaccinator picks it (the disease and species are those at hand already):
    product, batch, what is left and until when."""
    return gettext("%(product)s %(batch)s（剩%(left)s头份，至%(expiry)s）") % {
        "product": lot.product,
        "batch": lot.batch,
        "left": lot.doses_left,
        "expiry": lot.expiry.isoformat(),
    }


class AntibodyForm(forms.Form):
    farm = FarmField(label=_("养殖场户"))
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

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["farm"].for_user(user)
