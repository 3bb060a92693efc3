"""The other apps quarantine calls (DESIGN.md: quarantine may call eartags, immunization and
registry), imported as modules at call time so that each app can be worked on alone."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


def eartag_codes() -> ModuleType:
    return import_module("smartvet.eartags.codes")


def eartags() -> ModuleType:
    return import_module("smartvet.eartags.services")


def eartag_queries() -> ModuleType:
    return import_module("smartvet.eartags.queries")


def immunization() -> ModuleType:
    return import_module("smartvet.immunization.queries")
