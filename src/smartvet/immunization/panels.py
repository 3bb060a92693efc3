"""The immunization panel on the home page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.immunization import queries
from smartvet.immunization.permissions import (
    IMMUNIZATION_PANEL,
    IMMUNIZE,
    VIEW_ANTIBODY_TESTS,
    VIEW_LOTS,
    VIEW_RECORDS,
)


def _figures(user) -> list[tuple]:
    """The panel's figures, each only for those who may open what it counts."""
    today = timezone.localdate()
    figures: list[tuple] = []
    if can(user, VIEW_RECORDS):
        records = queries.immunizations_visible_to(user, start=today - timedelta(days=30))
        figures.append((_("近30天免疫记录"), records.count()))
    if can(user, VIEW_LOTS):
        lots = queries.lots_visible_to(user, usable=True, today=today)
        soon = lots.filter(expiry__lte=today + timedelta(days=30))
        figures += [(_("可用疫苗批次"), lots.count()), (_("30天内到期批次"), soon.count())]
    if can(user, VIEW_ANTIBODY_TESTS):
        late = queries.antibody_tests_visible_to(user, year=today.year, late=True)
        figures.append((_("本年超期录入的抗体检测"), late.count()))
    return figures


def home_panels(user) -> list[Panel]:
    if not can(user, IMMUNIZATION_PANEL):
        return []
    # Those who vaccinate open on the entry; the others on the records.
    url = reverse("immunization:entry" if can(user, IMMUNIZE) else "immunization:record-list")
    return [Panel(_("强制免疫"), _figures(user), url=url, link_label=_("进入"), order=20)]
