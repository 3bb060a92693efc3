"""Ear-tag test data, made through the services."""

from __future__ import annotations

from django.utils import timezone

from smartvet.eartags import services

YILING, LONGQUAN, YAQUELING = "420506", "420506107", "420506108"


def code(serial: int, species: str = "1", county: str = YILING) -> str:
    return f"{species}{county}{serial:08d}"


def register(
    actor,
    first: int,
    last: int,
    *,
    species: str = "1",
    county: str = YILING,
    box: str = "A1",
    pack: str = "",
):
    return services.register_range(
        actor=actor,
        start=code(first, species, county),
        end=code(last, species, county),
        quantity=last - first + 1,
        box=box,
        pack=pack,
    )


def issue(actor, first: int, last: int, *, species: str = "1", **target):
    return services.distribute_range(
        actor=actor, start=code(first, species), end=code(last, species), **target
    )


def fit(actor, farm, serials, *, species: str = "1"):
    services.fit_tags(
        actor=actor, farm=farm, codes=[code(s, species) for s in serials], on=timezone.localdate()
    )
