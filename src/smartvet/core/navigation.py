"""Navigation and home-page panels, contributed by each app without editing core.

An AppConfig may define `navigation = [NavItem(...)]`, `home_panels = "module.function"`
(a function of the user returning a list of Panel), `farm_links = [FarmLink(...)]` (what a
farm's page offers to do with that farm in the other apps) and `page_links = [PageLink(...)]`
(the same for the page of another object, e.g. a death report leading to its disposal). An
item names the permission it needs (by name, as declared in the app's `permissions.py`); an
item without one is for every signed-in user. So a menu entry shows exactly when the action
behind it would be allowed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


@dataclass(frozen=True)
class PageLink:
    """A link on the page of one object of a lower app: `model` is the object's model label
    ("surveillance.Report"), `query` names the object in the link (`?report=12`), `applies`
    picks the objects it is for (a death report on a farm); `permission` is asked for the
    object, as a farm link's is."""

    model: str
    url_name: str
    label: Any
    permission: str = ""
    query: str = ""
    applies: Callable[[Any], bool] | None = None
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


def _declared(attribute: str) -> Iterable[Any]:
    for config in apps.get_app_configs():
        yield from getattr(config, attribute, [])


def _links_to(user: Any, obj: Any, links: Iterable[FarmLink | PageLink]) -> list[dict[str, str]]:
    """The links whose permission the user has for this object, in their order."""
    rows = []
    for link in links:
        if not _can(user, link.permission, obj):
            continue
        if link.query:
            url = f"{reverse(link.url_name)}?{link.query}={obj.pk}"
        else:
            url = reverse(link.url_name, args=[obj.pk])
        rows.append((link.order, {"url": url, "label": link.label}))
    return [entry for _order, entry in sorted(rows, key=lambda pair: pair[0])]


def farm_links_for(user: Any, farm: Any) -> list[dict[str, str]]:
    """The links a farm's page offers this user: each link's permission is asked for this
    farm, so a vaccinator sees "免疫录入" only on the farms it serves."""
    return _links_to(user, farm, _declared("farm_links"))


def page_links_for(user: Any, obj: Any) -> list[dict[str, str]]:
    """The links other apps add to this object's page that this user may follow."""
    model = obj._meta.label
    links = [
        link
        for link in _declared("page_links")
        if link.model == model and (link.applies is None or link.applies(obj))
    ]
    return _links_to(user, obj, links)
