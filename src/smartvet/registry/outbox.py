"""The registry's events for the national platform (docs/exchange/farm.*.schema.json).

The nation keeps the farm register by farm code and region with its stock; the owner's
name, ID-card number, phone and address stay in the province."""

from __future__ import annotations

from smartvet.core.outbox import Event
from smartvet.registry.models import Farm


def _farm(farm: Farm) -> dict:
    return {
        "code": farm.code,
        "name": farm.name,
        "kind": farm.kind,
        "region": farm.region_id,
        "complete": farm.is_complete,
        "stock": {line.category: line.quantity for line in farm.stock_lines.all()},
    }


def farm_registered(farm: Farm) -> Event:
    return Event("farm.registered", "farm", farm.pk, _farm(farm))


def farm_changed(farm: Farm) -> Event:
    return Event("farm.changed", "farm", farm.pk, _farm(farm))
