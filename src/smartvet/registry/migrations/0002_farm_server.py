"""Who serves a farm gets a basis and a period (issue 11): the plain farm–account set becomes
FarmServer rows; every existing pair was a station's direct assignment."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_assignments(apps, schema_editor):
    Farm = apps.get_model("registry", "Farm")
    FarmServer = apps.get_model("registry", "FarmServer")
    pairs = Farm.servers.through.objects.values_list("farm_id", "user_id")
    FarmServer.objects.bulk_create(
        FarmServer(farm_id=farm, account_id=account, basis="station", reference=0)
        for farm, account in pairs.iterator()
    )


def copy_back(apps, schema_editor):
    Farm = apps.get_model("registry", "Farm")
    FarmServer = apps.get_model("registry", "FarmServer")
    Farm.servers.through.objects.bulk_create(
        Farm.servers.through(farm_id=farm, user_id=account)
        for farm, account in FarmServer.objects.filter(basis="station")
        .values_list("farm_id", "account_id")
        .iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FarmServer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "basis",
                    models.CharField(
                        choices=[("station", "乡镇站直接指派"), ("agreement", "服务协议")],
                        max_length=20,
                        verbose_name="依据",
                    ),
                ),
                ("reference", models.PositiveIntegerField(default=0, verbose_name="协议编号")),
                ("starts_on", models.DateField(blank=True, null=True, verbose_name="起始日期")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="截止日期")),
                (
                    "account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="serving_links",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="服务的防疫员或服务主体",
                    ),
                ),
                (
                    "farm",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="server_links",
                        to="registry.farm",
                    ),
                ),
            ],
            options={
                "verbose_name": "服务关系",
                "verbose_name_plural": "服务关系",
                "indexes": [models.Index(fields=["account", "farm"], name="serving_account_farm")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("farm", "account", "basis", "reference"), name="one_serving_link"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_assignments, copy_back),
        migrations.RemoveField(model_name="farm", name="servers"),
    ]
