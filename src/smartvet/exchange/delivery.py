"""Delivery of the outbox to the national platform (issue 14 point 2; docs/decisions/0008).

One deliverer at a time sends the pending events in the order they were written (the
ledger's numbers: so in order per object, and the farm before its certificate), as one POST
`{"events": [...]}` of up to `BATCH` events to SMARTVET_NATIONAL_URL with the bearer token
SMARTVET_NATIONAL_TOKEN. A 2xx acknowledges the whole batch; anything else (or no answer)
leaves it pending and the stream waits, doubling the wait from 5 s up to 15 min, until the
platform takes it. At least once: an event is marked acknowledged only after the 2xx, so a
deliverer killed in between sends it again and the receiver drops it by its id.

The acknowledgements are the deliverer's bookkeeping, not business writes: they are not in
the ledger (they would double it); purging old published events is (services.purge_published).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import time
from dataclasses import dataclass
from datetime import timedelta
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core.models import OutboxEvent

log = logging.getLogger("smartvet.exchange")

BATCH = 200
FIRST_WAIT = 5  # seconds after the first failure
LONGEST_WAIT = 900
TIMEOUT = 15  # seconds for the platform's answer
LOCK_KEY = 0x5E7E_0014  # pg advisory lock of the one deliverer


def backoff(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt: 5, 10, 20, ... 900."""
    return min(FIRST_WAIT * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def pending():
    return OutboxEvent.objects.filter(acknowledged_at__isnull=True)


def due_batch(now, size: int = BATCH) -> list[OutboxEvent]:
    """The next events to send, oldest first; none while the oldest waits out a failure."""
    batch = list(pending().order_by("seq")[:size])
    if batch and batch[0].next_attempt_at and batch[0].next_attempt_at > now:
        return []
    return batch


@dataclass
class Answer:
    status: int  # 0: no answer
    text: str = ""

    @property
    def acknowledged(self) -> bool:
        return 200 <= self.status < 300


class Platform:
    """The national endpoint, over one kept-alive connection (a new one after any error)."""

    def __init__(self, url: str, token: str = "", timeout: float = TIMEOUT):
        self.url, self.token, self.timeout = urlsplit(url), token, timeout
        self.connection: HTTPConnection | None = None

    def _connect(self) -> HTTPConnection:
        kind = HTTPSConnection if self.url.scheme == "https" else HTTPConnection
        return kind(self.url.netloc, timeout=self.timeout)

    def post(self, body: bytes) -> Answer:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            self.connection = self.connection or self._connect()
            self.connection.request("POST", self.url.path or "/", body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read(2000).decode("utf-8", "replace")
            if response.will_close:
                self.close()
            return Answer(response.status, text)
        except (OSError, HTTPException) as exc:
            self.close()
            return Answer(0, f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def envelope_batch(events: list[OutboxEvent]) -> bytes:
    return json.dumps(
        {"events": [event.envelope() for event in events]}, ensure_ascii=False
    ).encode()


def deliver_once(platform: Platform, size: int = BATCH) -> tuple[int, Answer | None]:
    """Send the next batch; (events acknowledged, the platform's answer or None if none
    was due)."""
    now = timezone.now()
    batch = due_batch(now, size)
    if not batch:
        return 0, None
    answer = platform.post(envelope_batch(batch))
    ids = [event.pk for event in batch]
    done = timezone.now()
    if answer.acknowledged:
        OutboxEvent.objects.filter(pk__in=ids).update(
            acknowledged_at=done, attempts=F("attempts") + 1, last_error=""
        )
        return len(ids), answer
    wait = backoff(batch[0].attempts + 1)
    detail = f"HTTP {answer.status} {answer.text}" if answer.status else answer.text
    error = f"{refusal(answer.status)}（{detail}）"
    OutboxEvent.objects.filter(pk__in=ids).update(
        attempts=F("attempts") + 1,
        next_attempt_at=done + timedelta(seconds=wait),
        last_error=error[:500],
    )
    log.warning("national platform refused %d events: %s (next in %d s)", len(ids), error, wait)
    return 0, answer


def refusal(status: int) -> str:
    """What went wrong, in the words the administrator's page shows."""
    if not status:
        return _("无法连接国家平台")
    if status in {401, 403}:
        return _("国家平台拒绝接收：令牌无效")
    if 400 <= status < 500:
        return _("国家平台拒绝接收：数据不符合要求")
    return _("国家平台暂时不可用")


def next_due_in(now) -> float | None:
    """Seconds until the oldest pending event may be sent again (None: nothing pending)."""
    first = pending().order_by("seq").first()
    if first is None:
        return None
    if not first.next_attempt_at:
        return 0.0
    return max((first.next_attempt_at - now).total_seconds(), 0.0)


def _lock_file() -> Path:
    """The lock belongs to the database whose outbox is delivered: beside its file, or, for
    an in-memory database (seen by this process alone), one per process."""
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        return settings.DATA_DIR / f"exchange-deliver-memory-{os.getpid()}.lock"
    return Path(name).with_name(Path(name).name + ".deliver.lock")


@contextlib.contextmanager
def sole_deliverer():
    """True while this process is the one deliverer: PostgreSQL's advisory lock (several
    machines may share a database), else a lock file beside the SQLite database (a process
    killed by SIGKILL frees it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:  # a lost connection has freed it already
                with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    path = _lock_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True  # the kernel frees the lock when the process dies, even by SIGKILL


def run(
    platform: Platform,
    *,
    loop: bool,
    idle: float = 1.0,
    size: int = BATCH,
    purge_every: float = 3600,
    purge=None,
    stop=lambda: False,
) -> int:
    """Deliver until nothing is due (or, with `loop`, until `stop()`); the number of events
    acknowledged. A second deliverer waits as a standby until the first one's lock is free."""
    total = 0
    next_purge = time.monotonic()
    while not stop():
        with sole_deliverer() as held:
            while held and not stop():
                try:
                    sent, _answer = deliver_once(platform, size)
                    if purge and time.monotonic() >= next_purge:
                        purge()
                        next_purge = time.monotonic() + purge_every
                except DatabaseError:
                    # the database went away or stayed locked: take the lock again afresh
                    log.exception("outbox delivery: database error")
                    connection.close()
                    break
                total += sent
                if sent:
                    continue
                if not loop:
                    return total
                wait = next_due_in(timezone.now())
                time.sleep(idle if wait is None else min(max(wait, 0.05), idle * 30))
        if not loop:
            return total
        time.sleep(idle * 5)
    return total
