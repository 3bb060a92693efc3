"""PostgreSQL only: the database itself refuses overlapping ranges (an exclusion constraint
on int8range), and a GiST index answers "which moves contain this tag" for the trace.
On SQLite the service checks overlap before every insert (services._refuse_overlap)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE eartags_tagrange ADD CONSTRAINT eartags_ranges_never_overlap "
    "EXCLUDE USING gist (int8range(first, last, '[]') WITH &&)",
    "CREATE INDEX eartags_tagmove_span ON eartags_tagmove "
    "USING gist (int8range(first, last, '[]'))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS eartags_tagmove_span",
    "ALTER TABLE eartags_tagrange DROP CONSTRAINT IF EXISTS eartags_ranges_never_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("eartags", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
