"""Writes of the core app: villages, accounts, API tokens, login throttling."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger, queries, ratelimit, regions
from smartvet.core.access import require, require_reach
from smartvet.core.errors import DomainError, NotFound, Problem, ValidationFailed
from smartvet.core.models import (
    ActivationCode,
    ApiToken,
    LoginFailure,
    Region,
    RegionLevel,
    Role,
    User,
)
from smartvet.core.permissions import ENROL_FARMER, MANAGE_ACCOUNTS, MANAGE_REGIONS
from smartvet.core.spreadsheets import data_rows, read_rows

VILLAGE_HEADER = (gettext_noop("村级区划代码"), gettext_noop("村名称"))


def _policy(name: str) -> Any:
    return settings.SMARTVET[name]


# --- villages -------------------------------------------------------------------------------


def village_row_problems(
    row: int, code: str, name: str, county: str, townships: set[str], seen: set[str]
) -> list[Problem]:
    """Why one row of a village list cannot be imported (every reason, not just the first)."""
    problems = []
    where = {"row": row}
    if regions.level_of(code) != "village":
        problems.append(Problem("VALIDATION_ERROR", _("村级代码应为12位数字"), where))
    elif not code.startswith(county):
        problems.append(Problem("VALIDATION_ERROR", _("村级代码不属于本县"), where))
    elif code[:9] not in townships:
        problems.append(
            Problem("VALIDATION_ERROR", _("所属乡镇%(code)s不存在") % {"code": code[:9]}, where)
        )
    elif code in seen:
        problems.append(Problem("VALIDATION_ERROR", _("代码在文件中重复"), where))
    if not name or len(name) > 100:
        problems.append(Problem("VALIDATION_ERROR", _("村名称不能为空，且不超过100字"), where))
    return problems


@transaction.atomic
def import_villages(*, actor: User, county_code: str, data: bytes, filename: str) -> int:
    """Villages are imported per county from its own list (DOMAIN.md §1); all rows or none.
    Existing villages are renamed; returns how many rows were written."""
    require(actor, MANAGE_REGIONS, region=county_code)
    if (
        regions.level_of(county_code) != "county"
        or not Region.objects.filter(code=county_code).exists()
    ):
        raise ValidationFailed(_("请选择一个县级区划"))
    townships = set(Region.objects.filter(parent_id=county_code).values_list("code", flat=True))
    problems: list[Problem] = []
    villages: dict[str, str] = {}
    for number, cells in data_rows(read_rows(data, filename), VILLAGE_HEADER):
        code, name = cells[0], cells[1]
        row_problems = village_row_problems(
            number, code, name, county_code, townships, set(villages)
        )
        problems.extend(row_problems)
        if not row_problems:
            villages[code] = name
    if problems:
        raise DomainError.from_problems(
            problems,
            code="IMPORT_INVALID",
            message=_("文件中有%(n)d处错误，未导入任何数据") % {"n": len(problems)},
        )
    existing = set(Region.objects.filter(code__in=villages).values_list("code", flat=True))
    Region.objects.bulk_create(
        [
            Region(code=code, name=name, level=RegionLevel.VILLAGE, parent_id=code[:9])
            for code, name in villages.items()
            if code not in existing
        ]
    )
    for code in existing:
        Region.objects.filter(code=code).update(name=villages[code])
    ledger.record(
        actor=actor,
        action="region.villages_imported",
        region=county_code,
        object_type="core.region",
        object_id=county_code,
        summary={"rows": len(villages), "renamed": len(existing)},
    )
    return len(villages)


@transaction.atomic
def rename_region(*, actor: User, code: str, name: str) -> Region:
    """Villages (and, rarely, other divisions) are renamed by administrators (DOMAIN.md §1)."""
    require(actor, MANAGE_REGIONS, region=code)
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed(_("名称不能为空，且不超过100字"))
    region = Region.objects.select_for_update().get(code=code)
    before = region.name
    region.name = name
    region.save(update_fields=["name"])
    queries.forget_region_labels()
    ledger.record(
        actor=actor,
        action="region.renamed",
        obj=region,
        region=code,
        summary={"before": before, "after": name},
    )
    return region


# --- accounts -------------------------------------------------------------------------------


@transaction.atomic
def create_account(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    region: str,
    display_name: str = "",
    organization: str = "",
    phone: str = "",
    provider: User | None = None,
) -> User:
    """Accounts are created by an administrator inside their own region (or by the demo
    loader and `createsuperuser`, which pass actor=None)."""
    if actor is not None:
        require(actor, MANAGE_ACCOUNTS, region=region)
    if role not in Role.values:
        raise ValidationFailed(_("未知角色：%(role)s") % {"role": role})
    if not Region.objects.filter(code=region).exists():
        raise ValidationFailed(_("区划代码%(code)s不存在") % {"code": region})
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("账号%(name)s已存在") % {"name": username})
    user = User.objects.create_user(
        username=username,
        password=password,
        role=role,
        region_id=region,
        display_name=display_name,
        organization=organization,
        phone=phone,
        provider=provider,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN and actor is None,
    )
    ledger.record(
        actor=actor,
        action="account.created",
        obj=user,
        region=region,
        summary={"username": username, "role": role},
    )
    return user


# --- farmers' own accounts -----------------------------------------------------------------


def enrol_farmer(*, actor: User, phone: str, name: str, region: str) -> tuple[User, str]:
    """The farmer's account for a farm the actor registers (a step inside the registration's
    transaction): username the phone number, no usable password, and a one-time activation
    code for the farm's QR card. A farmer with several farms keeps one account; a code is
    issued only while the account has never been activated."""
    require(actor, ENROL_FARMER, region=region)
    account = User.objects.filter(username=phone).first()
    if account is None:
        account = User.objects.create_user(
            username=phone, role=Role.FARMER, region_id=region, display_name=name, phone=phone
        )
        account.set_unusable_password()
        account.save(update_fields=["password"])
        ledger.record(
            actor=actor,
            action="account.created",
            obj=account,
            region=region,
            summary={"username": phone, "role": Role.FARMER},
        )
    elif account.has_usable_password() or account.role != Role.FARMER:
        return account, ""  # it logs in already: nothing to print on the card
    return account, _activation_code(account)


def _activation_code(account: User) -> str:
    existing = ActivationCode.objects.filter(user=account, expires_at__gt=timezone.now()).first()
    if existing:
        return existing.code
    while True:
        code = f"{secrets.randbelow(10**8):08d}"
        if not ActivationCode.objects.filter(code=code).exists():
            break
    expires_at = timezone.now() + timedelta(days=_policy("ACTIVATION_CODE_DAYS"))
    ActivationCode.objects.create(user=account, code=code, expires_at=expires_at)
    return code


def activation_pending(code: str) -> bool:
    return ActivationCode.objects.filter(code=code.strip(), expires_at__gt=timezone.now()).exists()


def activation_code_for(account: User) -> str:
    """The unused code of an account that was never activated, for reprinting the card."""
    match = ActivationCode.objects.filter(user=account, expires_at__gt=timezone.now()).first()
    return match.code if match else ""


@transaction.atomic(durable=True)
def activate_account(*, code: str, password: str, address: str = "") -> User:
    """The first scan of the card: the one-time code sets the farmer's password (Django's
    password validators apply) and is gone. Attempts are counted per address."""
    limit = _policy("ACTIVATION_ATTEMPTS_PER_HOUR")
    if ratelimit.hit("activate", address or "unknown", limit=limit, window_seconds=3600):
        raise DomainError("RATE_LIMITED", _("尝试次数过多，请一小时后再试"), status=429)
    match = (
        ActivationCode.objects.select_for_update()
        .select_related("user")
        .filter(code=code.strip(), expires_at__gt=timezone.now())
        .first()
    )
    if match is None:
        raise ValidationFailed(
            _("激活码无效或已使用"),
            [{"field": "code", "code": "VALIDATION_ERROR", "message": _("激活码无效或已使用")}],
        )
    account = match.user
    try:
        validate_password(password, account)
    except DjangoValidationError as exc:
        messages = [str(message) for message in exc.messages]
        raise ValidationFailed(
            messages[0],
            [{"field": "password", "code": "VALIDATION_ERROR", "message": m} for m in messages],
        ) from None
    account.set_password(password)
    account.save(update_fields=["password"])
    ActivationCode.objects.filter(user=account).delete()
    ledger.record(
        actor=account,
        action="account.activated",
        obj=account,
        region=account.region_id,
        summary={"username": account.username},
    )
    return account


# --- login and tokens -----------------------------------------------------------------------


def _recent_failures(username: str, address: str) -> list[datetime]:
    since = timezone.now() - timedelta(minutes=_policy("LOGIN_FAILURE_WINDOW_MINUTES"))
    return list(
        LoginFailure.objects.filter(username=username, address=address, at__gte=since)
        .order_by("at")
        .values_list("at", flat=True)
    )


def _throttle(username: str, address: str) -> None:
    """Refuse a username from an address that failed too often lately (LOGIN_THROTTLED with
    Retry-After). Counted per username and address together: a stranger guessing a password
    does not lock the real user out at the station's own computer."""
    failures = _recent_failures(username, address)
    if len(failures) < _policy("LOGIN_FAILURE_LIMIT"):
        return
    window = timedelta(minutes=_policy("LOGIN_FAILURE_WINDOW_MINUTES"))
    free_at = failures[-_policy("LOGIN_FAILURE_LIMIT")] + window
    seconds = max(1, int((free_at - timezone.now()).total_seconds()) + 1)
    raise DomainError(
        "LOGIN_THROTTLED",
        _("登录失败次数过多，请%(minutes)d分钟后再试") % {"minutes": max(1, -(-seconds // 60))},
        status=429,
        headers={"Retry-After": str(seconds)},
    )


def check_password_login(
    *, username: str, password: str, address: str = "", request: Any = None
) -> User:
    """The user for these credentials; failures are counted and repeated ones refused."""
    address = address[:64]
    _throttle(username, address)
    user = authenticate(request, username=username, password=password)
    if user is None:
        LoginFailure.objects.create(username=username[:150], address=address)
        raise DomainError("LOGIN_FAILED", _("用户名或密码错误"), status=401)
    LoginFailure.objects.filter(username=username, address=address).delete()
    return user


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, username: str, password: str, address: str = "") -> tuple[str, datetime]:
    # The password check stays outside the transaction: a failed attempt must be counted
    # even though the request is refused.
    user = check_password_login(username=username, password=password, address=address)
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(hours=_policy("TOKEN_LIFETIME_HOURS"))
    with transaction.atomic():
        ApiToken.objects.create(user=user, digest=token_digest(token), expires_at=expires_at)
        ledger.record(
            actor=user,
            action="token.issued",
            object_type="core.user",
            object_id=user.pk,
            summary={"expires_at": expires_at.isoformat()},
        )
    return token, expires_at


def user_for_token(token: str) -> User | None:
    """The active account behind a bearer token that has not expired, else None."""
    now = timezone.now()
    match = (
        ApiToken.objects.select_related("user", "user__region")
        .filter(digest=token_digest(token), expires_at__gt=now, user__is_active=True)
        .first()
    )
    if match is None:
        return None
    # Touch last_used at most once a minute: a busy client must not write on every call.
    if match.last_used_at is None or now - match.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=match.pk).update(last_used_at=now)
    return match.user


def assert_region_reachable(actor: User, code: str) -> Region:
    """The region, or 404 when unknown or outside the actor's home region."""
    require_reach(actor, code)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise NotFound(_("区划代码%(code)s不存在") % {"code": code})
    return region


@transaction.atomic
def record_account_change(*, actor: User, account: User, created: bool) -> None:
    """Accounts edited in Django admin: the admin form saves, this service audits it."""
    require(actor, MANAGE_ACCOUNTS, region=account.region_id)
    ledger.record(
        actor=actor,
        action="account.created" if created else "account.changed",
        obj=account,
        region=account.region_id,
        summary={"username": account.username, "role": account.role, "active": account.is_active},
    )
