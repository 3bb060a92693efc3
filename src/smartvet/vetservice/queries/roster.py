"""Reads of providers and the vaccinator roster. `vaccinators_covering` and `on_duty` serve
other apps (surveillance's zero reporting, the daily reports): they take a region code, not an
actor, and return accounts (no personal data)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from smartvet.core import regions
from smartvet.core.access import within
from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.models import Provider, ProviderKind, Vaccinator


def covering_codes(code: str) -> list[str]:
    """The region and the regions above it down from the township: a roster entry or a
    provider covering a township covers each of its villages."""
    codes = [code]
    parent = regions.parent_code(code)
    while parent and len(parent) >= 9:
        codes.append(parent)
        parent = regions.parent_code(parent)
    return codes


def _qualified_roster(on: date) -> QuerySet[Vaccinator]:
    return Vaccinator.objects.filter(
        on_roster=True, qualification_expires__gte=on, account__is_active=True
    )


def roster_covering(code: str, *, on: date | None = None) -> QuerySet[Vaccinator]:
    on = on or timezone.localdate()
    return _qualified_roster(on).filter(villages__code__in=covering_codes(code)).distinct()


def vaccinators_covering(village_code: str) -> QuerySet[User]:
    """The on-roster vaccinators with a qualification valid today who are responsible for the
    village (named for it, or for its whole township): surveillance's zero reporting asks them."""
    entries = roster_covering(village_code).values("account_id")
    return User.objects.filter(pk__in=entries).order_by("username")


def on_duty(account: User, day: date) -> bool:
    """The account is on the roster, qualified on that day and on duty on its weekday."""
    entry = _qualified_roster(day).filter(account=account).only("duty_days").first()
    return entry is not None and rules.on_duty(entry.duty_days, day)


def provider_responsible(code: str) -> User | None:
    """The provider account answering for a village or township: the active provider covering
    the village, else the township's lead company (hotline routing)."""
    providers = Provider.objects.filter(is_active=True).select_related("account")
    covering = providers.filter(villages__code__in=covering_codes(code)).order_by("kind", "id")
    found = covering.first()
    if found is None and len(code) >= 9:
        found = providers.filter(township_id=code[:9], kind=ProviderKind.LEAD).first()
    return found.account if found else None


def providers_visible_to(actor: User, *, township: str = "", q: str = "") -> QuerySet[Provider]:
    providers = Provider.objects.visible_to(actor).select_related("account", "township")
    if township:
        providers = providers.filter(within("township_id", township))
    if q:
        providers = providers.filter(Q(name__contains=q) | Q(account__username=q))
    return providers


def provider_of_account(account: User) -> Provider | None:
    """The provider an account is (a provider account) or works for (its vaccinators)."""
    return (
        Provider.objects.filter(Q(account=account) | Q(account_id=account.provider_id or 0))
        .select_related("account", "township")
        .first()
    )


def roster_visible_to(
    actor: User, *, region: str = "", q: str = "", expired: bool | None = None
) -> QuerySet[Vaccinator]:
    entries = Vaccinator.objects.visible_to(actor).select_related("account", "provider")
    if region:
        entries = entries.filter(within("account__region_id", region))
    if q:
        entries = entries.filter(
            Q(account__display_name__contains=q) | Q(account__username=q) | Q(qualification_no=q)
        )
    today = timezone.localdate()
    if expired is True:
        entries = entries.filter(qualification_expires__lt=today)
    elif expired is False:
        entries = entries.filter(qualification_expires__gte=today)
    return entries.prefetch_related("villages")
