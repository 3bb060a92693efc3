"""净化场 (issue 17 point 4): the county registers a farm's purification certificate (level,
number, diseases, validity); a renewed certificate is registered as a new one."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.enforcement.commands.purification import RegisterPurificationFarm
from smartvet.enforcement.models import PurificationFarm
from smartvet.enforcement.permissions import REGISTER_PURIFICATION
from smartvet.registry import queries as registry_queries


def _problems(command: RegisterPurificationFarm) -> list[Problem]:
    problems = []
    if command.valid_until < command.valid_from:
        message = _("有效期至不能早于有效期起")
        problems.append(Problem("VALIDATION_ERROR", message, {"field": "valid_until"}))
    if PurificationFarm.objects.filter(certificate_no=command.certificate_no).exists():
        message = _("证书编号%(no)s已登记") % {"no": command.certificate_no}
        problems.append(Problem("VALIDATION_ERROR", message, {"field": "certificate_no"}))
    return problems


@transaction.atomic(durable=True)
def register_purification_farm(
    *, actor: User, command: RegisterPurificationFarm
) -> PurificationFarm:
    farm = registry_queries.farm(actor, command.farm)
    require(actor, REGISTER_PURIFICATION, farm)
    problems = _problems(command)
    if problems:
        raise DomainError.from_problems(problems)
    certificate = PurificationFarm.objects.create(
        farm=farm,
        level=command.level,
        certificate_no=command.certificate_no,
        diseases=command.diseases,
        valid_from=command.valid_from,
        valid_until=command.valid_until,
        registered_by=actor,
    )
    ledger.record(
        actor=actor,
        action="purification_farm.registered",
        obj=certificate,
        region=farm.region_id,
        summary={
            "farm": farm.pk,
            "level": command.level,
            "certificate_no": command.certificate_no,
            "valid_from": command.valid_from,
            "valid_until": command.valid_until,
        },
    )
    return certificate
