"""The consult app on the home page. An expert's home leads with the questions waiting for its
answer, then its figures; a farmer's shows its questions; the county's the questions nobody
answered within the working day."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.consult import queries
from smartvet.consult.models import ConsultationStatus
from smartvet.consult.permissions import ANSWER, ASK, OVERSEE
from smartvet.core.access import can
from smartvet.core.navigation import Panel

SHOWN = 5  # questions listed on the expert's home panel


def _waiting(user) -> Panel:  # type: ignore[no-untyped-def]
    waiting = list(queries.waiting_for(user)[: SHOWN + 1])
    now = timezone.now()
    rows = [
        (
            f"#{c.pk} {c.get_species_display()}·{c.get_topic_display()}：{c.question[:24]}",
            _("已超时")
            if c.first_answer_due < now
            else timezone.localtime(c.first_answer_due).strftime("%m-%d %H:%M"),
        )
        for c in waiting[:SHOWN]
    ]
    return Panel(
        _("待我解答"),
        rows or [(_("暂无待答问题"), 0)],
        url=reverse("consult:desk"),
        link_label=_("去解答"),
        order=1,
    )


def _figures(user) -> Panel:  # type: ignore[no-untyped-def]
    figures = queries.expert_figures(user)
    rating = figures["rating"]
    return Panel(
        _("我的咨询服务"),
        [
            (_("推送给我的问题"), figures["routed"]),
            (_("我解答的问题"), figures["answered"]),
            (_("被采纳为最有帮助"), figures["helpful"]),
            (_("农户平均评分"), f"{rating:.1f}" if rating else "—"),
        ],
        url=reverse("consult:knowledge"),
        link_label=_("知识库"),
        order=2,
    )


def home_panels(user) -> list[Panel]:  # type: ignore[no-untyped-def]
    panels = []
    if can(user, ANSWER):
        panels += [_waiting(user), _figures(user)]
    if can(user, ASK):
        mine = queries.consultations_visible_to(user)
        panels.append(
            Panel(
                _("向专家咨询"),
                [
                    (_("待解答"), mine.filter(status=ConsultationStatus.OPEN).count()),
                    (_("已解答待评价"), mine.filter(status=ConsultationStatus.ANSWERED).count()),
                ],
                url=reverse("consult:ask"),
                link_label=_("我要咨询"),
                order=30,
            )
        )
    if can(user, OVERSEE):
        panels.append(
            Panel(
                _("超时未答的咨询"),
                [(_("已升级至县级"), queries.overdue(user).count())],
                url=reverse("consult:questions") + "?overdue=1",
                link_label=_("查看"),
                order=45,
            )
        )
    return panels
