"""The keys of the per-county chains, once 0006 has filled them (a separate migration: on
PostgreSQL the rows 0006 rewrote must be committed before their table is altered)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0006_ledger_chains")]

    operations = [
        migrations.AlterField(
            model_name="ledgerhead",
            name="chain",
            field=models.CharField(max_length=12, unique=True),
        ),
        migrations.AddConstraint(
            model_name="ledgerevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "chain_seq"), name="ledger_chain_position"
            ),
        ),
    ]
