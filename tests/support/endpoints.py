"""Access cases for the generic API suite (tests/core/test_api_access.py).

Every operation in the OpenAPI schema must have one EndpointCase, declared in a module
named `endpoint_cases.py` in the app's test folder (a list called CASES). The suite then
proves, for each: 401 without a token; 403 for a role that may not act; 404 for an object
in another region; and, for writes, that the allowed call succeeds and appends to the
ledger. An endpoint without a case fails the suite, so new endpoints join it by force.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any


@dataclass
class Call:
    """What the case's setup prepares: path parameters, a JSON body or a file."""

    params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    files: dict[str, tuple[str, bytes]] | None = None


@dataclass
class EndpointCase:
    method: str  # "get", "post", "patch", ...
    path: str  # as in the OpenAPI schema, e.g. "/api/v1/farms/{farm_id}"
    setup: Callable[[SimpleNamespace], Call] = lambda personas: Call()
    allowed: str | None = None  # a persona who may make the call (2xx)
    forbidden: str | None = None  # a persona of a role that may not (403)
    foreign: str | None = None  # a persona of an allowed role in another region (404)
    writes: bool = False  # a successful call appends to the ledger
    public: bool = False  # no token needed (no 401 check)
    success: int | None = None  # the expected 2xx, when it is not simply < 300

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def url(self, call: Call) -> str:
        return self.path.format(**call.params)
