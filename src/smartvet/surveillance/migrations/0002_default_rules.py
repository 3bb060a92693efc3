from django.db import migrations


def load(apps, schema_editor):
    from smartvet.surveillance.defaults import DEFAULT_RULES

    AlertRule = apps.get_model("surveillance", "AlertRule")
    for rule in DEFAULT_RULES:
        AlertRule.objects.get_or_create(code=rule["code"], region_id="CN", defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("surveillance", "0001_initial"), ("core", "0002_load_regions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
