"""Refresh tests/core/advisories/pypa.json from a copy of the PyPA advisory database, on a
machine with network (docs/decisions/0005):

    git clone --depth 1 https://github.com/pypa/advisory-database /tmp/advisory-database
    .venv/bin/python -m tests.core.advisories.refresh /tmp/advisory-database

Keeps the advisories of every distribution installed in this environment (runtime, test and
dev tools alike), as the ranges the audit reads."""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

import yaml
from packaging.utils import canonicalize_name

TARGET = Path(__file__).resolve().parent / "pypa.json"


def _ranges(affected: dict) -> list[list[str]]:
    pairs, start = [], None
    for range_ in affected.get("ranges", []):
        for event in range_.get("events", []):
            if "introduced" in event:
                start = event["introduced"]
            elif "fixed" in event and start is not None:
                pairs.append([start, event["fixed"]])
                start = None
    if start is not None:  # no fix yet: every version from `start` on
        pairs.append([start, ""])
    return pairs


def refresh(database: Path) -> dict:
    installed = {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions()}
    advisories = []
    for package in sorted(installed):
        for path in sorted((database / "vulns" / package).glob("*.yaml")):
            entry = yaml.safe_load(path.read_text())
            for affected in entry.get("affected", []):
                if canonicalize_name(affected["package"]["name"]) == package:
                    advisories.append(
                        {
                            "id": entry["id"],
                            "aliases": entry.get("aliases", []),
                            "package": package,
                            "ranges": _ranges(affected),
                            "summary": entry.get("summary")
                            or entry.get("details", "").splitlines()[0][:200],
                        }
                    )
    return {
        "source": "PyPA advisory database (OSV format), github.com/pypa/advisory-database",
        "taken": date.today().isoformat(),
        "scope": "every distribution installed when it was taken",
        "advisories": advisories,
    }


if __name__ == "__main__":
    TARGET.write_text(json.dumps(refresh(Path(sys.argv[1])), indent=2, ensure_ascii=False))
