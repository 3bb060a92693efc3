"""Named test personas: one account per role, in two townships of 夷陵区 (龙泉镇 and
鸦鹊岭镇) and in 济源市 — the demo accounts, so tests and the demo speak of the same people.

They are created once per test session (tests/conftest.py, `django_db_setup`); each test
rolls back to them and reads them afresh, so no test sees another test's changes."""

from __future__ import annotations

from types import SimpleNamespace

from smartvet.core import demo
from smartvet.core.models import User

PASSWORD = "test-password-1"
PERSONA_NAMES = [username for username, *_rest in demo.ACCOUNTS]


def create_personas() -> None:
    demo.load(PASSWORD)


def stored_personas() -> SimpleNamespace:
    """The personas as the database holds them now, as new objects: a test that changes its
    persona in memory leaves the next test's persona untouched."""
    users = User.objects.filter(username__in=PERSONA_NAMES)
    return SimpleNamespace(**{user.username: user for user in users})
