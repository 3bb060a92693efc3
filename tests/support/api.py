"""A JSON API client that carries a bearer token, for tests."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from smartvet.core.models import ApiToken
from smartvet.core.services import token_digest


def token_for(user) -> str:
    token = secrets.token_urlsafe(24)
    ApiToken.objects.create(
        user=user, digest=token_digest(token), expires_at=timezone.now() + timedelta(hours=1)
    )
    return token


class ApiClient:
    def __init__(self, user=None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"} if user else {}

    def _json(self, method: str, path: str, body: Any = None):
        data = json.dumps(body if body is not None else {})
        return getattr(self.client, method)(
            path, data=data, content_type="application/json", **self.headers
        )

    def get(self, path: str, **params):
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: Any = None):
        return self._json("post", path, body)

    def patch(self, path: str, body: Any = None):
        return self._json("patch", path, body)

    def put(self, path: str, body: Any = None):
        return self._json("put", path, body)

    def delete(self, path: str):
        return self.client.delete(path, **self.headers)

    def upload(self, path: str, filename: str, data: bytes, field: str = "file", **fields):
        return self.client.post(
            path, {field: SimpleUploadedFile(filename, data), **fields}, **self.headers
        )

    def request(self, method: str, path: str, body: Any = None, files: dict | None = None):
        if files:
            name, (filename, data) = next(iter(files.items()))
            return self.upload(path, filename, data, field=name, **(body or {}))
        if method == "get":
            return self.get(path, **(body or {}))
        if method == "delete":
            return self.delete(path)
        return self._json(method, path, body)


def error_code(response) -> str:
    return response.json()["error"]["code"]
