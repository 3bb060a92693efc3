"""Load the reference data: the NBS 2023 division lists shipped with the package, the
national root (smartvet.core.reference_data). The ledger's heads, once made here, are made by
each chain's first event since 0006."""

from django.db import migrations

from smartvet.core import reference_data


def load(apps, schema_editor):
    reference_data.load(apps.get_model("core", "Region"))


def unload(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for level in ("village", "township", "county", "city", "province", "nation"):
        Region.objects.filter(level=level).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
