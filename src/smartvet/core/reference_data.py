"""The reference data every database starts with: the division tree shipped with the package
(NBS 2023, provinces down to the 41,352 townships) and the national root. (Ledger heads are
made by each chain's first event: docs/decisions/0004.)

Loaded by migration 0002; tests that flush the database reload it from here."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

LEVEL_FILES = [
    ("provinces-2023.csv", "province", lambda row: "CN"),
    ("cities-2023.csv", "city", lambda row: row["provinceCode"]),
    ("counties-2023.csv", "county", lambda row: row["cityCode"]),
    ("townships-2023.csv", "township", lambda row: row["areaCode"]),
]


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load(region_model, head_model=None) -> None:
    """Idempotent: rows that exist are left alone. Takes the model class so that a
    migration can pass its historical model. `head_model` is ignored (the ledger's heads are
    made by their chains' first events) until tests/conftest.py stops passing it."""
    region_model.objects.bulk_create(
        [region_model(code="CN", name="全国", level="nation")], ignore_conflicts=True
    )
    for filename, level, parent_of in LEVEL_FILES:
        region_model.objects.bulk_create(
            [
                region_model(
                    code=row["code"], name=row["name"], level=level, parent_id=parent_of(row)
                )
                for row in _rows(filename)
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
