"""The options the supervision commands share: a period and a region."""

from __future__ import annotations

from datetime import date
from typing import Any

from smartvet.core import regions


def add_period(parser: Any) -> None:
    parser.add_argument(
        "--from", dest="first", type=date.fromisoformat, default=None, help="YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="last", type=date.fromisoformat, default=None, help="YYYY-MM-DD"
    )
    parser.add_argument(
        "--region", default=regions.NATION, help="a region code (default: everything)"
    )
