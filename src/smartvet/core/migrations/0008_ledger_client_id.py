"""The browser's id of an entry made offline, once per account (core.offline)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0007_ledger_chain_keys")]

    operations = [
        migrations.AddField(
            model_name="ledgerevent",
            name="client_id",
            field=models.UUIDField(blank=True, null=True, verbose_name="终端录入编号"),
        ),
        migrations.AddConstraint(
            model_name="ledgerevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("client_id__isnull", False)),
                fields=("actor", "client_id"),
                name="ledger_entry_once",
            ),
        ),
    ]
