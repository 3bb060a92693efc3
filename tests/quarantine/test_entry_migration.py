"""quarantine 0004: a slaughter entry's three JSON lists of tags become one row per tag
(matched, missing, extra) and every entry recorded so far reads as slaughtered; backwards,
the lists come back from the rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.quarantine import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("quarantine", "0003_tags_in_claims")]
AFTER = [("quarantine", "0004_slaughter_hold")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_entry_lists_move_into_rows_and_back(tagged, certificate):
    try:
        old = _migrate(BEFORE)
        entry = old.get_model("quarantine", "SlaughterEntry").objects.create(
            certificate_id=certificate.pk,
            slaughterhouse_id=tagged.slaughterhouse.pk,
            presented_tags=[factories.tag(2), factories.tag(1), factories.tag(900)],
            matched=2,
            missing_tags=[factories.tag(3), factories.tag(4), factories.tag(5)],
            extra_tags=[factories.tag(900)],
            slaughtered=3,
            reconciled=False,
        )
        new = _migrate(AFTER)
        rows = new.get_model("quarantine", "EntryTag").objects.filter(entry_id=entry.pk)
        assert sorted(rows.values_list("code", "outcome")) == [
            (factories.tag(1), "matched"),
            (factories.tag(2), "matched"),
            (factories.tag(3), "missing"),
            (factories.tag(4), "missing"),
            (factories.tag(5), "missing"),
            (factories.tag(900), "extra"),
        ]
        migrated = new.get_model("quarantine", "SlaughterEntry").objects.get(pk=entry.pk)
        assert migrated.status == "slaughtered" and migrated.slaughtered == 3
        back = _migrate(BEFORE)
        lists = back.get_model("quarantine", "SlaughterEntry").objects.get(pk=entry.pk)
        presented = [factories.tag(1), factories.tag(2), factories.tag(900)]
        assert sorted(lists.presented_tags) == presented
        assert lists.missing_tags == factories.tags(3, 3)
        assert lists.extra_tags == [factories.tag(900)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
