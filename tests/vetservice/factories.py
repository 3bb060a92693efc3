"""Factories for vetservice tests: commands built as a page builds them (`parse`), written
through the services, so test data is real data."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.commands import (
    CompleteOrder,
    EnrolVaccinator,
    PlaceOrder,
    ProposeAgreement,
    RegisterProvider,
    SetGuidePrice,
)
from smartvet.vetservice.services import agreements, catalogue, orders, providers
from tests.support.factories import LONGQUAN, LONGQUAN_VILLAGE, YAQUELING, YAQUELING_VILLAGE


def today() -> date:
    return timezone.localdate()


def open_catalogue(county_officer: User, *, since: date | None = None) -> None:
    """The county's catalogue at the standard guide prices, in force from a year ago."""
    since = since or today() - timedelta(days=365)
    for entry in rules.STANDARD_CATALOGUE:
        catalogue.set_guide_price(
            actor=county_officer,
            command=parse(
                SetGuidePrice,
                {"service": entry.code, "price": str(entry.guide_price), "effective_from": since},
            ),
        )


def register_provider(county_officer, username, *, township=LONGQUAN, kind="lead", villages=None):
    return providers.register_provider(
        actor=county_officer,
        command=parse(
            RegisterProvider,
            {
                "account": username,
                "name": User.objects.get(username=username).display_name,
                "kind": kind,
                "township": township,
                "villages": villages if villages is not None else [],
                "legal_representative": "王经理",
            },
        ),
    )


def enrol(actor, username, *, villages=None, expires=None, duty_days="1234567"):
    return providers.enrol_vaccinator(
        actor=actor,
        command=parse(
            EnrolVaccinator,
            {
                "account": username,
                "kind": "epidemic_worker",
                "qualification_no": f"FY-{username}",
                "qualification_expires": expires or today() + timedelta(days=365),
                "villages": villages or [LONGQUAN_VILLAGE],
                "duty_days": duty_days,
                "birth_year": 1968,
            },
        ),
    )


def make_agreement(
    actor,
    farm,
    *,
    provider="provider_xingmu",
    services=("immunization",),
    vaccinators=("vaccinator_longquan",),
    prices=None,
    confirm_by=None,
):
    agreement = agreements.propose_agreement(
        actor=actor,
        command=parse(
            ProposeAgreement,
            {
                "provider": provider,
                "farm": farm.pk,
                "services": list(services),
                "starts_on": today() - timedelta(days=30),
                "ends_on": today() + timedelta(days=335),
                "vaccinators": list(vaccinators),
                "prices": prices or {},
            },
        ),
    )
    if confirm_by is not None:
        agreement = agreements.confirm_agreement(actor=confirm_by, agreement_id=agreement.pk)
    return agreement


def place(
    actor, farm, *, service="immunization", category="fattening_pig", animals=20, preferred=None
):
    return orders.place_order(
        actor=actor,
        command=parse(
            PlaceOrder,
            {
                "farm": farm.pk,
                "service": service,
                "category": category,
                "animals": animals,
                "preferred_date": preferred or today(),
                "notes": "",
            },
        ),
    )


def complete_with_immunization(actor, order, lot, *, animals=None, on=None):
    body = {
        "immunization": {
            "date": on or today(),
            "disease": "FMD",
            "lot": lot.pk,
            "animals": animals or order.animals,
            "doses": animals or order.animals,
        }
    }
    return orders.complete_order(actor=actor, order_id=order.pk, command=parse(CompleteOrder, body))


__all__ = ["LONGQUAN", "LONGQUAN_VILLAGE", "YAQUELING", "YAQUELING_VILLAGE"]
