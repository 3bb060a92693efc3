"""Regions, accounts, API tokens, login throttling and the hash-chained ledger."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions


class RegionLevel(models.TextChoices):
    NATION = "nation", _("全国")
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县")
    TOWNSHIP = "township", _("乡镇")
    VILLAGE = "village", _("村")


class Region(models.Model):
    """A node of the division tree; its code is its identity (GB/T 2260 / NBS)."""

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级"),
    )

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return _("%(name)s（%(code)s）") % {"name": self.name, "code": self.code}

    def contains(self, code: str) -> bool:
        return regions.is_within(code, self.code)


class RegionAlias(models.Model):
    """A historical code that still names a region, e.g. a county renamed in 2016 whose
    old code stays printed on ear tags in circulation (DOMAIN.md §1)."""

    code = models.CharField(_("历史代码"), max_length=12, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="aliases", verbose_name=_("现行区划")
    )
    name = models.CharField(_("历史名称"), max_length=100)
    until = models.DateField(_("停用日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("历史区划代码")
        verbose_name_plural = _("历史区划代码")

    def __str__(self) -> str:
        return (
            _("%(name)s（%(code)s）") % {"name": self.name, "code": self.code}
            + f" → {self.region.code}"
        )


class Role(models.TextChoices):
    FARMER = "farmer", _("养殖场户")
    VACCINATOR = "vaccinator", _("防疫员")
    PROVIDER = "provider", _("第三方服务主体")
    STATION = "station", _("乡镇畜牧兽医站")
    OFFICIAL_VET = "official_vet", _("官方兽医")
    SUPERVISOR = "supervisor", _("县级动物卫生监督机构")
    BUREAU = "bureau", _("农业农村局防疫检疫科")
    CDC = "cdc", _("动物疫病预防控制中心")
    SLAUGHTERHOUSE = "slaughterhouse", _("屠宰场")
    CHECKPOINT = "checkpoint", _("指定通道检查站")
    EXPERT = "expert", _("科技特派员/专家")
    ADMIN = "admin", _("系统管理员")


class User(AbstractUser):
    """An account: one role and one home region; it sees that region and all below it."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("所属区划")
    )
    display_name = models.CharField(_("姓名或名称"), max_length=100, blank=True)
    organization = models.CharField(_("单位"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    provider = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("所属服务主体"),
        limit_choices_to={"role": Role.PROVIDER},
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")

    def __str__(self) -> str:
        return self.display_name or self.username

    def can_reach(self, region_code: str) -> bool:
        """True when the region lies in this account's home region (or is it)."""
        return regions.is_within(region_code, self.region_id)


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, so a database dump reveals no token."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")


class ActivationCode(models.Model):
    """A one-time code printed on a farm's QR card: a farmer who never logged in sets a
    password with it on the first scan (issue 10 point 9). Kept only until it is used."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activation_codes")
    code = models.CharField(_("激活码"), max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))

    class Meta:
        verbose_name = _("激活码")
        verbose_name_plural = _("激活码")


class LoginFailure(models.Model):
    """A failed login, kept to throttle password guessing per username."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class LedgerEvent(models.Model):
    """One append-only audit event. Events form one hash chain per county (`chain`, the
    county of `region`, or the region itself above county level; docs/decisions/0004):
    `digest` covers the event and the previous digest of its chain, so an edited, deleted or
    reordered event breaks its chain (`smartvet verify-ledger`). `seq` numbers events across
    chains in the order they were written (unique, not gap-free)."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    chain = models.CharField(_("链"), max_length=12)
    chain_seq = models.PositiveBigIntegerField(_("链内序号"))
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人账号"), max_length=150)
    role = models.CharField(_("角色"), max_length=20, blank=True)
    region = models.CharField(_("区划"), max_length=12, db_index=True)
    # The account that owns the object (a farm's farmer): a farmer's ledger shows the events
    # about its own farms, not its neighbours' (the objects it may see).
    owner = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("对象所有人"),
    )
    action = models.CharField(_("动作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    summary = models.JSONField(_("摘要"), default=dict)
    prev_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    # The browser's id of an entry made offline (core.offline): a resend finds this event
    # instead of writing twice. Not in the digest: it names the entry, not what happened.
    client_id = models.UUIDField(_("终端录入编号"), null=True, blank=True)

    class Meta:
        verbose_name = _("台账事件")
        verbose_name_plural = _("台账事件")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["chain", "chain_seq"], name="ledger_chain_position"),
            models.UniqueConstraint(
                fields=["actor", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="ledger_entry_once",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class LedgerHead(models.Model):
    """The tip of one chain: its length and last digest. Appending locks only this row, so
    writers of one county queue behind each other (gap-free positions) while writers of
    different counties never wait on each other. Knowing the length, the head finds a
    deleted tail."""

    chain = models.CharField(max_length=12, unique=True)
    seq = models.PositiveBigIntegerField(default=0)
    digest = models.CharField(max_length=64)


class Counter(models.Model):
    """Named gap-free counters (farm codes per township, ...)."""

    name = models.CharField(max_length=80, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)


class CalendarDay(models.Model):
    """A day that differs from chinese-calendar, or from the weekend rule for a year the
    package does not know yet: a holiday (not working) or a make-up working day (调休).
    Read by core.workdays.overrides()."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是工作日"), default=False)
    name = models.CharField(_("名称"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".rstrip()


class OutboxEvent(models.Model):
    """An event for the national platform (DOMAIN.md §10; docs/decisions/0008-outbox.md),
    written by `core.ledger.record` in the transaction of the write it describes, when an app
    declared the write's ledger action on its AppConfig (`outbox_events`). `exchange`
    delivers it (at least once, in order per object) and keeps it acknowledged for a while.
    `seq` is the ledger event's number: the delivery order, and the object's `version`."""

    id = models.UUIDField(_("事件编号"), primary_key=True)
    seq = models.PositiveBigIntegerField(_("台账序号"), unique=True)
    type = models.CharField(_("事件类型"), max_length=60)
    province = models.CharField(_("省份"), max_length=2)
    object_type = models.CharField(_("对象类型"), max_length=40)
    object_id = models.CharField(_("对象编号"), max_length=64)
    occurred_at = models.DateTimeField(_("发生时间"))
    data = models.JSONField(_("内容"), default=dict)
    schema_version = models.PositiveSmallIntegerField(_("格式版本"), default=1)
    attempts = models.PositiveIntegerField(_("发送次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次发送"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    acknowledged_at = models.DateTimeField(_("确认接收时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("上报事件")
        verbose_name_plural = _("上报事件")
        ordering = ["seq"]
        indexes = [
            models.Index(
                fields=["seq"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="outbox_pending",
            ),
            models.Index(fields=["acknowledged_at"], name="outbox_acknowledged"),
            models.Index(fields=["object_type", "object_id"], name="outbox_object"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.object_type}:{self.object_id}"

    def envelope(self) -> dict:
        """The event as the national platform receives it (CONTRACT.md, docs/exchange/)."""
        return {
            "id": str(self.id),
            "type": self.type,
            "schema": f"{self.type}/{self.schema_version}",
            "province": self.province,
            "occurred_at": self.occurred_at.isoformat(),
            "object": {"type": self.object_type, "id": self.object_id},
            "version": self.seq,
            "data": self.data,
        }
