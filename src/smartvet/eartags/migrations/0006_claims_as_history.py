"""Claims stay after they end (released, arrived) as the record of which tags a declaration
and its certificate listed; a tag is live on one claim at most (a partial unique index)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('eartags', '0005_tag_farm_status_index'),
        ('registry', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='tagclaim',
            name='ended_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='结束时间'),
        ),
        migrations.AlterField(
            model_name='tagclaim',
            name='code',
            field=models.BigIntegerField(verbose_name='耳标号'),
        ),
        migrations.AlterField(
            model_name='tagclaim',
            name='ref',
            field=models.CharField(max_length=60, verbose_name='占用单据'),
        ),
        migrations.AlterField(
            model_name='tagclaim',
            name='status',
            field=models.CharField(choices=[('claimed', '申报占用'), ('in_transit', '运输途中'), ('released', '解除占用'), ('arrived', '到达')], default='claimed', max_length=12, verbose_name='状态'),
        ),
        migrations.AddIndex(
            model_name='tagclaim',
            index=models.Index(fields=['code'], name='eartags_claim_code'),
        ),
        migrations.AddConstraint(
            model_name='tagclaim',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('claimed', 'in_transit'))), fields=('code',), name='eartags_claim_one_live_per_tag'),
        ),
        migrations.AddConstraint(
            model_name='tagclaim',
            constraint=models.UniqueConstraint(fields=('ref', 'code'), name='eartags_claim_once_per_ref'),
        ),
    ]
