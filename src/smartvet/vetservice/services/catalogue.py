"""Writes of the county's service catalogue: guide prices (指导价) by effective date."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import PermissionDenied
from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.commands import SetGuidePrice
from smartvet.vetservice.models import GuidePrice, Service
from smartvet.vetservice.permissions import SET_GUIDE_PRICE
from smartvet.vetservice.services.common import invalid


@transaction.atomic(durable=True)
def set_guide_price(*, actor: User, command: SetGuidePrice) -> GuidePrice:
    """The county sets a service's guide price from a day on (seed 000 2025: 服务清单和指导价).
    A service of the standard catalogue enters the county's catalogue with its first price;
    a later price never changes what was already priced."""
    county = regions.county_of(actor.region_id)
    if county is None:
        raise PermissionDenied(_("只有县级部门可以制定指导价"))
    require(actor, SET_GUIDE_PRICE, region=county)
    entry = rules.catalogue_entry(command.service)
    service = Service.objects.filter(county_id=county, code=command.service).first()
    if service is None and entry is None:
        raise invalid("service", _("服务目录中没有这项服务"))
    if service is None:
        service = Service.objects.create(
            county_id=county, code=entry.code, name=entry.name, kind=entry.kind, unit=entry.unit
        )
    price, _created = GuidePrice.objects.update_or_create(
        service=service,
        effective_from=command.effective_from,
        defaults={"price": rules.money(command.price)},
    )
    ledger.record(
        actor=actor,
        action="service.guide_price_set",
        obj=service,
        region=county,
        summary={
            "service": service.code,
            "price": price.price,
            "effective_from": command.effective_from,
        },
    )
    return price
