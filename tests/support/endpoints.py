"""The table of the generic API suite (tests/core/test_api_access.py), after NetBox's API test
utilities.

Every operation of the OpenAPI schema has one EndpointCase, keyed by (method, path), declared
in a module named `endpoint_cases.py` in the app's test folder (a list called CASES). The
suite proves, for each: 401 without a token; 403 for a persona whose role may not act; 404
for an object or region outside the caller's reach; and that the allowed call succeeds and
appends exactly the ledger events the case names (none for a read). A non-public operation
names both refusals, or says with `Because(...)` why it has none; an operation without a case,
or a case without them, fails the suite, so new endpoints join it complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

READ_METHODS = frozenset({"get"})


@dataclass
class Call:
    """What the case's setup prepares: path parameters, a JSON body or a file, and the object
    the call acts on when no path parameter names it (e.g. the certificate behind a number)."""

    params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    files: dict[str, tuple[str, bytes]] | None = None
    subject: Any = None


@dataclass(frozen=True)
class Because:
    """In place of a 403 or 404 persona: why the operation has no such refusal (every role
    may read it; nothing outside the caller's reach can be named in it)."""

    reason: str


@dataclass(frozen=True)
class Outcome:
    """What an object id is read from after the allowed call."""

    call: Call
    actor: Any
    created: Callable[[str], list[Any]]  # model label -> pks of the rows the call created


# Where a ledger event's object id comes from. Each is a small value with `id(outcome,
# object_type)`; `models(object_type)` names the tables whose new rows it reads, so the suite
# knows what to count before the call.


@dataclass(frozen=True)
class New:
    """The one row the call created, of `model` (default: the event's object type)."""

    model: str = ""

    def models(self, object_type: str) -> tuple[str, ...]:
        return (self.model or object_type,)

    def id(self, outcome: Outcome, object_type: str) -> Any:
        created = outcome.created(self.model or object_type)
        assert len(created) == 1, f"the call created {len(created)} rows of {object_type}"
        return created[0]


@dataclass(frozen=True)
class Param:
    """A path parameter (`farm_id` of /farms/{farm_id})."""

    name: str

    def models(self, object_type: str) -> tuple[str, ...]:
        return ()

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return outcome.call.params[self.name]


@dataclass(frozen=True)
class Sent:
    """A field of the request body (`farm` of a fitting)."""

    name: str

    def models(self, object_type: str) -> tuple[str, ...]:
        return ()

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return outcome.call.body[self.name]


@dataclass(frozen=True)
class Subject:
    """The object the setup named as the call's subject, or one of its fields
    (`Subject("declaration_id")`: the declaration behind a certificate)."""

    attribute: str = "pk"

    def models(self, object_type: str) -> tuple[str, ...]:
        return ()

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return getattr(outcome.call.subject, self.attribute)


@dataclass(frozen=True)
class Caller:
    """The account that made the call (a token is issued to it)."""

    def models(self, object_type: str) -> tuple[str, ...]:
        return ()

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return outcome.actor.pk


@dataclass(frozen=True)
class Nothing:
    """No object id: the event names a kind of object, not one."""

    def models(self, object_type: str) -> tuple[str, ...]:
        return ()

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return ""


@dataclass(frozen=True)
class Ref:
    """`<prefix>:<id>`, for objects named through what they belong to (a declaration's claim
    on tags is `declaration:<id>`)."""

    prefix: str
    of: Any

    def models(self, object_type: str) -> tuple[str, ...]:
        return self.of.models(object_type)

    def id(self, outcome: Outcome, object_type: str) -> Any:
        return f"{self.prefix}:{self.of.id(outcome, object_type)}"


@dataclass(frozen=True)
class Event:
    """One ledger event the allowed call appends: its action and object (type and id)."""

    action: str
    object_type: str
    object_id: Any = New()

    def expected(self, outcome: Outcome) -> tuple[str, str, str]:
        return (self.action, self.object_type, str(self.object_id.id(outcome, self.object_type)))

    def models(self) -> tuple[str, ...]:
        return self.object_id.models(self.object_type)


Refusal = str | Because | None  # a persona's username, or why there is no such refusal


@dataclass
class EndpointCase:
    method: str  # "get", "post", "patch", ...
    path: str  # as in the OpenAPI schema, e.g. "/api/v1/farms/{farm_id}"
    setup: Callable[[SimpleNamespace], Call] = lambda personas: Call()
    allowed: str | None = None  # a persona who may make the call (2xx)
    forbidden: Refusal = None  # a persona of a role that may not (403)
    foreign: Refusal = None  # a persona of an allowed role, the object outside its reach (404)
    # The 404 case's own setup, when the object outside the persona's reach is not the one the
    # allowed call acts on (the only slaughterhouse sees its whole county: another county's).
    foreign_setup: Callable[[SimpleNamespace], Call] | None = None
    records: tuple[Event, ...] = ()  # the ledger events of the allowed call, in order
    public: bool = False  # no token needed (no 401, 403 or 404 case)
    success: int | None = None  # the expected 2xx, when it is not simply < 300

    @property
    def key(self) -> tuple[str, str]:
        return (self.method.upper(), self.path)

    @property
    def name(self) -> str:
        return " ".join(self.key)

    @property
    def writes(self) -> bool:
        return self.method not in READ_METHODS

    def url(self, call: Call) -> str:
        return self.path.format(**call.params)
