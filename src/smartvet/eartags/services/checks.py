"""The checks a tag passes before it is declared or fitted, tag by tag, every problem named
(details {"tag": <input>}). Each reads the tag's state from `rules.tag_state` and lets the
rule for the use (`rules.declaration_problem`, `rules.fitting_problem`) decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core.errors import DomainError, Problem
from smartvet.core.species import CATEGORY_SPECIES, TAG_DIGIT_BY_SPECIES
from smartvet.eartags import codes, queries, rules
from smartvet.registry import queries as registry_queries

if TYPE_CHECKING:
    from smartvet.registry.models import Farm

# Translated when a problem is made, in the language of whoever asked.
MESSAGES = {
    "EARTAG_CANCELLED": gettext_noop("耳标号%(tag)s已注销"),
    "EARTAG_NOT_IN_TOWNSHIP": gettext_noop(
        "耳标号%(tag)s不属于本乡镇、本场或服务本场的防疫员的耳标库存"
    ),
    "EARTAG_IN_USE": gettext_noop("耳标号%(tag)s已被其他申报或检疫证明占用"),
    "EARTAG_NOT_HELD": gettext_noop("耳标号%(tag)s不在本场、本乡镇或服务本场的防疫员的库存中"),
    "EARTAG_DUPLICATE": gettext_noop("耳标号%(tag)s重复填写"),
    "EARTAG_SPECIES_MISMATCH": gettext_noop("耳标号%(tag)s的畜种与申报畜种不符"),
    "EARTAG_COUNTY_MISMATCH": gettext_noop("耳标号%(tag)s的县代码不是养殖场所在县的代码"),
}
FITTED = gettext_noop("耳标号%(tag)s已佩戴")


def usable_keys(farm: Farm) -> set[str]:
    """Holders whose tags a farm may use: its township, the farm, the vaccinators serving it
    (seed 002: 自动检测耳标号段是否属于该乡镇的耳标库存)."""
    keys = {f"township:{farm.region_id[:9]}", f"farm:{farm.pk}"}
    return keys | {f"user:{pk}" for pk in registry_queries.server_ids(farm)}


def numbers(texts: list[str]) -> list[int]:
    """Every text parsed; EARTAG_MALFORMED lists every bad one."""
    problems = [codes.malformed(text) for text in texts if codes.try_parse(text) is None]
    if problems:
        raise DomainError.from_problems(problems)
    return [int(codes.parse_code(text)) for text in texts]


def problem(code: str, number: int, text: object, message: str = "") -> Problem:
    """The problem of one tag, named as people write it, with the input it was given as."""
    label = codes.format_code(codes.code_of(number))
    return Problem(code, _(message or MESSAGES[code]) % {"tag": label}, {"tag": str(text)[:40]})


def _well_formed(
    species: str, counties: set[str], texts: list[str]
) -> tuple[list[tuple[str, int]], list[Problem]]:
    """The codes that are well formed, listed once, of the species and of the farm's county
    (current or historical), and a problem for every other one."""
    digit = TAG_DIGIT_BY_SPECIES.get(CATEGORY_SPECIES.get(species, species))
    problems: list[Problem] = []
    parsed: list[tuple[str, int]] = []
    seen: set[int] = set()
    for text in texts:
        code = codes.try_parse(text)
        if code is None:
            problems.append(codes.malformed(text))
            continue
        number = int(code)
        if number in seen:
            problems.append(problem("EARTAG_DUPLICATE", number, text))
            continue
        seen.add(number)
        if digit is None or code[0] != digit:
            problems.append(problem("EARTAG_SPECIES_MISMATCH", number, text))
        elif code[1:7] not in counties:
            problems.append(problem("EARTAG_COUNTY_MISMATCH", number, text))
        else:
            parsed.append((text, number))
    return parsed, problems


def declaration_problems(*, farm: Farm, species: str, texts: list[str]) -> list[Problem]:
    """Read-only. Every problem of tags declared for animals of `species` leaving `farm`:
    malformed, listed twice, wrong species, county not the farm's, then by the tag's state
    cancelled, not from stock the farm may use, already claimed or in transit (DOMAIN.md §3)."""
    parsed, problems = _well_formed(species, queries.valid_counties(farm.region_id[:6]), texts)
    facts = queries.tag_facts(number for _text, number in parsed)
    keys = usable_keys(farm)
    for text, number in parsed:
        fact = facts[number]
        usable = fact.farm_id == farm.pk or (
            fact.piece is not None and fact.piece.holder_key in keys
        )
        code = rules.declaration_problem(fact.state, usable=usable, claimed=fact.claim is not None)
        if code:
            problems.append(problem(code, number, text))
    return problems


def fitting_problems(farm: Farm, numbers: list[int], texts: list[str]) -> list[Problem]:
    """Inside the fitting's transaction (the tags' records are locked): by each tag's state,
    cancelled, already worn or travelling, or not from stock the farm may use."""
    facts = queries.tag_facts(numbers, lock=True)
    keys = usable_keys(farm)
    problems = []
    for text, number in zip(texts, numbers, strict=True):
        fact = facts[number]
        usable = fact.piece is not None and fact.piece.holder_key in keys
        code = rules.fitting_problem(fact.state, usable=usable)
        if code:
            problems.append(problem(code, number, text, FITTED if code == "EARTAG_IN_USE" else ""))
    return problems
