"""Where a new order goes (seed 000 2025, 订单式服务), at once and never lost: a qualified,
on-duty vaccinator covering the village whose provider has an agreement with the farm (or
whom the station assigned to the farm), else the agreed provider's dispatcher, else the
township station's queue. The answer says why, in words the ledger and the order keep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from smartvet.core.models import User
from smartvet.registry import queries as registry_queries
from smartvet.vetservice import rules
from smartvet.vetservice.models import (
    AssignmentBasis,
    OrderStatus,
    Provider,
    Service,
    ServiceOrder,
    Vaccinator,
)
from smartvet.vetservice.queries.catalogue import active_agreements
from smartvet.vetservice.queries.roster import covering_codes

OPEN = (OrderStatus.ASSIGNED, OrderStatus.ACCEPTED)


@dataclass(frozen=True)
class Assignment:
    assignee: User | None
    provider: Provider | None
    basis: str
    note: str

    @property
    def status(self) -> str:
        queued = self.basis in (AssignmentBasis.DISPATCHER, AssignmentBasis.STATION_QUEUE)
        return OrderStatus.QUEUED if queued else OrderStatus.ASSIGNED


def _candidates(farm, providers: list[Provider], on: date) -> list[Vaccinator]:
    """On-roster vaccinators qualified on the day: of an agreed provider and covering the
    farm's village, or assigned to the farm by the station."""
    direct = registry_queries.server_ids(farm)
    entries = (
        Vaccinator.objects.filter(
            on_roster=True, account__is_active=True, qualification_expires__gte=on
        )
        .filter(
            Q(provider__in=providers, villages__code__in=covering_codes(farm.region_id))
            | Q(account_id__in=direct)
        )
        .select_related("account", "provider")
        .distinct()
    )
    return [entry for entry in entries if rules.on_duty(entry.duty_days, on)]


def _open_orders(account_ids: list[int]) -> dict[int, int]:
    rows = (
        ServiceOrder.objects.filter(assignee_id__in=account_ids, status__in=OPEN)
        .values("assignee_id")
        .annotate(n=Count("id"))
    )
    return {row["assignee_id"]: row["n"] for row in rows}


def assignment_for(farm, service: Service, on: date) -> Assignment:
    agreements = list(active_agreements(farm.pk, on, service).prefetch_related("vaccinators"))
    providers = [agreement.provider for agreement in agreements]
    named = {v.pk for agreement in agreements for v in agreement.vaccinators.all()}
    entries = _candidates(farm, providers, on)
    load = _open_orders([entry.account_id for entry in entries])
    chosen = rules.pick_vaccinator(
        [
            rules.Candidate(
                entry.account_id, load.get(entry.account_id, 0), entry.account_id in named
            )
            for entry in entries
        ]
    )
    if chosen is not None:
        entry = next(e for e in entries if e.account_id == chosen.account_id)
        by_agreement = entry.provider in providers
        agreement = next((a for a in agreements if a.provider == entry.provider), None)
        note = (
            _("按服务协议%(no)s派给%(who)s：负责该村，当日值班，资格有效至%(until)s")
            % {"no": agreement.number, "who": entry.account, "until": entry.qualification_expires}
            if by_agreement and agreement
            else _("派给乡镇站指派的防疫员%(who)s：当日值班，资格有效至%(until)s")
            % {"who": entry.account, "until": entry.qualification_expires}
        )
        basis = (
            AssignmentBasis.AGREEMENT_VACCINATOR
            if by_agreement
            else AssignmentBasis.STATION_VACCINATOR
        )
        return Assignment(entry.account, entry.provider, basis, note)
    if agreements:
        provider = agreements[0].provider
        return Assignment(
            provider.dispatcher or provider.account,
            provider,
            AssignmentBasis.DISPATCHER,
            _("服务协议%(no)s的%(provider)s当日没有值班且资格有效的防疫员负责该村，交派单员派单")
            % {"no": agreements[0].number, "provider": provider},
        )
    return Assignment(
        None,
        None,
        AssignmentBasis.STATION_QUEUE,
        _("该场没有含此项服务的生效服务协议，也没有可派的防疫员，转乡镇畜牧兽医站派单"),
    )
