"""Named test personas: one account per role, in two townships of 夷陵区 (龙泉镇 and
鸦鹊岭镇) and in 济源市 — the demo accounts, so tests and the demo speak of the same people."""

from __future__ import annotations

from types import SimpleNamespace

from smartvet.core import demo
from smartvet.core.models import User

PASSWORD = "test-password-1"


def create_personas() -> SimpleNamespace:
    demo.load(PASSWORD)
    return SimpleNamespace(**{user.username: user for user in User.objects.all()})


PERSONA_NAMES = [username for username, *_rest in demo.ACCOUNTS]
