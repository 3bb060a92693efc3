"""The ledger as a person reads it: actions, objects and summary fields by their Chinese names
(English in English), personal data masked for roles that do not work with the person.

Each app names its own on its AppConfig, so adding an app edits no other:
    ledger_actions = {"farm.registered": _("登记养殖场"), ...}
    ledger_fields = {"stock": _("存栏"), ...}
    ledger_values = ["smartvet.registry.models.FarmKind", ...]   (choices of coded values)
Objects are named by their model's verbose name; livestock categories and roles are known to
core already."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from smartvet.core.access import can
from smartvet.core.models import Role
from smartvet.core.permissions import SEE_PERSONAL_DATA
from smartvet.core.personal import masked
from smartvet.core.species import CATEGORY_LABELS


def _merged(attribute: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for config in apps.get_app_configs():
        merged.update(getattr(config, attribute, {}))
    return merged


def _coded_values() -> dict[str, Any]:
    """Coded values the apps write in summaries, from the choices they name by path (their
    models cannot be imported while the AppConfigs load)."""
    values: dict[str, Any] = {}
    for config in apps.get_app_configs():
        for path in getattr(config, "ledger_values", []):
            values.update(dict(import_string(path).choices))
    return values


def _vocabulary() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    fields = {**CATEGORY_LABELS, **_merged("ledger_fields")}
    values = {**CATEGORY_LABELS, **dict(Role.choices), **_coded_values()}
    return _merged("ledger_actions"), fields, values


def object_label(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return ""


def value_text(value: Any, fields: dict[str, Any], values: dict[str, Any]) -> str:
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "、".join(value_text(item, fields, values) for item in value) or "—"
    if isinstance(value, dict):
        return "；".join(
            f"{fields.get(key, key)} {value_text(item, fields, values)}"
            for key, item in value.items()
        )
    return str(values.get(value, value)) if isinstance(value, str) else str(value)


def describe_all(events: Any, reader: Any) -> list[dict[str, Any]]:
    """Each event as the ledger page shows it to `reader`: personal numbers in full to those
    who work with owners in person and to the owner the event is about (as the farm's page
    shows an owner its own numbers), masked for everyone else."""
    actions, fields, values = _vocabulary()
    personal = can(reader, SEE_PERSONAL_DATA)
    rows = []
    for event in events:
        in_full = personal or (event.owner_id is not None and event.owner_id == reader.pk)
        summary = event.summary if in_full else masked(event.summary)
        lines = [
            (fields.get(key, key), value_text(value, fields, values))
            for key, value in summary.items()
        ]
        rows.append(
            {
                "event": event,
                "action": actions.get(event.action, _("其他操作")),
                "object": object_label(event.object_type),
                "lines": lines,
            }
        )
    return rows
