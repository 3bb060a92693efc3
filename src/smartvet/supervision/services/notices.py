"""Notices (通报表扬 / 通报批评, seed 001 §三(二)): a criticism orders rectification by a
deadline (限期整改) and stays open until the issuing office closes it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import NotFound, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.core.workflow import move
from smartvet.supervision import rules
from smartvet.supervision.commands import CloseNotice, IssueNotice
from smartvet.supervision.models import Notice, NoticeKind, NoticeStatus, Scheme
from smartvet.supervision.permissions import ASSESS, NOTICE_WORKFLOW
from smartvet.supervision.services.errors import invalid


def _below(actor: User, code: str) -> Region:
    """A region strictly under the actor's own: an office assesses those below it."""
    region = Region.objects.filter(code=code).first()
    if region is None or not regions.is_within(code, actor.region_id):
        raise NotFound()
    if code == actor.region_id:
        raise invalid(_("只能考核或通报下级地区"), "region")
    return region


def issue_notice(*, actor: User, command: IssueNotice) -> Notice:
    """通报表扬 or 通报批评 of a region below the office; a criticism orders rectification by a
    deadline (限期整改) and stays open until closed."""
    with transaction.atomic(durable=True):
        require(actor, ASSESS, region=command.region)
        region = _below(actor, command.region)
        criticism = command.kind == NoticeKind.CRITICISM
        if criticism and (command.rectify_by is None or command.rectify_by <= timezone.localdate()):
            raise ValidationFailed(
                _("通报批评须写明今天以后的整改期限"),
                [{"field": "rectify_by", "code": "VALIDATION_ERROR"}],
            )
        scheme = None
        if command.scheme is not None:
            scheme = Scheme.objects.visible_to(actor).filter(pk=command.scheme).first()
            if scheme is None:
                raise NotFound()
        notice = Notice.objects.create(
            region=region,
            kind=command.kind,
            status=NoticeStatus.RECTIFYING if criticism else NoticeStatus.ISSUED,
            scheme=scheme,
            reason=command.reason,
            rectify_by=command.rectify_by if criticism else None,
            issued_by=actor,
        )
        ledger.record(
            actor=actor,
            action=f"supervision.notice_{command.kind}",
            obj=notice,
            region=region.code,
            summary={"reason": notice.reason, "rectify_by": notice.rectify_by},
        )
    return notice


def close_notice(*, actor: User, notice_id: int, command: CloseNotice) -> Notice:
    """The issuing office closes a criticism once the region has rectified (销号)."""
    with transaction.atomic(durable=True):
        notice = (
            Notice.objects.visible_to(actor)
            .select_related("issued_by")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            raise NotFound()
        NOTICE_WORKFLOW.require(actor, notice, "close")
        move(
            notice,
            to=NoticeStatus.CLOSED,
            transitions=rules.NOTICE_TRANSITIONS,
            rectification=command.rectification,
            closed_at=timezone.now(),
        )
        ledger.record(
            actor=actor,
            action="supervision.notice_closed",
            obj=notice,
            region=notice.region_id,
            summary={"rectification": notice.rectification},
        )
    return notice
