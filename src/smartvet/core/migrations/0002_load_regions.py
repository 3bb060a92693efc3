"""Load the NBS 2023 division lists shipped with the package (provinces down to the
41,352 townships), the national root, and the ledger's head row."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    LedgerHead = apps.get_model("core", "LedgerHead")
    LedgerHead.objects.get_or_create(pk=1, defaults={"seq": 0, "digest": "0" * 64})
    Region.objects.bulk_create([Region(code="CN", name="全国", level="nation")],
                               ignore_conflicts=True)
    batches = [
        ("provinces-2023.csv", "province", lambda row: "CN"),
        ("cities-2023.csv", "city", lambda row: row["provinceCode"]),
        ("counties-2023.csv", "county", lambda row: row["cityCode"]),
        ("townships-2023.csv", "township", lambda row: row["areaCode"]),
    ]
    for filename, level, parent_of in batches:
        Region.objects.bulk_create(
            [Region(code=row["code"], name=row["name"], level=level, parent_id=parent_of(row))
             for row in _rows(filename)],
            batch_size=2000, ignore_conflicts=True)


def unload(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for level in ("village", "township", "county", "city", "province", "nation"):
        Region.objects.filter(level=level).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
