"""Errors a user can cause. Each carries a stable code (CONTRACT.md) and a Chinese message.

Services raise them; the API's exception handler and the page middleware render them.
Raising inside a service's transaction rolls the whole action back, so a refusal
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: a code, a message and where it was found."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), **self.details}


class DomainError(Exception):
    status = 422

    def __init__(
        self,
        code: str,
        message: Any,
        details: list[dict[str, Any]] | None = None,
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}  # e.g. Retry-After on a 429
        if status is not None:
            self.status = status

    @classmethod
    def from_problems(
        cls, problems: list[Problem], *, code: str | None = None, message: Any = None
    ) -> DomainError:
        """One error that reports every problem; its code is the first problem's unless given."""
        first = problems[0]
        return cls(
            code or first.code,
            message or first.message,
            [problem.as_dict() for problem in problems],
        )

    def with_headers(self, response: Any) -> Any:
        for name, value in self.headers.items():
            response[name] = value
        return response

    def as_body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": str(self.message), "details": self.details}}


class NotFound(DomainError):
    """The object does not exist or lies outside the caller's region: the same answer."""

    status = 404

    def __init__(self, message: Any = None):
        super().__init__("NOT_FOUND", message or _("对象不存在或不在您的管辖范围内"))


class PermissionDenied(DomainError):
    status = 403

    def __init__(self, message: Any = None):
        super().__init__("PERMISSION_DENIED", message or _("您的角色无权执行此操作"))


class ValidationFailed(DomainError):
    def __init__(self, message: Any, details: list[dict[str, Any]] | None = None):
        super().__init__("VALIDATION_ERROR", message, details)


class InvalidTransition(DomainError):
    status = 409

    def __init__(self, current: str, target: str):
        # The statuses go in the details, for clients; a person reads what happened.
        super().__init__(
            "INVALID_TRANSITION",
            _("状态已经变化，这一步现在不能办理，请刷新后查看"),
            [{"from": current, "to": target}],
        )


def require_problems_absent(problems: list[Problem], **kwargs: Any) -> None:
    """Raise one DomainError listing every problem, if there is any."""
    if problems:
        raise DomainError.from_problems(problems, **kwargs)
