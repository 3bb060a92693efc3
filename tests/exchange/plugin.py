"""Every outbox event any test emits conforms to its published schema (issue 14 "done when").

Loaded for the whole suite by `pytest_plugins = ["tests.exchange.plugin"]` in tests/conftest.py
(and by tests/exchange/conftest.py for this folder): the outbox's `store` is wrapped so the
event is checked the moment a service writes it, and a test whose flow emits an event that
does not fit fails at that write, naming the type and the schema's complaint."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def outbox_events_conform_to_their_schemas():
    # imported here: a plugin loads before Django is set up
    from smartvet.core import outbox
    from tests.exchange.schemas import problems

    store = outbox.store

    def checked(ledger_event, national):
        event = store(ledger_event, national)
        found = problems(event.envelope())
        assert not found, f"outbox event {event.type} breaks its schema: {found}"
        return event

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "store", checked)
        yield
