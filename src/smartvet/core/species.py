"""Livestock categories, the species they belong to and how they are counted.

The category codes are CONTRACT.md's; the ear-tag species digit is the one of
《畜禽标识和养殖档案管理办法》 (1 pig, 2 cattle, 3 sheep and goat).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

CATEGORY_SPECIES = {
    "sow": "pig",
    "fattening_pig": "pig",
    "breeding_boar": "pig",
    "dairy_cattle": "cattle",
    "beef_cattle": "cattle",
    "sheep": "sheep",
    "goat": "sheep",
    "layer": "poultry",
    "broiler": "poultry",
    "duck": "poultry",
    "goose": "poultry",
}
CATEGORIES = list(CATEGORY_SPECIES)

CATEGORY_LABELS = {
    "sow": _("能繁母猪"),
    "fattening_pig": _("育肥猪"),
    "breeding_boar": _("种公猪"),
    "dairy_cattle": _("奶牛"),
    "beef_cattle": _("肉牛"),
    "sheep": _("绵羊"),
    "goat": _("山羊"),
    "layer": _("蛋禽"),
    "broiler": _("肉禽"),
    "duck": _("鸭"),
    "goose": _("鹅"),
}

SPECIES_LABELS = {"pig": _("猪"), "cattle": _("牛"), "sheep": _("羊"), "poultry": _("禽")}

# The unit printed on certificates and pages (数量及单位).
SPECIES_UNITS = {"pig": _("头"), "cattle": _("头"), "sheep": _("只"), "poultry": _("羽")}

# Species whose animals must each carry an ear tag (DOMAIN.md §3), with their tag digit.
TAG_DIGIT_BY_SPECIES = {"pig": "1", "cattle": "2", "sheep": "3"}
SPECIES_BY_TAG_DIGIT = {digit: species for species, digit in TAG_DIGIT_BY_SPECIES.items()}


def species_of(category: str) -> str:
    return CATEGORY_SPECIES[category]


def is_tagged_species(species: str) -> bool:
    return species in TAG_DIGIT_BY_SPECIES


def category_choices() -> list[tuple[str, Any]]:
    """(code, label) with the labels left lazy: they translate when a page renders."""
    return [(code, CATEGORY_LABELS[code]) for code in CATEGORIES]
