"""Templates ask the access model, never a role: `{% actions_for obj as actions %}` then
`{% if "accept" in actions %}`, and `{% if user|can:"subsidy.apply" %}`."""

from __future__ import annotations

from typing import Any

from django import template

from smartvet.core import access

register = template.Library()


@register.simple_tag(takes_context=True)
def actions_for(context: Any, obj: Any) -> access.Actions:
    """The actions the signed-in user may take on `obj` now (its workflow's table and the
    permissions): the buttons the page shows."""
    return access.available_actions(context["request"].user, obj)


@register.filter
def can(user: Any, permission_name: str) -> bool:
    return access.can(user, permission_name)
