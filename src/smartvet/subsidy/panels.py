"""The subsidy's panel on the home page: what waits for this user's review."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import can
from smartvet.core.navigation import Panel
from smartvet.subsidy import queries
from smartvet.subsidy.models import Qualification
from smartvet.subsidy.permissions import REVIEW_AT, VIEW

WAITING_LABELS = {"submitted": _("待初审"), "preliminary_approved": _("待终审")}


def _waiting(user, counts: dict[str, int]) -> list[tuple[str, int]]:
    """Per review stage the user may decide: qualifications and applications waiting."""
    figures = []
    for status, review in REVIEW_AT.items():
        if can(user, review):
            label = str(WAITING_LABELS[status])
            waiting = Qualification.objects.visible_to(user).filter(status=status).count()
            figures += [
                (_("资质申请") + label, waiting),
                (_("补贴申请") + label, counts.get(status, 0)),
            ]
    return figures


def home_panels(user) -> list[Panel]:
    if not can(user, VIEW):
        return []
    counts = queries.status_counts(user)
    figures = [(_("补贴申请"), sum(counts.values())), (_("已拨付"), counts.get("paid", 0))]
    return [
        Panel(
            _("先打后补"),
            [*_waiting(user, counts), *figures],
            url=reverse("subsidy:application-list"),
            link_label=_("办理"),
            order=60,
        )
    ]
