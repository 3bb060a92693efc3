"""The JSON API under /api/v1/: one NinjaAPI, one router per app, one error format.

Errors a user can cause come back as {"error": {"code", "message", "details"}} (CONTRACT.md).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from smartvet.core import commands
from smartvet.core.auth import bearer
from smartvet.core.errors import DomainError


class UnicodeJSONRenderer(JSONRenderer):
    """Chinese text as UTF-8, not \\uXXXX escapes: half the bytes on a slow phone link."""

    json_dumps_params = {"ensure_ascii": False}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "description": "稳定的错误代码（CONTRACT.md）"},
                "message": {"type": "string", "description": "中文说明"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}
RATE_LIMITED_PATHS = ("/api/v1/auth/token", "/api/v1/public/")


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _error_responses(path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The errors a caller can cause on this operation, as the contract shapes them."""
    responses = {"422": _error("VALIDATION_ERROR 或业务规则拒绝（错误代码见 details）")}
    if operation.get("security"):
        responses["401"] = _error("UNAUTHENTICATED：未登录或令牌无效")
        responses["403"] = _error("PERMISSION_DENIED：角色无权执行此操作")
    if "{" in path or operation.get("security"):
        responses["404"] = _error("NOT_FOUND：对象不存在或不在管辖范围内")
    if "requestBody" in operation:
        responses["413"] = _error("REQUEST_TOO_LARGE：提交的数据过大")
    if path.startswith(RATE_LIMITED_PATHS):
        responses["429"] = _error("RATE_LIMITED / LOGIN_THROTTLED：过于频繁（见 Retry-After）")
    return responses


class SmartvetAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """The schema with every operation's error responses documented (CONTRACT.md error
        body), so outside tools and fuzzers know what a refusal looks like."""
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path, item in schema["paths"].items():
            for operation in item.values():
                for status, response in _error_responses(path, operation).items():
                    operation["responses"].setdefault(status, response)
        return schema


api = SmartvetAPI(
    renderer=UnicodeJSONRenderer(),
    title="smartvet 智慧兽医 API",
    version="1",
    description="县乡动物防疫、检疫与追溯平台接口。认证：POST /api/v1/auth/token 取得令牌，"
    "之后每次请求携带 Authorization: Bearer <token>。",
    auth=bearer,
    urls_namespace="api",
)


def error_response(request, status: int, code: str, message, details=None):
    body = {"error": {"code": code, "message": str(message), "details": details or []}}
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return exc.with_headers(api.create_response(request, exc.as_body(), status=exc.status))


def _body_location(location) -> tuple:
    """("body", "payload", "stock", "sow") -> ("stock", "sow"); ("query", "limit") -> ("limit",)."""
    parts = tuple(location)[1:]
    if location and location[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return parts


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [{**error, "loc": _body_location(error.get("loc", ()))} for error in exc.errors]
    details = commands.problems(errors)
    return error_response(request, 422, "VALIDATION_ERROR", _("提交的数据不符合要求"), details)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error_response(request, 401, "UNAUTHENTICATED", _("请先登录或提供有效的令牌"))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "NOT_FOUND", _("对象不存在或不在您的管辖范围内"))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return error_response(request, 413, "REQUEST_TOO_LARGE", _("提交的数据过大"))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, "HTTP_ERROR", str(exc))


def _add_routers() -> None:
    from smartvet.consult.api import router as consult_router
    from smartvet.core.api import router as core_router
    from smartvet.eartags.api import router as eartags_router
    from smartvet.enforcement.api import router as enforcement_router
    from smartvet.exchange.api import router as exchange_router
    from smartvet.immunization.api import router as immunization_router
    from smartvet.quarantine.api import router as quarantine_router
    from smartvet.registry.api import router as registry_router
    from smartvet.subsidy.api import router as subsidy_router
    from smartvet.supervision.api import router as supervision_router
    from smartvet.surveillance.api import router as surveillance_router
    from smartvet.vetservice.api import router as vetservice_router

    for router in (
        core_router,
        registry_router,
        eartags_router,
        immunization_router,
        vetservice_router,
        quarantine_router,
        surveillance_router,
        subsidy_router,
        enforcement_router,
        consult_router,
        supervision_router,
        exchange_router,
    ):
        api.add_router("", router)


_add_routers()
