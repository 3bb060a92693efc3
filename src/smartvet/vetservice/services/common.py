"""Small helpers the vetservice services share."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.errors import DomainError, ValidationFailed
from smartvet.core.models import Region


def invalid(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(message, [{"field": field, "message": str(message)}])


def refused(code: str, message: Any, **details: Any) -> DomainError:
    return DomainError(code, message, [{"code": code, "message": str(message), **details}])


def regions_under(field: str, codes: list[str], parent: str) -> list[Region]:
    """The regions named by `codes`, each of them under `parent` (a provider's or a
    vaccinator's villages lie in its township or county)."""
    wanted = list(dict.fromkeys(codes))
    found = {region.code: region for region in Region.objects.filter(code__in=wanted)}
    strays = [code for code in wanted if code not in found or not regions.is_within(code, parent)]
    if strays:
        raise invalid(
            field, _("这些区划不存在或不在本辖区：%(codes)s") % {"codes": "、".join(strays)}
        )
    return [found[code] for code in wanted]
