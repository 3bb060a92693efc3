"""The pages' forms. They draw the inputs (labels, choices, limits read from the model fields);
what was typed is checked once, by the service's command (quarantine.commands), built here
from the form data with `core.commands.parse`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions
from smartvet.core.commands import Command, max_length, parse
from smartvet.core.errors import ValidationFailed
from smartvet.core.forms import RegionField
from smartvet.core.queries import region_label
from smartvet.core.species import category_choices
from smartvet.quarantine import queries
from smartvet.quarantine.commands import (
    MAX_ANIMALS,
    CheckIn,
    DeclarationIn,
    DestinationIn,
    SlaughterIn,
)
from smartvet.quarantine.models import (
    Certificate,
    CheckpointCheck,
    Declaration,
    DestinationKind,
    EntryDecision,
    Purpose,
    SlaughterEntry,
    TransportMode,
)
from smartvet.quarantine.queries import place_name
from smartvet.registry import queries as registry_queries
from smartvet.registry.forms import FarmField

C = TypeVar("C", bound=Command)

# A textarea of tags: 5000 tags of 15 digits with separators.
TAG_TEXT_LENGTH = 120_000


def _text(model, field: str, label: Any, *, required: bool = True, **options) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length(model, field), required=required, **options
    )


def _default_departure():
    return timezone.localdate() + timedelta(days=3)


def _tags_field(label: Any, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TAG_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows, "inputmode": "numeric"}),
    )


class DeclarationForm(forms.Form):
    """Destinations are picked, not typed: a registered 定点屠宰场, a farm by the code on its
    card or its name; a township and a name only for a market or another place."""

    category = forms.ChoiceField(label=_("品种类别"), choices=category_choices())
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=1_000_000)
    purpose = forms.ChoiceField(label=_("用途"), choices=Purpose.choices)
    destination_kind = forms.ChoiceField(
        label=_("到达场所类型"),
        choices=DestinationKind.choices,
        initial=DestinationKind.SLAUGHTERHOUSE,
    )
    destination_slaughterhouse = forms.ChoiceField(
        label=_("到达屠宰场（已登记的定点屠宰场）"), required=False
    )
    destination_farm_code = FarmField(label=_("到达养殖场户（14位编码或名称）"), required=False)
    destination_region = RegionField(
        label=_("交易市场或其他地点所在地"), lowest="township", required=False
    )
    destination_place = _text(
        Declaration,
        "destination_place",
        _("到达地点名称（交易市场或其他地点）"),
        required=False,
    )
    departure_date = forms.DateField(
        label=_("启运日期"),
        initial=_default_departure,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    vehicle = _text(Declaration, "vehicle", _("运载工具牌号"))
    carrier_name = _text(Declaration, "carrier_name", _("承运人"), required=False)
    carrier_phone = _text(Declaration, "carrier_phone", _("承运人电话"), required=False)
    transport_mode = forms.ChoiceField(label=_("运载方式"), choices=TransportMode.choices)
    ear_tags = _tags_field(_("耳标号（每行一个，可带横线或空格）"), rows=5)
    remarks = _text(Declaration, "remarks", _("备注"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["destination_slaughterhouse"].choices = [
            ("", _("请选择")),
            *(
                (
                    house.username,
                    _("%(text)s（%(note)s）")
                    % {"text": place_name(house), "note": region_label(house.region_id)},
                )
                for house in queries.slaughterhouses(user)
            ),
        ]
        self.fields["destination_farm_code"].for_user(user)
        # Markets and other places: a township of the county, picked by name.
        self.fields["destination_region"].widget.home = (
            regions.county_of(user.region_id) or user.region_id
        )


class RejectForm(forms.Form):
    reason = _text(Declaration, "rejection_reason", _("不予受理理由"))


class InspectForm(forms.Form):
    """The result is chosen among the workflow's actions (the page draws it); these are the
    notes that go with it."""

    notes = _text(Declaration, "inspection_notes", _("临床检查、耳标、免疫情况"), required=False)
    handling = _text(Declaration, "handling", _("不合格处理情况"), required=False)
    disinfection = _text(Certificate, "disinfection", _("运载工具消毒情况"), required=False)
    remarks = _text(Certificate, "remarks", _("备注"), required=False)


class RevokeForm(forms.Form):
    reason = _text(Certificate, "revocation_reason", _("撤销理由"))


class ArrivalForm(forms.Form):
    received_quantity = forms.IntegerField(label=_("实到数量"), min_value=0, max_value=MAX_ANIMALS)
    notes = _text(Certificate, "arrival_notes", _("备注"), required=False)


class CheckForm(forms.Form):
    vehicle = _text(CheckpointCheck, "vehicle", _("车牌号"))
    count_seen = forms.IntegerField(label=_("清点数量"), min_value=0, max_value=MAX_ANIMALS)
    result = forms.ChoiceField(
        label=_("检查结果"),
        required=False,
        choices=[("", _("按核对结果自动判定")), ("pass", _("通过")), ("fail", _("不通过"))],
    )
    notes = _text(CheckpointCheck, "notes", _("备注"), required=False)
    ear_tags = _tags_field(_("车上耳标号（抽查，每行一个；不填则不比对）"), rows=4)


def check_command(data: Any) -> CheckIn:
    return command(CheckIn, data, ear_tags=tag_lines(data.get("ear_tags", "")))


class SlaughterForm(forms.Form):
    certificate = _text(Certificate, "number", _("检疫证明编号"))
    ear_tags = _tags_field(_("入场耳标号（每行一个）"), rows=6)
    slaughtered = forms.IntegerField(
        label=_("屠宰数量（禽类填写；有耳标的按耳标数）"),
        required=False,
        min_value=0,
        max_value=MAX_ANIMALS,
    )
    notes = _text(SlaughterEntry, "notes", _("备注"), required=False)


class EntryDecisionForm(forms.Form):
    """The decision itself is chosen among the workflow's actions (the page draws a button
    for each); this is the note that goes with it."""

    notes = _text(EntryDecision, "notes", _("处理意见（拒绝入场或暂扣调查时必填）"), required=False)


def tag_lines(text: str) -> list[str]:
    """One tag per line (commas and semicolons also separate)."""
    for separator in ",，;；":
        text = text.replace(separator, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _fields(command: type[Command], data: Any, prefix: str = "") -> dict[str, Any]:
    """The command's fields as the form sent them; one left empty that the command does not
    require counts as not given (its default)."""
    values = {}
    for name, info in command.model_fields.items():
        value = data.get(prefix + name)
        if value is None or (value == "" and not info.is_required()):
            continue
        values[name] = value
    return values


def command(kind: type[C], data: Any, **given: Any) -> C:
    """The command from a page's form data (VALIDATION_ERROR naming every bad field)."""
    return parse(kind, {**_fields(kind, data), **given})


def _farm_code(actor: Any, text: str) -> str:
    """The code of the farm a person named: the code itself (any farm: the card is in
    hand), else the one farm within reach of that name (VALIDATION_ERROR naming the others
    when there are several, or when there is none)."""
    code = "".join(text.split())
    if not text or code.isdigit():
        return code
    found = registry_queries.farms_named(actor, text)
    if len(found) == 1:
        return found[0].code
    if found:
        message = gettext("名称含“%(text)s”的养殖场户不止一个，请填写编码：%(farms)s") % {
            "text": text,
            "farms": gettext("、").join(str(farm) for farm in found),
        }
    else:
        message = gettext("没有编码或名称为“%(text)s”的养殖场户") % {"text": text}
    detail = {"field": "destination.farm_code", "code": "VALIDATION_ERROR", "message": message}
    raise ValidationFailed(message, [detail])


def declaration_command(form: DeclarationForm, farm_id: int, actor: Any) -> DeclarationIn:
    """The command from the posted declaration form (bound to the request's data)."""
    data = form.data
    destination = _fields(DestinationIn, data, prefix="destination_")
    destination["region"] = form["destination_region"].value()
    destination["farm_code"] = _farm_code(actor, data.get("destination_farm_code", ""))
    return command(
        DeclarationIn,
        data,
        farm=farm_id,
        destination=destination,
        ear_tags=tag_lines(data.get("ear_tags", "")),
    )


def slaughter_command(data: Any) -> SlaughterIn:
    return command(SlaughterIn, data, ear_tags=tag_lines(data.get("ear_tags", "")))
