"""Commands of the vaccine cold chain: temperatures within what a thermometer reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.models import User
from smartvet.enforcement.models import Shipment


def _temperature(field: str) -> Any:
    return Field(ge=-40, le=60, max_digits=4, decimal_places=1, title=label(Shipment, field))


class DispatchVaccine(Command):
    lot: int = Field(ge=1, le=MAX_ID, title=label(Shipment, "lot"))
    to: text(User, "username")
    doses: int = Field(gt=0, le=100_000_000, title=str(_("调出头份")))
    temperature: Decimal = _temperature("dispatch_temperature")


class ReceiveVaccine(Command):
    temperature: Decimal = _temperature("receipt_temperature")


class ReleaseVaccine(Command):
    note: text(Shipment, "release_note")
