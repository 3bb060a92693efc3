"""The subsidy's panel on the home page: what waits for this role."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import Panel
from smartvet.subsidy import queries
from smartvet.subsidy.models import Qualification

WAITING = {
    "supervisor": ("submitted", _("待初审")),
    "bureau": ("preliminary_approved", _("待终审")),
}


def home_panels(user) -> list[Panel]:
    if not queries.can_view(user):
        return []
    counts = queries.status_counts(user)
    figures = [(_("补贴申请"), sum(counts.values())), (_("已拨付"), counts.get("paid", 0))]
    if user.role in WAITING:
        status, label = WAITING[user.role]
        waiting = Qualification.objects.visible_to(user).filter(status=status).count()
        figures = [
            (_("资质申请") + str(label), waiting),
            (_("补贴申请") + str(label), counts.get(status, 0)),
            *figures,
        ]
    return [
        Panel(
            _("先打后补"),
            figures,
            url=reverse("subsidy:application-list"),
            link_label=_("办理"),
            order=60,
        )
    ]
