"""What the vetservice pages share: a page of a list, a command from a form, the error box."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator

from smartvet.core.commands import parse


def page_of(request, queryset, per_page: int = 20):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def command_from(command_class, data, **extra: Any):
    """The service's command from a form's fields (core.forms.posted: without the page's
    own): empty fields are left out (their defaults apply)."""
    values = {key: value for key, value in data.items() if value != ""}
    return parse(command_class, {**values, **extra})


def text_param(request, name: str, limit: int = 100) -> str:
    return request.GET.get(name, "")[:limit]
