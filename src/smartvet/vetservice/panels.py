"""The vetservice panels on the home page: a farmer's orders to confirm, a vaccinator's day,
a provider's or station's orders waiting for dispatch, the county's statements to sign."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.vetservice import hotline_panels
from smartvet.vetservice.models import OrderStatus, StatementStatus
from smartvet.vetservice.permissions import (
    CONFIRM_ORDER,
    DISPATCH_ORDER,
    ORDERS_FIRST,
    SIGN_STATEMENT,
    TAKE_ORDER,
)
from smartvet.vetservice.queries import orders as queries
from smartvet.vetservice.queries import roster as roster_queries
from smartvet.vetservice.queries import statements as statement_queries


def home_panels(user) -> list[Panel]:
    panels = []
    first = 3 if can(user, ORDERS_FIRST) else 45
    if can(user, CONFIRM_ORDER):
        orders = queries.orders_visible_to(user)
        panels.append(
            Panel(
                _("我的服务订单"),
                [
                    (_("待确认"), orders.filter(status=OrderStatus.DONE).count()),
                    (
                        _("进行中"),
                        orders.filter(status__in=["queued", "assigned", "accepted"]).count(),
                    ),
                ],
                url=reverse("vetservice:order-new"),
                link_label=_("我要下单"),
                order=20,
            )
        )
    if can(user, TAKE_ORDER):
        panels.append(
            Panel(
                _("今日任务"),
                [
                    (
                        _("待办订单"),
                        queries.day_list(user, timezone.localdate())
                        .exclude(status__in=["done", "confirmed"])
                        .count(),
                    )
                ],
                url=reverse("vetservice:day"),
                link_label=_("查看"),
                order=first,
            )
        )
    if can(user, DISPATCH_ORDER):
        waiting = queries.orders_visible_to(user, status=OrderStatus.QUEUED)
        own = roster_queries.provider_of_account(user)
        if own is not None:
            waiting = waiting.filter(provider=own)
        panels.append(
            Panel(
                _("派单台"),
                [(_("待派单"), waiting.count())],
                url=reverse("vetservice:board"),
                link_label=_("派单"),
                order=first,
            )
        )
    if can(user, SIGN_STATEMENT):
        drafts = statement_queries.statements_visible_to(user, status=StatementStatus.DRAFT)
        panels.append(
            Panel(
                _("政府购买服务结算"),
                [(_("待签署"), drafts.count())],
                url=reverse("vetservice:statements"),
                link_label=_("查看"),
                order=50,
            )
        )
    # H2: the day's report, the hotline desk and who has not reported.
    return panels + hotline_panels.home_panels(user)
