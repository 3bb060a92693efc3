"""API of the core app: tokens and regions."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema
from pydantic import Field

from smartvet.core import queries, services
from smartvet.core.ratelimit import client_address

router = Router(tags=["core"])


class TokenIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=200)


class TokenOut(Schema):
    token: str
    expires_at: datetime


class RegionOut(Schema):
    code: str
    name: str
    level: str


@router.post("/auth/token", response=TokenOut, auth=None, summary="取得接口令牌")
def create_token(request, payload: TokenIn):
    token, expires_at = services.issue_token(
        username=payload.username,
        password=payload.password,
        address=client_address(request),
    )
    return {"token": token, "expires_at": expires_at}


@router.get("/regions", response=list[RegionOut], summary="下级区划（缺省为本账号所属区划的下级）")
def list_regions(request, parent: str | None = None):
    return queries.child_regions(actor=request.auth, parent=parent)


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    region: str


@router.get("/auth/me", response=MeOut, summary="当前账号")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "region": user.region_id,
    }
