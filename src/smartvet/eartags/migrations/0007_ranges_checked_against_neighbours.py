"""PostgreSQL only: ranges are kept from overlapping by a check against their neighbours
instead of the GiST exclusion constraint of 0002, which cost 9–14 s of a 100,000-row import
(issue 16 point 3).

Ranges never overlap iff no two neighbours by `first` overlap, and a write can only make an
overlap that involves a row it wrote (rows it did not write overlapped before, or not at all).
So after every INSERT or UPDATE statement a trigger checks each written row against its
predecessor and its successor by the unique btree on `first`: two index probes per row, one
set-based query per statement. Two transactions could each pass that check without seeing the
other's rows, so the trigger first takes an advisory lock per block (species and county, which
a range never leaves) until the transaction ends, in block order: the second writer in a block
waits for the first to commit and then checks against what it committed (READ COMMITTED: the
function's query takes a fresh snapshot). The guarantee holds for any writer, the services'
own locks (`lock_blocks`) or not."""

from django.db import migrations

LOCK_SPACE = 8_405  # first key of the eartags advisory locks, the block is the second

FUNCTION = f"""
CREATE FUNCTION eartags_ranges_never_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    clash record;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_SPACE}, block::int)
    FROM (SELECT DISTINCT first / 100000000 AS block FROM written ORDER BY 1) AS blocks;
    SELECT w.first, w.last INTO clash FROM written w
    WHERE EXISTS (
        SELECT 1 FROM eartags_tagrange r WHERE r.first > w.first AND r.first <= w.last
    ) OR (
        SELECT p.last FROM eartags_tagrange p WHERE p.first < w.first
        ORDER BY p.first DESC LIMIT 1
    ) >= w.first
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'range %-% overlaps another range', clash.first, clash.last
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'eartags_ranges_never_overlap';
    END IF;
    RETURN NULL;
END $$
"""

FORWARD = [
    "ALTER TABLE eartags_tagrange DROP CONSTRAINT eartags_ranges_never_overlap",
    FUNCTION,
    *(
        f"CREATE TRIGGER eartags_ranges_never_overlap_{event.lower()} AFTER {event} "
        "ON eartags_tagrange REFERENCING NEW TABLE AS written FOR EACH STATEMENT "
        "EXECUTE FUNCTION eartags_ranges_never_overlap()"
        for event in ("INSERT", "UPDATE")
    ),
]
BACKWARD = [
    "DROP TRIGGER eartags_ranges_never_overlap_insert ON eartags_tagrange",
    "DROP TRIGGER eartags_ranges_never_overlap_update ON eartags_tagrange",
    "DROP FUNCTION eartags_ranges_never_overlap()",
    "ALTER TABLE eartags_tagrange ADD CONSTRAINT eartags_ranges_never_overlap "
    "EXCLUDE USING gist (int8range(first, last, '[]') WITH &&)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)  # the function's RAISE has %

    return run


class Migration(migrations.Migration):
    dependencies = [("eartags", "0006_claims_as_history")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
