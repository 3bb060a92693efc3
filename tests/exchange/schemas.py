"""The published event schemas (docs/exchange/<type>.schema.json) as validators."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema_rs

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "exchange"


@cache
def validator(event_type: str):
    schema = json.loads((SCHEMAS / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def problems(envelope: dict) -> list[str]:
    """What is wrong with an event by its type's schema; [] when it conforms."""
    path = SCHEMAS / f"{envelope.get('type')}.schema.json"
    if not path.exists():
        return [f"no schema for type {envelope.get('type')!r}"]
    return [error.message for error in validator(envelope["type"]).iter_errors(envelope)]
