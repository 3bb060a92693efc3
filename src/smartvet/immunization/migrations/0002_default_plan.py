"""The default compulsory plan (国家动物疫病强制免疫指导意见(2022—2025年)); admins edit it."""

from django.db import migrations

# (disease, category, protection days, boost interval days, nationwide, schedule); frozen here.
PLAN = [
    ("HPAI", "layer", 180, 120, True, "春秋两季集中免疫，每月补免；规模场按程序4-6个月加强"),
    ("HPAI", "broiler", 180, 120, True, "春秋两季集中免疫，每月补免；规模场按程序4-6个月加强"),
    ("HPAI", "duck", 180, 120, True, "春秋两季集中免疫，每月补免；规模场按程序4-6个月加强"),
    ("HPAI", "goose", 180, 120, True, "春秋两季集中免疫，每月补免；规模场按程序4-6个月加强"),
    ("FMD", "sow", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "fattening_pig", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "breeding_boar", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "dairy_cattle", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "beef_cattle", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "sheep", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("FMD", "goat", 180, 120, True, "春秋两季集中免疫，每月补免；规模场每4-6个月加强免疫"),
    ("PPR", "sheep", 1095, 365, True, "新补栏羊及时免疫，保护期3年"),
    ("PPR", "goat", 1095, 365, True, "新补栏羊及时免疫，保护期3年"),
    ("BRUCELLOSIS", "dairy_cattle", 1095, 365, False, "省级列入强制免疫的地区实施"),
    ("BRUCELLOSIS", "beef_cattle", 1095, 365, False, "省级列入强制免疫的地区实施"),
    ("BRUCELLOSIS", "sheep", 1095, 365, False, "省级列入强制免疫的地区实施"),
    ("BRUCELLOSIS", "goat", 1095, 365, False, "省级列入强制免疫的地区实施"),
    ("ECHINOCOCCOSIS", "sheep", 365, 365, False, "省级列入强制免疫的地区实施"),
    ("ECHINOCOCCOSIS", "goat", 365, 365, False, "省级列入强制免疫的地区实施"),
]


def load_plan(apps, schema_editor):
    PlanEntry = apps.get_model("immunization", "PlanEntry")
    for disease, category, protection, interval, nationwide, schedule in PLAN:
        PlanEntry.objects.get_or_create(
            disease=disease,
            category=category,
            defaults={
                "protection_days": protection,
                "interval_days": interval,
                "nationwide": nationwide,
                "schedule": schedule,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("immunization", "0001_initial")]

    operations = [migrations.RunPython(load_plan, migrations.RunPython.noop)]
