"""The ear-tag app's events for the national platform (docs/exchange/tags.*.schema.json):
ranges registered into a county's stock and moved between holders. A vaccinator holding
tags is named by kind only: the nation tracks tags by place, not by person."""

from __future__ import annotations

from smartvet.core.outbox import Event
from smartvet.eartags import codes
from smartvet.eartags.models import ImportBatch, TagMove, TagRange


def _holder(key: str) -> dict:
    kind, _, ident = key.partition(":")
    if kind == "user":
        return {"kind": "vaccinator", "id": ""}
    return {"kind": kind, "id": ident}


def tags_registered(batch: ImportBatch) -> Event:
    """The registered codes as runs: the packs of a workbook mostly follow one another and
    the nation tracks codes, not packs, so a 100,000-row import is one message of a few
    runs (building and storing 100,000 ranges cost more than the rows' own insert)."""
    runs = TagRange.objects.runs_of_batch(batch.pk)
    return Event(
        "tags.registered",
        "tag_batch",
        batch.pk,
        {
            "county": batch.region_id,
            "tags": batch.tags,
            "ranges": [
                {"first": codes.code_of(first), "last": codes.code_of(last)} for first, last in runs
            ],
        },
    )


def tags_moved(move: TagMove) -> Event:
    return Event(
        "tags.moved",
        "tag_move",
        move.pk,
        {
            "kind": move.kind,
            "first": codes.code_of(move.first),
            "last": codes.code_of(move.last),
            "quantity": move.quantity,
            "region": move.region_id,
            "from": _holder(move.from_key),
            "to": _holder(move.to_key),
        },
    )
