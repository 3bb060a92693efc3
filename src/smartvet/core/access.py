"""Who may do what, and where: the one access model (DESIGN.md "Who may do what").

- A `Permission` names an action and the roles that may take it. Each app declares its own in
  its `permissions.py`; they register here by name, so navigation and templates can name them.
- `can(actor, perm, obj or region)` answers it; `require(...)` refuses: 403 when the role may
  not act, 404 when the object or region lies outside the actor's reach (CONTRACT.md: as if it
  did not exist).
- A `Workflow` joins a transition table to the actions that move along it;
  `available_actions(actor, obj)` is what a page shows as buttons and what a service may do.
- Every read of a region-bound model goes through `Model.objects.visible_to(actor)`; a region
  filter chosen by a user goes through `within(path, code)`.

No role is compared outside this module: apps ask `can(...)` or one of the reach questions
below (`sees_own_farms_only`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from smartvet.core import regions
from smartvet.core.errors import InvalidTransition, NotFound, PermissionDenied
from smartvet.core.models import Role

Condition = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Permission:
    """An action some roles may take. `condition(actor, obj)`, when given, must also hold for
    an object (e.g. a vaccinator declares only for a farm it serves)."""

    name: str
    roles: frozenset[str]
    condition: Condition | None = field(default=None, compare=False)

    def allows(self, role: str) -> bool:
        return role in self.roles


_PERMISSIONS: dict[str, Permission] = {}


def permission(name: str, *roles: str, condition: Condition | None = None) -> Permission:
    """Declare (and register by name) a permission; a name is declared once."""
    perm = Permission(name, frozenset(roles), condition)
    known = _PERMISSIONS.get(name)
    if known is not None and known.roles != perm.roles:
        raise ValueError(f"permission {name} declared twice with different roles")
    _PERMISSIONS[name] = perm
    return perm


def permission_named(name: str) -> Permission:
    try:
        return _PERMISSIONS[name]
    except KeyError:
        raise LookupError(f"unknown permission {name!r}") from None


def is_active_account(actor: Any) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and getattr(actor, "region_id", None)
    )


# --- reach: which objects of its region an actor sees ---------------------------------------


def sees_own_farms_only(actor: Any) -> bool:
    """A farmer sees the farms it owns and what belongs to them, not its neighbours'."""
    return getattr(actor, "role", None) == Role.FARMER


def _paths(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _follow(obj: Any, path: str) -> Any:
    """obj.farm.region_id for "farm__region": the last step reads the foreign key's id, so
    no query is made for it."""
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None) if hasattr(obj, f"{last}_id") else getattr(obj, last)


def regions_of(obj: Any) -> list[str]:
    """The region codes an object belongs to (a certificate: its origin and its destination)."""
    return [code for path in _paths(obj.region_path) if (code := _follow(obj, path))]


def owners_of(obj: Any) -> list[Any]:
    return [
        owner for path in _paths(getattr(obj, "owner_path", None)) if (owner := _follow(obj, path))
    ]


def in_reach(actor: Any, obj: Any) -> bool:
    """The object is one `visible_to(actor)` would return (checked in Python, no query)."""
    if not is_active_account(actor):
        return False
    if not any(regions.is_within(code, actor.region_id) for code in regions_of(obj)):
        return False
    if sees_own_farms_only(actor) and _paths(getattr(obj, "owner_path", None)):
        return actor.pk in owners_of(obj)
    return True


# --- the one check ---------------------------------------------------------------------------


def _reason(actor: Any, perm: Permission, obj: Any, region: str | None) -> type | None:
    """None when allowed; else the error class the refusal raises."""
    if not is_active_account(actor) or not perm.allows(actor.role):
        return PermissionDenied
    if region is not None and not regions.is_within(region, actor.region_id):
        return NotFound
    if obj is not None:
        if getattr(obj, "region_path", None) and not in_reach(actor, obj):
            return NotFound
        if perm.condition is not None and not perm.condition(actor, obj):
            return PermissionDenied
    return None


def can(actor: Any, perm: Permission | str, obj: Any = None, *, region: str | None = None) -> bool:
    """May `actor` take `perm`, on `obj` or in `region` when given?"""
    if isinstance(perm, str):
        perm = permission_named(perm)
    return _reason(actor, perm, obj, region) is None


def require(actor: Any, perm: Permission, obj: Any = None, *, region: str | None = None) -> None:
    """Refuse unless `can(...)`: 403 for the role (or the permission's condition), 404 for an
    object or region outside the actor's reach."""
    reason = _reason(actor, perm, obj, region)
    if reason is not None:
        raise reason()


def require_reach(actor: Any, region: str) -> None:
    """Refuse (404) a region outside the actor's home region."""
    if not is_active_account(actor) or not regions.is_within(region, actor.region_id):
        raise NotFound()


# --- workflows: transitions joined to permissions --------------------------------------------


@dataclass(frozen=True)
class Action:
    """A button of a workflow. `to` is the status it moves to (its sources come from the
    transition table); an action that changes no status names the statuses it applies in."""

    name: str
    permission: Permission
    to: str | None = None
    applies_in: frozenset[str] = frozenset()


class Actions(tuple):
    """The actions open to someone on an object, in declaration order; `"accept" in actions`
    asks by name, as templates do."""

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(action.name == item for action in self)
        return super().__contains__(item)

    @property
    def names(self) -> list[str]:
        return [action.name for action in self]


@dataclass(frozen=True)
class Workflow:
    """One workflow: its status field, transition table and actions. Registered by model
    label, so `{% actions_for obj as actions %}` finds it."""

    model: str
    transitions: dict[str, set[str]]
    actions: tuple[Action, ...]
    field: str = "status"

    def __post_init__(self) -> None:
        _WORKFLOWS[self.model] = self

    def action(self, name: str) -> Action:
        for action in self.actions:
            if action.name == name:
                return action
        raise LookupError(f"{self.model} has no action {name!r}")

    def _applies(self, action: Action, status: str) -> bool:
        if action.to is not None:
            return action.to in self.transitions.get(status, set())
        return status in action.applies_in

    def available_actions(self, actor: Any, obj: Any) -> Actions:
        status = getattr(obj, self.field)
        return Actions(
            action
            for action in self.actions
            if self._applies(action, status) and can(actor, action.permission, obj)
        )

    def require(self, actor: Any, obj: Any, name: str) -> Action:
        """The action, if `actor` may take it on `obj` now: refused as `require` refuses, and
        with INVALID_TRANSITION when the object's status does not allow it."""
        action = self.action(name)
        require(actor, action.permission, obj)
        status = getattr(obj, self.field)
        if not self._applies(action, status):
            raise InvalidTransition(status, action.to or name)
        return action


_WORKFLOWS: dict[str, Workflow] = {}


def workflow_of(obj: Any) -> Workflow | None:
    return _WORKFLOWS.get(obj._meta.label)


def available_actions(actor: Any, obj: Any) -> Actions:
    """What `actor` may do with `obj` now, from its workflow's table and the permissions."""
    workflow = workflow_of(obj)
    return workflow.available_actions(actor, obj) if workflow else Actions()


# --- scoping ---------------------------------------------------------------------------------


def within(path: str, code: str) -> models.Q:
    """Rows whose region code (at `path`, e.g. "farm__region_id") is `code` or lies below it,
    as a range of strings: an index serves it, where SQLite cannot use one for LIKE with a
    bound parameter (a township's share of 10 million tag records: 0.3 s by LIKE, under 2 ms by
    range). The one place a region is filtered by prefix."""
    if code == regions.NATION:
        return models.Q()
    if not code.isdigit():
        # Every region code but the nation's is digits: such a code names no region (and a
        # prefix lookup is not even possible on a foreign key's column).
        return models.Q(pk__in=[])
    upper = regions.code_upper_bound(code)
    if upper is None:
        return models.Q(**{f"{path}__gte": code})
    return models.Q(**{f"{path}__gte": code, f"{path}__lt": upper})


def _any_of(terms: Iterable[models.Q]) -> models.Q:
    query = models.Q()
    for index, term in enumerate(terms):
        query = term if index == 0 else query | term
    return query


def region_q(actor: Any, paths: str | tuple[str, ...]) -> models.Q:
    """Rows whose region (through any of `paths`) lies under the actor's home region."""
    if actor.region_id == regions.NATION:
        return models.Q()
    return _any_of(within(f"{path}__code", actor.region_id) for path in _paths(paths))


def owner_q(actor: Any, paths: str | tuple[str, ...] | None) -> models.Q:
    """Rows owned by the actor through any of `paths`."""
    return _any_of(models.Q(**{path: actor}) for path in _paths(paths))


class ScopedQuerySet(models.QuerySet):
    """Querysets of region-bound models. The model names its region and owner paths, one or
    several (a certificate is seen at its origin and at its destination):

    region_path = "region"        (or "farm__region", or ("farm__region", "destination_region"))
    owner_path = "owner"          (farmers see only what they own; None: no owner rule)
    """

    def visible_to(self, actor: Any) -> ScopedQuerySet:
        if not is_active_account(actor):
            return self.none()
        queryset = self.filter(region_q(actor, self.model.region_path))
        owner_path = getattr(self.model, "owner_path", None)
        if owner_path and sees_own_farms_only(actor):
            queryset = queryset.filter(owner_q(actor, owner_path))
        return queryset

    def get_visible(self, actor: Any, **lookup: Any) -> Any:
        """The object, or NotFound when it is missing or outside the actor's reach."""
        try:
            return self.visible_to(actor).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError):
            raise NotFound() from None


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)
