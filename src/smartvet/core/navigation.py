"""Navigation and home-page panels, contributed by each app without editing core.

An AppConfig may define `navigation = [NavItem(...)]`, `home_panels = "module.function"`
(a function of the user returning a list of Panel) and `farm_links = [FarmLink(...)]` (what a
farm's page offers to do with that farm in the other apps). An item names the permission it
needs (by name, as declared in the app's `permissions.py`); an item without one is for every
signed-in user. So a menu entry shows exactly when the action behind it would be allowed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any
    permission: str = ""
    order: int = 50


@dataclass(frozen=True)
class FarmLink:
    """A link on a farm's page; `url_name` takes the farm id, `query` names it instead."""

    url_name: str
    label: Any
    permission: str = ""
    query: str = ""
    order: int = 50


@dataclass
class Panel:
    title: Any
    figures: list[tuple[Any, Any]]
    url: str = ""
    link_label: Any = ""
    order: int = 50


def _can(user: Any, permission: str, obj: Any = None) -> bool:
    # Imported when asked: AppConfigs import this module before the models are ready.
    from smartvet.core.access import can

    return not permission or can(user, permission, obj)


def items_for(user: Any) -> list[dict[str, str]]:
    items = []
    for config in apps.get_app_configs():
        for item in getattr(config, "navigation", []):
            if not _can(user, item.permission):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append((item.order, {"url": url, "label": item.label, "name": item.url_name}))
    return [entry for _order, entry in sorted(items, key=lambda pair: pair[0])]


def panels_for(user: Any) -> list[Panel]:
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        path = getattr(config, "home_panels", None)
        if path:
            panels.extend(import_string(path)(user))
    return sorted(panels, key=lambda panel: panel.order)


def farm_links_for(user: Any, farm: Any) -> list[dict[str, str]]:
    """The links a farm's page offers this user: each link's permission is asked for this
    farm, so a vaccinator sees "免疫录入" only on the farms it serves."""
    links = []
    for config in apps.get_app_configs():
        for link in getattr(config, "farm_links", []):
            if not _can(user, link.permission, farm):
                continue
            if link.query:
                url = f"{reverse(link.url_name)}?{link.query}={farm.pk}"
            else:
                url = reverse(link.url_name, args=[farm.pk])
            links.append((link.order, {"url": url, "label": link.label}))
    return [entry for _order, entry in sorted(links, key=lambda pair: pair[0])]
