"""A slaughter entry whose tags do not match its certificate is held until the resident
official vet decides (issue 10, point 3): the entry gets a status and its decisions, in
order, and its tags one row each (matched, missing, extra) so a tag's trace finds every
entry it was seen at. The three JSON lists move into those rows and are dropped; every
entry recorded so far was slaughtered at once. Backwards, the lists are written back from
the rows."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CHUNK = 2000


def _rows(EntryTag, pk, presented, missing, extra):
    """An entry's tags once each: presented ones matched unless listed extra, then missing."""
    extra = {str(code) for code in extra or []}
    outcomes = {str(code): "extra" if str(code) in extra else "matched" for code in presented or []}
    for code in missing or []:
        outcomes.setdefault(str(code), "missing")
    return [EntryTag(entry_id=pk, code=code[:15], outcome=o) for code, o in outcomes.items()]


def forward(apps, schema_editor):
    SlaughterEntry = apps.get_model("quarantine", "SlaughterEntry")
    EntryTag = apps.get_model("quarantine", "EntryTag")
    lists = SlaughterEntry.objects.values_list("pk", "presented_tags", "missing_tags", "extra_tags")
    rows = []
    for values in lists.iterator(chunk_size=CHUNK):
        rows.extend(_rows(EntryTag, *values))
        if len(rows) >= CHUNK:
            EntryTag.objects.bulk_create(rows)
            rows = []
    EntryTag.objects.bulk_create(rows)


def backward(apps, schema_editor):
    SlaughterEntry = apps.get_model("quarantine", "SlaughterEntry")
    EntryTag = apps.get_model("quarantine", "EntryTag")
    for entry in SlaughterEntry.objects.iterator(chunk_size=CHUNK):
        tags = list(EntryTag.objects.filter(entry_id=entry.pk).values_list("code", "outcome"))
        entry.presented_tags = [code for code, outcome in tags if outcome != "missing"]
        entry.missing_tags = [code for code, outcome in tags if outcome == "missing"]
        entry.extra_tags = [code for code, outcome in tags if outcome == "extra"]
        entry.save(update_fields=["presented_tags", "missing_tags", "extra_tags"])


class Migration(migrations.Migration):
    dependencies = [
        ("quarantine", "0003_tags_in_claims"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="slaughterentry",
            options={
                "ordering": ["-at"],
                "verbose_name": "入场查验",
                "verbose_name_plural": "入场查验",
            },
        ),
        migrations.AddField(
            model_name="slaughterentry",
            name="status",
            field=models.CharField(
                choices=[
                    ("slaughtered", "已屠宰"),
                    ("held", "待处理"),
                    ("investigating", "暂扣调查"),
                    ("admitted", "相符部分已屠宰"),
                    ("refused", "拒绝入场"),
                ],
                db_index=True,
                default="slaughtered",
                max_length=20,
                verbose_name="状态",
            ),
        ),
        migrations.CreateModel(
            name="EntryDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("slaughtered", "已屠宰"),
                            ("held", "待处理"),
                            ("investigating", "暂扣调查"),
                            ("admitted", "相符部分已屠宰"),
                            ("refused", "拒绝入场"),
                        ],
                        max_length=20,
                        verbose_name="处理结果",
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="处理时间"
                    ),
                ),
                ("notes", models.CharField(blank=True, max_length=200, verbose_name="处理意见")),
                (
                    "decided_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="驻场官方兽医",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decisions",
                        to="quarantine.slaughterentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "入场处理",
                "verbose_name_plural": "入场处理",
                "ordering": ["at", "id"],
            },
        ),
        migrations.CreateModel(
            name="EntryTag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=15, verbose_name="耳标号")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("matched", "与证明相符"),
                            ("missing", "证上有、未出示"),
                            ("extra", "出示了、证上没有"),
                        ],
                        max_length=10,
                        verbose_name="核对结果",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tags",
                        to="quarantine.slaughterentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "入场耳标",
                "verbose_name_plural": "入场耳标",
                "ordering": ["code"],
                "indexes": [models.Index(fields=["code"], name="quarantine_entry_tag_code")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("entry", "code"), name="quarantine_entry_tag_once"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="slaughterentry", name="extra_tags"),
        migrations.RemoveField(model_name="slaughterentry", name="missing_tags"),
        migrations.RemoveField(model_name="slaughterentry", name="presented_tags"),
    ]
