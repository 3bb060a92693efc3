"""The national hub's read-only copy of every province's certificates (the "hub" database,
set when SMARTVET_HUB_DATABASE_URL is; docs/decisions/0009-federation.md).

A certificate number that is not this province's is looked up there, and its ear tags in the
hub's copy of the tag claims, by the certificate's number (nationally unique; the claims'
declaration refs are not: declaration ids are each province's own). Inside `reading()` every
read goes to the hub (HubRouter)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

HUB = "hub"
_reading: ContextVar[bool] = ContextVar("reading_from_hub", default=False)
log = logging.getLogger(__name__)


class HubRouter:
    """Reads go to the hub only inside `reading()`; nothing is ever written or migrated there
    from a province (its connection is read-only as well)."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return HUB if _reading.get() else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None  # a hub row saved by mistake fails on the read-only connection

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != HUB


def configured() -> bool:
    return HUB in settings.DATABASES


@contextmanager
def reading() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class HubUnavailable(Exception):
    """The hub did not answer (down, or the network to it)."""


def certificate(number: str) -> Any:
    """The certificate `number` names in the hub's copy, with its ear tags read there, marked
    `from_hub`; None when the hub has no such number or there is no hub."""
    from smartvet.eartags import codes
    from smartvet.eartags.models import TagClaim
    from smartvet.quarantine.models import Certificate

    if not configured():
        return None
    try:
        with reading():
            found = Certificate.objects.using(HUB).filter(number=number).first()
            if found is not None:
                claims = TagClaim.objects.using(HUB).filter(certificate_no=number)
                numbers = claims.order_by("code").values_list("code", flat=True)
                found.__dict__["ear_tags"] = [codes.code_of(n) for n in numbers]
                # Its slaughter entry, if any, is the origin's business (not replicated).
                Certificate.slaughter_entry.related.set_cached_value(found, None)
    except DatabaseError as exc:
        log.warning("national hub unavailable: %s", exc)
        connections[HUB].close()
        raise HubUnavailable from exc
    if found is not None:
        found.from_hub = True
    return found
