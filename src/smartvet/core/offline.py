"""Entries made with no network, sent later: each write happens once per client id.

A field form opted in (`data-offline` on the template, `@offline.entry` on the view) carries
a `client_id` made by the browser. The browser keeps an entry it could not send and sends it
again, perhaps twice (the reply was lost). The first ledger event of the write stores the id
(`take_client_id`, in `ledger.record`, same transaction, unique per actor), so a resend finds
the earlier write and gets its answer again instead of a second record.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from smartvet.core.models import LedgerEvent

FIELD = "client_id"
# Sent by the queue (offline.js): it wants to know where a success leads, not to follow it.
QUEUE_HEADER = "X-Smartvet-Offline"
# On a page the service worker may keep for opening offline.
PAGE_MARK = "page"

T = TypeVar("T")

_client_id: ContextVar[uuid.UUID | None] = ContextVar("offline_client_id", default=None)


def take_client_id() -> uuid.UUID | None:
    """The id of the entry being written, for the first ledger event only (a service may
    record several; the id is unique per actor)."""
    client_id = _client_id.get()
    _client_id.set(None)
    return client_id


def parse_client_id(text: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text)) if text else None
    except ValueError:
        return None


def recorded(actor: Any, client_id: uuid.UUID) -> LedgerEvent | None:
    """The event an earlier send of this entry wrote, if it did."""
    return LedgerEvent.objects.filter(actor=actor, client_id=client_id).first()


def run_once(
    actor: Any,
    client_id: uuid.UUID | None,
    *,
    write: Callable[[], T],
    replay: Callable[[LedgerEvent], T],
) -> T:
    """`write()` unless this actor's entry `client_id` was already written: then
    `replay(event)`. Two sends at once: the loser's ledger insert breaks the unique
    constraint, its transaction rolls back, and it answers as a resend."""
    if client_id is None:
        return write()
    earlier = recorded(actor, client_id)
    if earlier is not None:
        return replay(earlier)
    token = _client_id.set(client_id)
    try:
        return write()
    except IntegrityError:
        earlier = recorded(actor, client_id)
        if earlier is None:
            raise
        return replay(earlier)
    finally:
        _client_id.reset(token)


def _for_queue(request, response: HttpResponse) -> HttpResponse:
    """The queue reads a success as JSON (a redirect it followed would eat the page's
    message); a refusal stays the page, whose error texts it shows."""
    if request.headers.get(QUEUE_HEADER) and response.status_code in (301, 302, 303):
        return JsonResponse({"sent": True, "location": response["Location"]})
    return response


def keep(view: Callable) -> Callable:
    """A page the service worker keeps a copy of, so it opens with no network."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "GET":
            response[QUEUE_HEADER] = PAGE_MARK
        return response

    return wrapped


def entry(*, replay: str) -> Callable:
    """A page form that may be filled offline. `replay` names the page a resend of an entry
    already written is sent to (it gets the view's URL arguments)."""

    def decorate(view: Callable) -> Callable:
        kept = keep(view)

        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return kept(request, *args, **kwargs)

            def again(event: LedgerEvent) -> HttpResponse:
                messages.info(request, _("这条记录已经提交过，没有重复录入"))
                return redirect(replay, **kwargs)

            client_id = parse_client_id(request.POST.get(FIELD))
            response = run_once(
                request.user,
                client_id,
                write=lambda: view(request, *args, **kwargs),
                replay=again,
            )
            return _for_queue(request, response)

        return wrapped

    return decorate
