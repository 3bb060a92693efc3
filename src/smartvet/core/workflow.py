"""Status workflows: one transition table per workflow (in the app's rules) and one
compare-and-set `move()` shared by all, so two people acting at once cannot both win."""

from __future__ import annotations

from typing import Any

from django.db import models

from smartvet.core.errors import InvalidTransition
from smartvet.core.models import Counter


def move(
    obj: models.Model,
    *,
    to: str,
    transitions: dict[str, set[str]],
    field: str = "status",
    **also: Any,
) -> None:
    """Change obj's status from its current value to `to`, if the table allows it and no one
    changed it in between; `also` sets further fields in the same UPDATE."""
    current = getattr(obj, field)
    if to not in transitions.get(current, set()):
        raise InvalidTransition(current, to)
    changed = type(obj).objects.filter(pk=obj.pk, **{field: current}).update(**{field: to}, **also)
    if changed != 1:
        fresh = type(obj).objects.filter(pk=obj.pk).values_list(field, flat=True).first()
        raise InvalidTransition(fresh or current, to)
    setattr(obj, field, to)
    for name, value in also.items():
        setattr(obj, name, value)


def next_number(name: str) -> int:
    """The next value of a named counter; call inside a transaction (the row is locked)."""
    counter, _created = Counter.objects.select_for_update().get_or_create(name=name)
    counter.value += 1
    Counter.objects.filter(pk=name).update(value=counter.value)
    return counter.value
