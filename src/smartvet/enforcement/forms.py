"""Forms of the disposal and purification pages: they name a farm as a person does (the code
on its card or its name, registry.forms.FarmField); the services take the commands built from
their cleaned data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from smartvet.core.commands import max_length
from smartvet.core.models import User
from smartvet.core.species import category_choices
from smartvet.enforcement.models import Disposal, PurificationFarm, PurificationLevel
from smartvet.registry.forms import DATE_INPUT, FarmField
from smartvet.surveillance.models import DisposalMethod


def _text(model, field: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=model._meta.get_field(field).verbose_name,
        max_length=max_length(model, field),
        required=required,
    )


class DisposalForm(forms.Form):
    farm = FarmField(label=_("养殖场户"))
    report = forms.TypedChoiceField(
        label=_("死亡报告（已报告的选择）"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(label=_("品种类别"), choices=category_choices())
    animals = forms.IntegerField(label=_("处理数量（头/只）"), min_value=1, max_value=1_000_000)
    method = forms.ChoiceField(label=_("处理方式"), choices=DisposalMethod.choices)
    place = _text(Disposal, "place")
    date = forms.DateField(label=_("处理日期"), initial=timezone.localdate, widget=DATE_INPUT)
    collector = _text(Disposal, "collector", required=False)

    def __init__(self, *args: Any, user: User, reports: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["farm"].for_user(user)
        self.fields["report"].choices = [("", _gettext("无（未经疫情报告）"))] + [
            (
                report.pk,
                _gettext("%(farm)s %(day)s 死亡%(n)d")
                % {
                    "farm": report.farm.name if report.farm else "",
                    "day": report.onset_date.isoformat(),
                    "n": report.dead,
                },
            )
            for report in reports
        ]


class PurificationForm(forms.Form):
    farm = FarmField(label=_("养殖场"))
    level = forms.ChoiceField(label=_("净化场级别"), choices=PurificationLevel.choices)
    certificate_no = _text(PurificationFarm, "certificate_no")
    diseases = _text(PurificationFarm, "diseases")
    valid_from = forms.DateField(label=_("有效期起"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE_INPUT)

    def __init__(self, *args: Any, user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["farm"].for_user(user)
