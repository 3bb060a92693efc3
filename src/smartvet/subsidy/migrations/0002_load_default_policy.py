"""Load the shipped policy `jiyuan-2024` (policies.py, the one place its defaults live)
at the national root, as the template every county copies."""

from django.db import migrations

from smartvet.subsidy import policies


def load(apps, schema_editor):
    SubsidyPolicy = apps.get_model("subsidy", "SubsidyPolicy")
    for code in policies.DEFAULTS:
        rules = policies.default(code)
        if not SubsidyPolicy.objects.filter(code=code).exists():
            SubsidyPolicy.objects.create(
                code=code, name=rules["name"], region_id="CN", version=1, rules=rules
            )


def unload(apps, schema_editor):
    apps.get_model("subsidy", "SubsidyPolicy").objects.filter(
        code__in=list(policies.DEFAULTS), copied_from__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("subsidy", "0001_initial"), ("core", "0002_load_regions")]
    operations = [migrations.RunPython(load, unload)]
