"""Ear-tag inventory: ranges with a holder, their moves, and per-tag records only for tags
that something happened to alone (DESIGN.md: never one row per unissued tag)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager, ScopedQuerySet
from smartvet.core.models import Region
from smartvet.eartags import rules


class HolderKind(models.TextChoices):
    COUNTY = "county", _("县级库存")
    TOWNSHIP = "township", _("乡镇库存")
    FARM = "farm", _("养殖场户")
    VACCINATOR = "vaccinator", _("防疫员")


class ImportBatch(models.Model):
    """One registration of county stock (库存耳标登记): a workbook import or entry by hand."""

    region_path = "region"

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("县")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    ranges = models.PositiveIntegerField(_("号段数"), default=0)
    tags = models.PositiveBigIntegerField(_("耳标数"), default=0)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("耳标入库批次")
        verbose_name_plural = _("耳标入库批次")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.ranges})"


class Held(NamedTuple):
    """The range holding a code, as the checks need it."""

    id: int
    first: int
    last: int
    holder_kind: str
    holder_key: str
    region_id: str


class TagRangeQuerySet(ScopedQuerySet):
    def overlapping(self, first: int, last: int) -> TagRangeQuerySet:
        """Ranges that share a code with first..last, in one statement: those starting from
        the last range to start at or before `first` (the one that may contain it: one index
        probe) up to `last`, and ending at or after `first`."""
        before = TagRange.objects.filter(first__lte=first).order_by("-first").values("first")[:1]
        start = Coalesce(Subquery(before), Value(first), output_field=models.BigIntegerField())
        return self.filter(first__gte=start, first__lte=last, last__gte=first).order_by("first")

    def holding(self, number: int) -> TagRange | None:
        """The range holding one code: one index probe, not a scan of first <= n <= last."""
        piece = self.filter(first__lte=number).order_by("-first").first()
        return piece if piece is not None and piece.last >= number else None

    def runs_of_batch(self, batch_id: int) -> list[tuple[int, int]]:
        """The codes an import registered as runs of consecutive codes (first, last), ordered,
        computed by the database (gaps and islands): a 100,000-row workbook's packs mostly
        follow one another, and fetching its rows to join them in Python took longer than
        inserting them. A batch's ranges never overlap, so a run breaks where a range does
        not start right after the one before it."""
        table = TagRange._meta.db_table
        sql = (
            f"SELECT MIN(first), MAX(last) FROM ("
            f"SELECT first, last, SUM(starts) OVER (ORDER BY first) AS run FROM ("
            f"SELECT first, last, CASE WHEN first = 1 + LAG(last) OVER (ORDER BY first) "
            f"THEN 0 ELSE 1 END AS starts FROM {table} WHERE batch_id = %s) AS marked"
            f") AS numbered GROUP BY run ORDER BY 1"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [batch_id])
            return [(first, last) for first, last in cursor.fetchall()]

    def holding_each(self, numbers: Iterable[int]) -> dict[int, Held]:
        """The range holding each number, in one round trip: one index probe per number."""
        unique = sorted(set(numbers))
        if not unique:
            return {}
        values = ", ".join(["(CAST(%s AS BIGINT))"] * len(unique))
        table = TagRange._meta.db_table
        sql = (
            f"WITH q(n) AS (VALUES {values}) "
            f"SELECT q.n, r.id, r.first, r.last, r.holder_kind, r.holder_key, r.region_id "
            f"FROM q JOIN {table} r ON r.id = "
            f"(SELECT r2.id FROM {table} r2 WHERE r2.first <= q.n ORDER BY r2.first DESC LIMIT 1) "
            f"WHERE r.last >= q.n"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, unique)
            return {row[0]: Held(*row[1:]) for row in cursor.fetchall()}

    def insert_stock(
        self,
        spans: Sequence[tuple[int, int, str, str]],
        *,
        holder: dict[str, Any],
        batch_id: int,
        at: datetime,
    ) -> None:
        """(first, last, box, pack) rows as one holder's stock, handed to the database in bulk
        so the database, not the driver, unpacks them (a 100,000-row workbook in seconds):
        COPY on PostgreSQL (its statement-level triggers run on COPY as on INSERT), a JSON
        array and json_each on SQLite, 50,000 rows a statement (twice as fast as
        executemany, which binds and adapts every value of every row one by one)."""
        table = TagRange._meta.db_table
        fixed = [holder["holder_kind"], holder["holder_key"], holder["region_id"], batch_id, at]
        columns = "first, last, box, pack, holder_kind, holder_key, region_id, batch_id, updated_at"
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for span in spans:
                        copy.write_row((*span, *fixed))
                return
            for start in range(0, len(spans), 50_000):
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT json_extract(value, '$[0]'), "
                    f"json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
                    f"json_extract(value, '$[3]'), %s, %s, %s, %s, %s FROM json_each(%s)",
                    [*fixed, json.dumps(spans[start : start + 50_000], ensure_ascii=False)],
                )


class TagRange(models.Model):
    """A run of consecutive codes (first..last inclusive, one species, one county) held by one
    holder. Ranges never overlap: the services check before they write (under
    `lock_blocks`), and on PostgreSQL the database checks every written range against its
    neighbours too (a trigger, migration 0007)."""

    region_path = "region"
    owner_path = "farm__owner"  # a farmer sees the stock of its own farms

    first = models.BigIntegerField(_("起始号"), unique=True)
    last = models.BigIntegerField(_("终止号"))
    box = models.CharField(_("箱号"), max_length=40, blank=True)
    pack = models.CharField(_("包号"), max_length=40, blank=True)
    holder_kind = models.CharField(_("持有方类型"), max_length=12, choices=HolderKind.choices)
    holder_key = models.CharField(_("持有方"), max_length=40)
    # The three keys are indexed in Meta: the region by a plain btree only (within() filters
    # by range, never LIKE, so PostgreSQL's varchar_pattern_ops twin was a cost on every
    # write), a farm and a vaccinator only where there is one (county and township stock,
    # nearly every range, has neither).
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("持有方所在区划"),
        db_index=False,
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
        db_index=False,
    )
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("防疫员"),
        db_index=False,
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", verbose_name=_("入库批次")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = models.Manager.from_queryset(TagRangeQuerySet)()

    class Meta:
        verbose_name = _("耳标号段")
        verbose_name_plural = _("耳标号段")
        ordering = ["first"]
        indexes = [
            models.Index(fields=["holder_key", "first"], name="eartags_range_holder"),
            models.Index(fields=["region"], name="eartags_range_region"),
            models.Index(
                fields=["farm"], name="eartags_range_farm", condition=models.Q(farm__isnull=False)
            ),
            models.Index(
                fields=["holder_user"],
                name="eartags_range_user",
                condition=models.Q(holder_user__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last__gte=models.F("first")), name="eartags_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first:015d}–{self.last:015d}"

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def holder_name(self) -> str:
        """The holder as people name it (select_related region, farm and holder_user)."""
        return rules.holder_label(self.holder_kind, self.holder_display)

    @property
    def holder_display(self) -> str:
        if self.holder_kind == HolderKind.FARM:
            return self.farm.name if self.farm_id else self.holder_key
        if self.holder_kind == HolderKind.VACCINATOR:
            return str(self.holder_user) if self.holder_user_id else self.holder_key
        return self.region.name


class MoveKind(models.TextChoices):
    FIRST_ISSUE = "first_issue", _("一次发放")
    SECOND_ISSUE = "second_issue", _("二次发放")
    RETURN = "return", _("退回")
    TRANSFER = "transfer", _("调剂")


class TagMoveQuerySet(ScopedQuerySet):
    def containing(self, number: int) -> TagMoveQuerySet:
        """The moves whose range holds the code: on PostgreSQL through the GiST index of
        migration 0002."""
        if connection.vendor == "postgresql":
            return self.extra(where=["int8range(first, last, '[]') @> %s::bigint"], params=[number])
        return self.filter(first__lte=number, last__gte=number)


class TagMove(models.Model):
    """One issue or return of a range: who, when, from, to (seed 002 §二(二))."""

    region_path = "region"

    kind = models.CharField(_("类型"), max_length=16, choices=MoveKind.choices)
    first = models.BigIntegerField(_("起始号"), db_index=True)
    last = models.BigIntegerField(_("终止号"))
    quantity = models.PositiveBigIntegerField(_("数量"))
    from_key = models.CharField(_("发出方"), max_length=40)
    from_label = models.CharField(_("发出方名称"), max_length=120)
    to_key = models.CharField(_("接收方"), max_length=40, db_index=True)
    to_label = models.CharField(_("接收方名称"), max_length=120)
    # The county or township whose stock the move concerns; stations and counties see it.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("区划")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("经办人"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = models.Manager.from_queryset(TagMoveQuerySet)()

    class Meta:
        verbose_name = _("耳标发放记录")
        verbose_name_plural = _("耳标发放记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.first:015d}–{self.last:015d} → {self.to_label}"


class TagStatus(models.TextChoices):
    FITTED = "fitted", _("已佩戴")
    CANCELLED = "cancelled", _("已注销")


class CancelReason(models.TextChoices):
    SLAUGHTER = "slaughter", _("屠宰")
    DEATH = "death", _("死亡")
    LOSS = "loss", _("丢失")
    DAMAGE = "damage", _("损坏")


class Tag(models.Model):
    """A tag that something happened to alone: fitted, replaced or cancelled."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    code = models.BigIntegerField(_("耳标号"), unique=True)
    status = models.CharField(_("状态"), max_length=12, choices=TagStatus.choices)
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
        db_index=False,  # served by the (farm, status) index below
    )
    fitted_on = models.DateField(_("佩戴日期"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("注销原因"), max_length=12, blank=True, choices=CancelReason.choices
    )
    cancelled_at = models.DateTimeField(_("注销时间"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        verbose_name=_("补标"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("耳标")
        verbose_name_plural = _("耳标")
        # The home panel counts a region's fitted and cancelled tags farm by farm from this
        # index (1.0 s → under 1 ms over 10 million tag records on SQLite).
        indexes = [models.Index(fields=["farm", "status"], name="eartags_tag_farm_status")]

    def __str__(self) -> str:
        return f"{self.code:015d}"


class ClaimStatus(models.TextChoices):
    CLAIMED = "claimed", _("申报占用")
    IN_TRANSIT = "in_transit", _("运输途中")
    RELEASED = "released", _("解除占用")
    ARRIVED = "arrived", _("到达")


LIVE_CLAIMS = (ClaimStatus.CLAIMED.value, ClaimStatus.IN_TRANSIT.value)


class TagClaimQuerySet(models.QuerySet):
    def live(self) -> TagClaimQuerySet:
        """Claims of an open declaration or a certificate not yet arrived or revoked."""
        return self.filter(status__in=LIVE_CLAIMS)

    def of(self, ref: str) -> TagClaimQuerySet:
        return self.filter(ref=ref[:60])

    def end(self, status: str, at: datetime) -> int:
        """End the live claims among these; they stay as the record of what was listed."""
        return self.live().update(status=status, ended_at=at)


class TagClaim(models.Model):
    """A tag listed by a declaration (its `ref`) and then by the certificate issued for it:
    the one store of which tags a declaration or certificate carries. Live while the
    declaration is open or the certificate valid, then kept, ended, as history. A partial
    unique index lets no tag be live on two at once: of two concurrent claims of one tag
    exactly one insert wins."""

    code = models.BigIntegerField(_("耳标号"))
    ref = models.CharField(_("占用单据"), max_length=60)
    status = models.CharField(
        _("状态"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.CLAIMED
    )
    farm = models.ForeignKey(
        "registry.Farm", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    certificate_no = models.CharField(_("检疫证明编号"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = TagClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("耳标占用")
        verbose_name_plural = _("耳标占用")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(status__in=LIVE_CLAIMS),
                name="eartags_claim_one_live_per_tag",
            ),
            models.UniqueConstraint(fields=["ref", "code"], name="eartags_claim_once_per_ref"),
        ]
        indexes = [models.Index(fields=["code"], name="eartags_claim_code")]

    def __str__(self) -> str:
        return f"{self.code:015d} {self.ref}"


INSERT_BATCH = 2000


class TagEventQuerySet(models.QuerySet):
    def record(
        self,
        numbers: Iterable[int],
        *,
        kind: str,
        actor: Any,
        at: datetime,
        ref: str = "",
        farm: Any = None,
        detail: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        """One history event per tag. `detail` is an untranslated message (gettext_noop) and
        `params` its values: the history reads in the language of whoever looks at it."""
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        farm_id = farm.pk if farm is not None else None
        self.bulk_create(
            [
                TagEvent(
                    code=n,
                    kind=kind,
                    at=at,
                    actor_id=actor_id,
                    farm_id=farm_id,
                    ref=ref[:60],
                    detail=detail[:200],
                    params=params or {},
                )
                for n in numbers
            ],
            batch_size=INSERT_BATCH,
        )


class TagEvent(models.Model):
    """Something that happened to one tag alone (fitted, claimed, in transit, arrived,
    replaced, cancelled); moves of whole ranges live in TagMove."""

    code = models.BigIntegerField(_("耳标号"))
    kind = models.CharField(_("事件"), max_length=20)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    farm = models.ForeignKey(
        "registry.Farm", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ref = models.CharField(_("单据"), max_length=60, blank=True)
    # An untranslated message and its values, translated when shown (queries.event_detail).
    detail = models.CharField(_("说明"), max_length=200, blank=True)
    params = models.JSONField(_("说明参数"), default=dict, blank=True)

    objects = TagEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("耳标事件")
        verbose_name_plural = _("耳标事件")
        indexes = [models.Index(fields=["code", "at"], name="eartags_event_code")]

    def __str__(self) -> str:
        return f"{self.code:015d} {self.kind}"


class ImportJob(models.Model):
    """A large workbook imported in the background, with its progress for the page."""

    region_path = "region"

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200, blank=True)
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    def __str__(self) -> str:
        return f"{self.filename} {self.status}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done_rows * 100 / self.total_rows) if self.total_rows else 0
