"""Cases made through enforcement's services: a failed check on the road, then the bureau."""

from __future__ import annotations

import io

from smartvet.core.commands import parse
from smartvet.enforcement.commands.cases import DecideCase, OpenCase, OpenCaseFromCheck
from smartvet.enforcement.services import cases
from smartvet.quarantine import services as quarantine
from smartvet.quarantine.commands import CheckIn
from tests.quarantine import factories


def failed_check(personas, certificate, **fields):
    """The checkpoint reads four of the five tags and one that is not on the paper."""
    values = {
        "vehicle": "鄂E·A1234",
        "count_seen": 5,
        "ear_tags": [*factories.tags(1, 4), factories.tag(900)],
        **fields,
    }
    return quarantine.record_checkpoint_check(
        actor=personas.checkpoint, number=certificate.number, command=parse(CheckIn, values)
    )


def case_from_check(personas, check, actor=None):
    return cases.open_case_from_check(
        actor=actor or personas.checkpoint, command=parse(OpenCaseFromCheck, {"check": check.pk})
    )


def open_by_hand(actor, *, kind="other", region="420506107", **fields):
    values = {"kind": kind, "region": region, "summary": "巡查发现违法行为", **fields}
    return cases.open_case(actor=actor, command=parse(OpenCase, values))


def decide(actor, case, decision="fine", amount="2000", reasons="依据《动物防疫法》第一百条"):
    return cases.decide(
        actor=actor,
        case_id=case.pk,
        command=parse(DecideCase, {"decision": decision, "amount": amount, "reasons": reasons}),
    )


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()
