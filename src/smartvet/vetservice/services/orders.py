"""Writes of service orders (订单式服务, seed 000 2025): placed by the farmer (or for it, from
the hotline), assigned at once, dispatched, accepted, completed (an immunization order by
recording the immunization through the immunization app, in the same transaction), then
confirmed and rated or disputed by the farmer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.core.workflow import move, next_number
from smartvet.immunization import services as immunization_services
from smartvet.immunization.commands import RecordImmunization
from smartvet.registry import queries as registry_queries
from smartvet.vetservice import rules
from smartvet.vetservice.commands import (
    CompleteOrder,
    ConfirmOrder,
    DispatchOrder,
    DisputeOrder,
    PlaceOrder,
    RecordCase,
)
from smartvet.vetservice.models import (
    AssignmentBasis,
    CaseRecord,
    OrderStatus,
    Payer,
    Service,
    ServiceKind,
    ServiceOrder,
    Vaccinator,
)
from smartvet.vetservice.permissions import ORDER_WORKFLOW, PLACE_ORDER
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.queries import roster as roster_queries
from smartvet.vetservice.queries.assignment import assignment_for
from smartvet.vetservice.services.common import invalid, refused

T = rules.ORDER_TRANSITIONS


def _service(county: str, code: str) -> Service:
    service = catalogue_queries.service_by_code(county, code)
    if service is None:
        raise invalid("service", _("本县服务目录中没有这项服务"))
    return service


def place_order_step(*, actor: User, command: PlaceOrder, source: str = "") -> ServiceOrder:
    """Place an order inside the caller's transaction (the hotline turns a ticket into an
    order with it): the farmer on its own farm, a station or provider for a farm in reach.
    The order is assigned at once and says why it went where it went (queries.assignment)."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, PLACE_ORDER, farm)
    township = farm.region_id[:9]
    service = _service(township[:6], command.service)
    if service.code == rules.IMMUNIZATION and not command.category:
        raise invalid("category", _("免疫服务请选择畜禽品种"))
    if command.preferred_date < timezone.localdate():
        raise invalid("preferred_date", _("期望日期不能早于今天"))
    assignment = assignment_for(farm, service, command.preferred_date)
    order = ServiceOrder.objects.create(
        number=f"DD{township}{next_number(f'order:{township}'):06d}",
        farm=farm,
        service=service,
        category=command.category,
        animals=command.animals,
        preferred_date=command.preferred_date,
        notes=command.notes,
        status=assignment.status,
        assignee=assignment.assignee,
        provider=assignment.provider,
        township_id=township,
        basis=assignment.basis,
        basis_note=assignment.note,
        payer=Payer.COUNTY if service.kind == ServiceKind.PUBLIC else Payer.FARMER,
        ordered_by=actor,
    )
    ledger.record(
        actor=actor,
        action="service_order.placed",
        obj=order,
        region=farm.region_id,
        summary={
            "number": order.number,
            "service": service.code,
            "animals": command.animals,
            "preferred_date": command.preferred_date,
            "assignee": assignment.assignee.username if assignment.assignee else "",
            "basis": assignment.basis,
            "note": assignment.note,
            "source": source,
        },
    )
    return order


@transaction.atomic(durable=True)
def place_order(*, actor: User, command: PlaceOrder) -> ServiceOrder:
    return place_order_step(actor=actor, command=command)


def _order(actor: User, order_id: int) -> ServiceOrder:
    return ServiceOrder.objects.select_related(
        "farm", "service", "provider__account", "assignee"
    ).get_visible(actor, id=order_id)


def _require_qualified(account: User, on: date) -> Vaccinator:
    """Seed 000: only a qualified vaccinator on the roster takes orders."""
    entry = Vaccinator.objects.select_related("provider").filter(account=account).first()
    if entry is None or not entry.on_roster:
        raise refused(
            "QUALIFICATION_EXPIRED", _("%(who)s不在防疫员花名册上，不能承接服务") % {"who": account}
        )
    if not rules.qualified(entry.qualification_expires, on):
        raise refused(
            "QUALIFICATION_EXPIRED",
            _("%(who)s的资格证已于%(d)s过期，不能承接服务")
            % {"who": account, "d": entry.qualification_expires},
            expired_on=entry.qualification_expires.isoformat(),
        )
    return entry


def _require_serving(order: ServiceOrder, account: User) -> None:
    """An agreement in force (or the station's direct assignment) is what lets someone serve
    a farm (DOMAIN.md §7)."""
    if not registry_queries.is_served_by(order.farm, account):
        raise refused(
            "NO_AGREEMENT",
            _("%(who)s与该养殖场没有生效的服务协议，也未经乡镇站指派，不能承接该订单")
            % {"who": account},
        )


@transaction.atomic(durable=True)
def dispatch_order(*, actor: User, order_id: int, command: DispatchOrder) -> ServiceOrder:
    """The provider's dispatcher hands an order to one of its vaccinators, the station to any
    vaccinator serving the farm. Refused: an expired qualification (QUALIFICATION_EXPIRED), a
    vaccinator that does not serve the farm (NO_AGREEMENT)."""
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "dispatch")
    entry = (
        Vaccinator.objects.select_related("account", "provider")
        .visible_to(actor)
        .filter(account__username=command.to)
        .first()
    )
    own = roster_queries.provider_of_account(actor)
    if entry is None or (own is not None and entry.provider_id != own.pk):
        raise NotFound(_("防疫员不存在或不在本服务主体的花名册上"))
    _require_qualified(entry.account, order.preferred_date)
    _require_serving(order, entry.account)
    note = _("%(by)s派单给%(who)s") % {"by": actor, "who": entry.account}
    move(
        order,
        to=OrderStatus.ASSIGNED,
        transitions=T,
        assignee=entry.account,
        provider=entry.provider,
        basis=AssignmentBasis.DISPATCHED,
        basis_note=note,
    )
    ledger.record(
        actor=actor,
        action="service_order.dispatched",
        obj=order,
        region=order.farm.region_id,
        summary={"number": order.number, "assignee": entry.account.username, "note": note},
    )
    return order


@transaction.atomic(durable=True)
def accept_order(*, actor: User, order_id: int) -> ServiceOrder:
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "accept")
    _require_qualified(actor, timezone.localdate())
    _require_serving(order, actor)
    move(order, to=OrderStatus.ACCEPTED, transitions=T, accepted_at=timezone.now())
    ledger.record(
        actor=actor,
        action="service_order.accepted",
        obj=order,
        region=order.farm.region_id,
        summary={"number": order.number},
    )
    return order


def _price(order: ServiceOrder, on: date) -> tuple[Decimal, str]:
    """Public-welfare services are billed to the county at the guide price in force on the day
    served; commercial ones at the agreed price, else the guide price."""
    if order.service.kind == ServiceKind.COMMERCIAL:
        agreed = catalogue_queries.agreed_price(order.farm_id, order.service, on)
        if agreed is not None:
            return agreed, "agreed"
    guide = catalogue_queries.guide_price(order.service, on)
    if guide is None:
        raise refused(
            "PRICE_MISSING",
            _("%(s)s在%(d)s没有指导价，请县级部门先制定指导价") % {"s": order.service, "d": on},
        )
    return guide, "guide"


def _immunize(actor: User, order: ServiceOrder, command: CompleteOrder):
    given = command.immunization
    if given is None:
        raise invalid("immunization", _("免疫订单请填写免疫记录（疫苗批次、剂量、数量）"))
    record = immunization_services.record_immunization_step(
        actor=actor,
        command=RecordImmunization(
            farm=order.farm_id,
            date=given.date,
            category=given.category or order.category,
            disease=given.disease,
            lot=given.lot,
            animals=given.animals or order.animals,
            doses=given.doses,
            ear_tags=given.ear_tags,
        ),
    )
    return record


@transaction.atomic(durable=True)
def complete_order(*, actor: User, order_id: int, command: CompleteOrder) -> ServiceOrder:
    """The assigned vaccinator completes an accepted order. An immunization order records the
    immunization through the immunization app in the same transaction (lot, doses, animals,
    tags fitted), so nothing is typed twice; its animals are the quantity billed."""
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "complete")
    _require_qualified(actor, timezone.localdate())
    record = None
    if order.service.code == rules.IMMUNIZATION:
        record = _immunize(actor, order, command)
        served_on, quantity = record.date, record.animals
    else:
        served_on = command.served_on or timezone.localdate()
        quantity = command.quantity or order.animals
        if served_on > timezone.localdate():
            raise invalid("served_on", _("服务日期不能晚于今天"))
    price, basis = _price(order, served_on)
    move(
        order,
        to=OrderStatus.DONE,
        transitions=T,
        immunization=record,
        served_on=served_on,
        quantity=quantity,
        unit_price=price,
        amount=rules.amount(price, quantity),
        price_basis=basis,
        done_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="service_order.completed",
        obj=order,
        region=order.farm.region_id,
        summary={
            "number": order.number,
            "served_on": served_on,
            "quantity": quantity,
            "price": price,
            "amount": order.amount,
            "immunization": record.pk if record else None,
        },
    )
    return order


@transaction.atomic(durable=True)
def confirm_order(*, actor: User, order_id: int, command: ConfirmOrder) -> ServiceOrder:
    """The farm's farmer confirms the service was done and rates it (1–5, a comment)."""
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "confirm")
    move(
        order,
        to=OrderStatus.CONFIRMED,
        transitions=T,
        rating=command.rating,
        comment=command.comment,
        confirmed_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="service_order.confirmed",
        obj=order,
        region=order.farm.region_id,
        summary={"number": order.number, "rating": command.rating, "comment": command.comment},
    )
    return order


@transaction.atomic(durable=True)
def dispute_order(*, actor: User, order_id: int, command: DisputeOrder) -> ServiceOrder:
    """The farmer disputes a completed order: it stays off the statement until confirmed."""
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "dispute")
    move(order, to=OrderStatus.DISPUTED, transitions=T, dispute=command.reason)
    ledger.record(
        actor=actor,
        action="service_order.disputed",
        obj=order,
        region=order.farm.region_id,
        summary={"number": order.number, "reason": command.reason},
    )
    return order


@transaction.atomic(durable=True)
def record_case(*, actor: User, order_id: int, command: RecordCase) -> CaseRecord:
    """诊疗记录 of an order (complaint, findings, diagnosis, treatment, drugs and withdrawal
    period), by its vaccinator; recording it again replaces it until the order is confirmed."""
    order = _order(actor, order_id)
    ORDER_WORKFLOW.require(actor, order, "record_case")
    fields = command.model_dump()
    case, created = CaseRecord.objects.update_or_create(
        order=order, defaults={**fields, "recorded_by": actor}
    )
    ledger.record(
        actor=actor,
        action="service_order.case_recorded",
        obj=order,
        region=order.farm.region_id,
        summary={
            "number": order.number,
            "diagnosis": command.diagnosis,
            "drugs": command.drugs,
            "withdrawal_days": command.withdrawal_days,
            "replaced": not created,
        },
    )
    return case
