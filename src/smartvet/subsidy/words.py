"""How the subsidy's coded values read to a user (issue 10 points 7 and 10): a line's basis in
words ("按存栏120头与免疫120头取小"), the anomaly flags, antibody rounds, a policy's count bases
and scale groups. The stored data and the command line keep their codes and the contract's
basis text (CONTRACT.md `smartvet subsidy-calc`); only pages and workbooks read these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.species import CATEGORY_LABELS, CATEGORY_SPECIES, SPECIES_UNITS
from smartvet.immunization.models import Disease, Round
from smartvet.subsidy import calc, rules

# What a rated category is counted by (calc.BASES), as the policy form offers it.
BASIS_LABELS = {"stock": gettext_lazy("按存栏数"), "quarantined": gettext_lazy("按产地检疫数")}

_BASIS_WORDS = {
    "stock": gettext_lazy("按存栏%(counted)d%(unit)s与免疫%(immunized)d%(unit)s取小"),
    "quarantined": gettext_lazy("按产地检疫%(counted)d%(unit)s与免疫%(immunized)d%(unit)s取小"),
}

FLAG_LABELS = {
    "IMMUNIZED_ABOVE_STOCK": gettext_lazy("免疫数超过存栏"),
    "IMMUNIZED_ABOVE_DOSES": gettext_lazy("免疫数超过购苗量"),
    "VACCINE_USED_ABOVE_BOUGHT": gettext_lazy("用苗量超过购苗量"),
    "QUARANTINED_ABOVE_IMMUNIZED": gettext_lazy("检疫数超过免疫数"),
    "ANTIBODY_TEST_MISSING": gettext_lazy("缺少抗体检测"),
}

_DISEASES = dict(Disease.choices)
_ROUNDS = dict(Round.choices)


def category(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


def unit(code: str) -> str:
    """头, 只 or 羽: how the category's animals are counted."""
    return str(SPECIES_UNITS.get(CATEGORY_SPECIES.get(code, ""), gettext_lazy("头")))


def basis(line: Mapping[str, Any]) -> str:
    """The line's basis in words, read from the contract's text ("min(stock 120, immunized
    120)" -> "按存栏120头与免疫120头取小")."""
    parts = calc.read_basis(str(line.get("basis", "")))
    if parts is None:
        return ""
    counted_by, counted, immunized = parts
    return str(_BASIS_WORDS[counted_by]) % {
        "counted": counted,
        "immunized": immunized,
        "unit": unit(line.get("category", "")),
    }


def with_words(line: Mapping[str, Any]) -> dict[str, Any]:
    """A stored calculation line with its category and basis in words."""
    return {**line, "label": category(line.get("category", "")), "words": basis(line)}


def counts(values: Mapping[str, int]) -> str:
    """{"sow": 400, "fattening_pig": 900} -> "能繁母猪400头；育肥猪900头"."""
    return _("；").join(
        _("%(category)s%(count)d%(unit)s")
        % {"category": category(code), "count": count, "unit": unit(code)}
        for code, count in values.items()
    )


def antibody_test(test: Mapping[str, Any]) -> str:
    """A counted antibody test: disease, round and the qualified share."""
    return _("%(disease)s%(round)s：合格%(qualified)d/%(samples)d") % {
        "disease": _DISEASES.get(test.get("disease", ""), _("抗体检测")),
        "round": _ROUNDS.get(test.get("round", ""), ""),
        "qualified": test.get("qualified", 0),
        "samples": test.get("samples", 0),
    }


def flag(code: str) -> str:
    return str(FLAG_LABELS.get(code, _("异常")))


def with_label(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored anomaly flag with its name and its message in the active language."""
    return {**stored, "label": flag(stored.get("code", "")), "message": rules.flag_message(stored)}


def group(categories: Iterable[str]) -> str:
    """A scale group by the categories it sums: "能繁母猪、育肥猪、种公猪"."""
    return _("、").join(category(code) for code in categories)


def group_unit(categories: Iterable[str]) -> str:
    return unit(next(iter(categories), ""))
