"""The alert rules in force at a place, and each rule's record (alarms, outcomes, PPV)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from smartvet.core import regions
from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.surveillance import rules
from smartvet.surveillance.models import Alert, AlertRule, AlertStatus, Outcome
from smartvet.surveillance.permissions import VIEW_RULES


def _nearest(chain: list[str], candidates: QuerySet[AlertRule]) -> list[AlertRule]:
    """Per rule code, the version of the region nearest the place (`chain` nearest first)."""
    nearest: dict[str, AlertRule] = {}
    for found in candidates.filter(region_id__in=chain):
        held = nearest.get(found.code)
        if held is None or chain.index(found.region_id) < chain.index(held.region_id):
            nearest[found.code] = found
    return sorted(nearest.values(), key=lambda r: r.code)


def rules_in_force(code: str, indicators: Iterable[str] | None = None) -> list[AlertRule]:
    """The active rules judging `code`: a county's own version of a rule over the province's
    over the national default. Serves the evaluation, which reads one place's facts."""
    candidates = AlertRule.objects.all()
    if indicators is not None:
        candidates = candidates.filter(indicator__in=list(indicators))
    return [r for r in _nearest(rules.ancestors(code), candidates) if r.active]


def rules_for(actor: User) -> list[AlertRule]:
    """The rules in force in the actor's home region, each with its record."""
    require(actor, VIEW_RULES)
    found = _nearest(rules.ancestors(actor.region_id), AlertRule.objects.all())
    records = record_of([r.pk for r in found], actor)
    for item in found:
        item.record = records.get(item.pk, empty_record())
    return found


def rule(actor: User, rule_id: int) -> AlertRule:
    """A rule in force in the actor's region, or a rule of a region within it."""
    require(actor, VIEW_RULES)
    found = AlertRule.objects.filter(pk=rule_id).first()
    if found is None or not (
        found.region_id in rules.ancestors(actor.region_id)
        or regions.is_within(found.region_id, actor.region_id)
    ):
        raise NotFound()
    found.record = record_of([found.pk], actor).get(found.pk, empty_record())
    return found


def empty_record() -> dict[str, Any]:
    return {"alarms": 0, "open": 0, "confirmed": 0, "false_alarm": 0, "data_error": 0, "ppv": None}


def record_of(rule_ids: list[int], actor: User) -> dict[int, dict[str, Any]]:
    """Per rule, its alarms in the actor's region and their outcomes; PPV = confirmed over
    confirmed + false alarms (data errors say nothing of the rule)."""
    rows = (
        Alert.objects.visible_to(actor)
        .filter(rule_id__in=rule_ids)
        .values("rule_id")
        .annotate(
            alarms=Count("id"),
            open=Count("id", filter=~Q(status=AlertStatus.CLOSED)),
            confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)),
            false_alarm=Count("id", filter=Q(outcome=Outcome.FALSE_ALARM)),
            data_error=Count("id", filter=Q(outcome=Outcome.DATA_ERROR)),
        )
    )
    records = {}
    for row in rows:
        judged = row["confirmed"] + row["false_alarm"]
        row["ppv"] = rules.positive_predictive_value(row["confirmed"], judged)
        records[row.pop("rule_id")] = row
    return records
