"""Alert rules as data, set by the county or the province: editing a rule in force from above
(the national default) makes the region's own version of it."""

from __future__ import annotations

from django.db import transaction

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.models import User
from smartvet.surveillance.commands import RuleIn
from smartvet.surveillance.models import AlertRule
from smartvet.surveillance.permissions import EDIT_RULES
from smartvet.surveillance.queries.rules import rule as rule_for


@transaction.atomic(durable=True)
def edit_rule(*, actor: User, rule_id: int, command: RuleIn) -> AlertRule:
    base = rule_for(actor, rule_id)
    require(actor, EDIT_RULES, actor.region)
    values = command.model_dump()
    own, created = AlertRule.objects.select_for_update().get_or_create(
        code=base.code,
        region_id=actor.region_id,
        defaults={**values, "indicator": base.indicator, "updated_by": actor},
    )
    if not created:
        for field, value in values.items():
            setattr(own, field, value)
        own.updated_by = actor
        own.save()
    ledger.record(
        actor=actor,
        action="rule.changed",
        obj=own,
        region=actor.region_id,
        summary={"code": own.code, "created": created, **values},
    )
    return own
