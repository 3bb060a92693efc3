"""Form parts every app shares: a region is picked, not typed (issue 10 point 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions
from smartvet.core.models import Region

LEVEL_LABELS = {
    "province": _("省"),
    "city": _("市"),
    "county": _("县（区）"),
    "township": _("乡镇"),
    "village": _("村"),
}


# What the page itself posts beside a command's fields: the CSRF token and the offline entry's id.
PAGE_FIELDS = frozenset({"csrfmiddlewaretoken", "client_id"})


def posted(request: HttpRequest) -> dict[str, str]:
    """The posted fields a command reads (the last value of each), without the page's own."""
    return {key: value for key, value in request.POST.items() if key not in PAGE_FIELDS}


class RegionPicker(forms.Widget):
    """Cascading choices from below the user's home region down to `lowest` (township or
    village): each choice loads the next (app.js, from core:region-options). The value is the
    lowest region chosen: picking a township and no village names the township."""

    template_name = "core/widgets/region_picker.html"

    def __init__(self, *, home: str = "", lowest: str = "village", attrs: Any = None):
        super().__init__(attrs)
        self.home = home
        self.lowest = lowest

    def _levels(self) -> list[str]:
        home_level = regions.level_of(self.home) or "nation"
        start = regions.LEVELS.index(home_level) + 1
        return list(regions.LEVELS[start : regions.LEVELS.index(self.lowest) + 1])

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = {regions.level_of(code): code for code in _ancestors(value or "", self.home)}
        selects = []
        parent = self.home
        for level in self._levels():
            options = (
                list(Region.objects.filter(parent_id=parent).order_by("code")) if parent else []
            )
            current = chosen.get(level, "")
            selects.append(
                {
                    "level": level,
                    "label": LEVEL_LABELS[level],
                    "name": f"{name}__{level}",
                    "options": options,
                    "value": current,
                }
            )
            parent = current
        context["widget"].update(
            {"selects": selects, "options_url": reverse("core:region-options")}
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        """The lowest region chosen; a code posted directly (an API client, a test) as is."""
        if data.get(name):
            return str(data.get(name))
        for level in reversed(self._levels()):
            if data.get(f"{name}__{level}"):
                return str(data.get(f"{name}__{level}"))
        return ""


def _ancestors(code: str, home: str) -> list[str]:
    """`code` and its ancestors below `home`."""
    found = []
    current = code
    while current and current != home and regions.level_of(current) not in {None, "nation"}:
        found.append(current)
        current = regions.parent_code(current)
    return found


class RegionField(forms.CharField):
    """A region within the user's reach, picked level by level. Call `for_user(user)` in the
    form's __init__ so the choices start below the user's home region."""

    def __init__(self, *, lowest: str = "village", **kwargs: Any):
        kwargs.setdefault("max_length", 12)
        super().__init__(widget=RegionPicker(lowest=lowest), **kwargs)

    def for_user(self, user: Any) -> None:
        self.widget.home = user.region_id
