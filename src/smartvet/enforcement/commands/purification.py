"""Commands of the purification farms' register."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.enforcement.models import PurificationFarm, PurificationLevel


class RegisterPurificationFarm(Command):
    farm: int = Field(ge=1, le=MAX_ID, title=label(PurificationFarm, "farm"))
    level: Literal[tuple(PurificationLevel.values)] = Field(title=label(PurificationFarm, "level"))
    certificate_no: text(PurificationFarm, "certificate_no")
    diseases: text(PurificationFarm, "diseases")
    valid_from: datetime.date = Field(title=label(PurificationFarm, "valid_from"))
    valid_until: datetime.date = Field(title=label(PurificationFarm, "valid_until"))
