"""Bearer-token authentication for the JSON API (CONTRACT.md: POST /api/v1/auth/token)."""

from __future__ import annotations

from typing import Any

from ninja.security import HttpBearer

from smartvet.core import services


class BearerToken(HttpBearer):
    def authenticate(self, request: Any, token: str) -> Any:
        user = services.user_for_token(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerToken()
