"""Region codes (GB/T 2260 and the NBS 统计用区划代码): pure rules, no ORM.

A code's length tells its level: province 2, city 4, county 6, township 9, village 12.
A region's code starts with its parent's code, so "everything under X" is a prefix test.
"""

from __future__ import annotations

import re

NATION = "CN"  # the root above every province; only national accounts live there

LEVEL_BY_LENGTH = {2: "province", 4: "city", 6: "county", 9: "township", 12: "village"}
LENGTH_BY_LEVEL = {level: length for length, level in LEVEL_BY_LENGTH.items()}
LEVELS = ["nation", "province", "city", "county", "township", "village"]

_DIGITS = re.compile(r"\d+")


def level_of(code: str) -> str | None:
    """The level a code names, or None when the code is not a region code at all."""
    if code == NATION:
        return "nation"
    if not _DIGITS.fullmatch(code or ""):
        return None
    return LEVEL_BY_LENGTH.get(len(code))


def code_upper_bound(code: str) -> str | None:
    """The smallest digit string after every code that starts with `code` ("420506" →
    "420507", "420509" → "42051"); None when no code is after them (all nines). With it a
    prefix becomes a range an index serves, whatever the database's collation: digits sort
    0 to 9 in every collation, where a sentinel such as "~" does not."""
    head = code.rstrip("9")
    if not head:
        return None
    return head[:-1] + str(int(head[-1]) + 1)


def parent_code(code: str) -> str | None:
    """The code of the level above: 420506107 -> 420506, 42 -> CN."""
    level = level_of(code)
    if level is None or level == "nation":
        return None
    if level == "province":
        return NATION
    index = LEVELS.index(level)
    return code[: LENGTH_BY_LEVEL[LEVELS[index - 1]]]


def is_within(code: str, ancestor: str) -> bool:
    """True when `code` is `ancestor` itself or lies anywhere under it."""
    if ancestor == NATION:
        return level_of(code) is not None
    return code.startswith(ancestor) and level_of(code) is not None


def county_of(code: str) -> str | None:
    """The 6-digit county a township or village code belongs to."""
    level = level_of(code)
    if level in {"county", "township", "village"}:
        return code[:6]
    return None


def is_child_code(child: str, parent: str) -> bool:
    """True when `child` is exactly one level below `parent` and carries its prefix."""
    return parent_code(child) == parent
