"""One pagination for every list endpoint: `{"items": [...], "count": n}` (CONTRACT.md), with
ninja's `@paginate(Page)` over a queryset the endpoint returns; `limit` 1–200 (20 by
default) and an offset bounded as every number that reaches the database (core.bounds)."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from smartvet.core.bounds import MAX_OFFSET


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=200, description="每页条数")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过的条数")
