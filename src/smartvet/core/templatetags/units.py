"""`{{ quantity|with_unit:unit }}`: a count and its unit in the reader's language.

Units are stored as the certificate prints them (头, 只, 羽); Chinese writes "200头", English
"200 head", so the joining is a translatable pattern and the unit itself is translated."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def with_unit(quantity: Any, unit: str) -> str:
    if not unit:
        return str(quantity)
    return _("%(n)s%(unit)s") % {"n": quantity, "unit": _(unit)}
