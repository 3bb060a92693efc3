"""Assessment schemes (绩效考核, seed 001 §三): indicators × weights × targets for a period."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import NotFound, ValidationFailed
from smartvet.core.indicators import registered
from smartvet.core.models import Region, User
from smartvet.supervision.commands import CreateScheme
from smartvet.supervision.models import Scheme, SchemeItem
from smartvet.supervision.permissions import ASSESS
from smartvet.supervision.services.errors import invalid


def create_scheme(*, actor: User, command: CreateScheme) -> Scheme:
    """A scheme of indicators × weights × targets for a period; the weights make 100 points."""
    with transaction.atomic(durable=True):
        require(actor, ASSESS, region=command.region)
        region = Region.objects.filter(code=command.region).first()
        if region is None:
            raise NotFound()
        known = {item.code for item in registered()}
        problems = [
            {"field": f"items.{index}.indicator", "code": "VALIDATION_ERROR"}
            for index, line in enumerate(command.items)
            if line.indicator not in known
        ]
        if problems:
            raise ValidationFailed(_("考核指标不存在"), problems)
        if len({line.indicator for line in command.items}) != len(command.items):
            raise invalid(_("同一指标只能列一次"), "items")
        if sum(line.weight for line in command.items) != 100:
            raise invalid(_("各指标权重合计应为100分"), "items")
        if command.ends_on < command.starts_on:
            raise invalid(_("考核期止不能早于考核期起"), "ends_on")
        scheme = Scheme.objects.create(
            region=region,
            name=command.name,
            starts_on=command.starts_on,
            ends_on=command.ends_on,
            created_by=actor,
        )
        SchemeItem.objects.bulk_create(
            SchemeItem(
                scheme=scheme,
                indicator=line.indicator,
                weight=line.weight,
                target=line.target,
                lower_is_better=line.lower_is_better,
            )
            for line in command.items
        )
        ledger.record(
            actor=actor,
            action="supervision.scheme_created",
            obj=scheme,
            region=region.code,
            summary={"name": scheme.name, "items": len(command.items)},
        )
    return scheme
