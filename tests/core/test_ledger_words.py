"""Every event the platform writes reads in words on the ledger page: its action has a name,
its summary fields have labels (issue 10 point 7)."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import call_command

from smartvet.core import ledger_labels
from smartvet.core.models import LedgerEvent, User
from smartvet.eartags.models import MoveKind

SOURCE = Path(__file__).resolve().parents[2] / "src" / "smartvet"
LITERAL_ACTION = re.compile(r'(?:action=|_record\([^,]+,[^,]+,\s*)"([a-z_]+\.[a-z_]+)"')


def _written_actions() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        found.update(LITERAL_ACTION.findall(path.read_text(encoding="utf-8")))
    # actions named from a status or a move kind
    found.update(f"eartags.{kind}" for kind in MoveKind.values)
    found.update(f"subsidy.application_{status}" for status in ("returned", "rejected"))
    return found


def test_every_action_written_in_the_code_has_a_name():
    actions, _fields, _values = ledger_labels._vocabulary()
    written = _written_actions()
    assert len(written) > 40
    assert sorted(written - set(actions)) == []


def test_the_demo_ledger_reads_in_words(db, client):
    User.objects.exclude(provider=None).delete()
    User.objects.all().delete()
    call_command("demo", no_serve=True)
    actions, fields, _values = ledger_labels._vocabulary()
    events = list(LedgerEvent.objects.all())
    assert events
    assert {event.action for event in events} <= set(actions)
    unlabelled = {key for event in events for key in event.summary if key not in fields}
    assert unlabelled == set()
    client.force_login(User.objects.get(username="admin"))
    page = client.get("/ledger/").content.decode()
    assert "{'" not in page and not re.search(r"<td>[a-z_]+\.[a-z_]+</td>", page)
