"""Reports about another province's certificate (found through the national hub): the
destination's slaughterhouse or station records the arrival or the slaughter entry here, as a
CrossProvinceReport that replication carries to the certificate's province
(docs/decisions/0009-federation.md). The certificate itself is the origin's and stays
untouched: only the origin writes its rows."""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import Field

from smartvet.core import ledger
from smartvet.core.access import require, sees_own_farms_only
from smartvet.core.commands import Command, text
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import User
from smartvet.quarantine import queries, services
from smartvet.quarantine.commands import MAX_ANIMALS
from smartvet.quarantine.models import CrossProvinceReport, CrossReportKind
from smartvet.quarantine.permissions import REPORT_ARRIVAL, SLAUGHTER

PERMISSIONS = {CrossReportKind.ARRIVAL: REPORT_ARRIVAL, CrossReportKind.SLAUGHTER: SLAUGHTER}


class CrossReportIn(Command):
    kind: Literal[tuple(CrossReportKind.values)] = Field(title=str(_("报告类型")))  # type: ignore[valid-type]
    quantity: int = Field(ge=0, le=MAX_ANIMALS, title=str(_("实到数量")))
    notes: text(CrossProvinceReport, "notes", required=False)  # type: ignore[valid-type]


def may_report(actor: User, certificate, kind: str) -> bool:
    """Whether `actor` may report `kind` about a certificate from the hub: the destination's
    slaughterhouse or station (by region; a farmer receives through its station)."""
    try:
        _require(actor, certificate, kind)
    except DomainError:
        return False
    return True


def _require(actor: User, certificate, kind: str) -> None:
    if not getattr(actor, "is_authenticated", False) or sees_own_farms_only(actor):
        raise PermissionDenied()
    require(actor, PERMISSIONS[kind], region=certificate.destination_region_id)


def report(*, actor: User, number: str, command: CrossReportIn) -> CrossProvinceReport:
    """Record the arrival or slaughter entry of another province's certificate, once per kind."""
    certificate = queries.certificate_by_number(number)
    if not getattr(certificate, "from_hub", False):
        raise DomainError("VALIDATION_ERROR", _("本省签发的检疫证明请在证明页登记"), status=422)
    _require(actor, certificate, command.kind)
    now = timezone.now()
    try:
        with transaction.atomic(durable=True):
            made = CrossProvinceReport.objects.create(
                certificate_number=certificate.number,
                certificate_province=certificate.origin_region_id[:2],
                origin_certificate_id=certificate.pk,
                reported_in=settings.SMARTVET_PROVINCE,
                kind=command.kind,
                at=now,
                place=queries.place_name(actor),
                reporter=str(actor),
                quantity=command.quantity,
                flags=services.arrival_flags_of(certificate, command.quantity, now),
                notes=command.notes,
            )
            ledger.record(
                actor=actor,
                action="certificate.cross_reported",
                obj=made,
                region=actor.region_id,
                summary={
                    "number": made.certificate_number,
                    "kind": made.kind,
                    "quantity": made.quantity,
                },
            )
    except IntegrityError:
        raise DomainError(
            "CROSS_REPORT_RECORDED", _("该证明的这项报告已经登记过"), status=409
        ) from None
    return made
