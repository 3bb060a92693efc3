"""Demo cases (issue 17 point 2): one the checkpoint opened from a check that found a tag not
on the demo certificate (waiting for the bureau), one the bureau opened by hand and is
investigating."""

from __future__ import annotations

from smartvet.core.models import User
from smartvet.enforcement.commands.cases import OpenCase, OpenCaseFromCheck
from smartvet.enforcement.models import Case
from smartvet.enforcement.services import cases
from smartvet.quarantine import services as quarantine_services
from smartvet.quarantine.commands import CheckIn
from smartvet.quarantine.models import Certificate


def load(checkpoint: User, bureau: User) -> None:
    if Case.objects.exists():
        return
    certificate = Certificate.objects.filter(status="valid").order_by("id").first()
    if certificate is not None:
        tags = certificate.ear_tags
        check = quarantine_services.record_checkpoint_check(
            actor=checkpoint,
            number=certificate.number,
            command=CheckIn(
                vehicle=certificate.vehicle,
                count_seen=certificate.quantity,
                ear_tags=[*tags[:-1], "142050600009999"],
                notes="车上一头猪耳标不在证明上",
            ),
        )
        if check.result == "fail":
            cases.open_case_from_check(actor=checkpoint, command=OpenCaseFromCheck(check=check.pk))
    case = cases.open_case(
        actor=bureau,
        command=OpenCase(
            kind="no_certificate",
            region="420506107",
            vehicle="鄂E·C3344",
            summary="群众举报：一辆货车夜间从龙泉镇运出生猪，未申报检疫",
        ),
    )
    cases.investigate(actor=bureau, case_id=case.pk)
