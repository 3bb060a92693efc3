"""Daily rollups and the records of supervision (DOMAIN.md §9).

A rollup row is one measure's count for one (day, place, species, bucket), with the place's
ancestors stored beside it, so a figure for any region is one indexed sum over one column:
a dashboard never reads the fact tables (DESIGN.md, Conventions)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager


class Rollup(models.Model):
    measure = models.CharField(_("指标"), max_length=40)
    day = models.DateField(_("日期"))
    place = models.CharField(_("村或乡镇"), max_length=12)
    province = models.CharField(_("省"), max_length=2)
    city = models.CharField(_("市"), max_length=4)
    county = models.CharField(_("县"), max_length=6)
    township = models.CharField(_("乡镇"), max_length=9, blank=True)
    species = models.CharField(_("畜种"), max_length=10, blank=True)
    bucket = models.PositiveSmallIntegerField(_("分组"), default=0)
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("日汇总")
        verbose_name_plural = _("日汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "place", "day", "species", "bucket"],
                name="supervision_rollup_cell",
            )
        ]
        # one index per level a figure is asked for: the level's column, the period, then
        # what the figure groups by and sums, so the sum reads the index alone
        indexes = [
            models.Index(
                fields=["measure", "province", "day", "city", "bucket", "value"],
                name="supervision_rollup_province",
            ),
            models.Index(
                fields=["measure", "city", "day", "county", "bucket", "value"],
                name="supervision_rollup_city",
            ),
            models.Index(
                fields=["measure", "county", "day", "township", "bucket", "value"],
                name="supervision_rollup_county",
            ),
            models.Index(
                fields=["measure", "township", "day", "place", "bucket", "value"],
                name="supervision_rollup_township",
            ),
            # the recount's read of a township's or a county's cells, every measure at once
            models.Index(fields=["place", "day"], name="supervision_rollup_place"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.place} {self.day}: {self.value}"


class Grain(models.TextChoices):
    COUNTY_DAY = "county_day", _("县·日")
    COUNTY_MONTH = "county_month", _("县·月")
    TOWNSHIP_DAY = "township_day", _("乡镇·日")


class SummaryManager(models.Manager):
    def sum_rollups(
        self, county: str, measures: list[str], first: date | None, last: date | None
    ) -> int:
        """Write a county's summaries of `measures` over [first, last] from its daily rollups
        in the database, one INSERT … SELECT a grain, for a county that has none yet (the
        first rebuild, a restored database): the cells services.summarise counts, without
        carrying millions of rows through Python. Returns how many it wrote."""
        where = [f"measure IN ({', '.join(['%s'] * len(measures))})", "county = %s"]
        params: list[Any] = [*measures, county]
        if first:
            where.append("day >= %s")
            params.append(first)
        if last:
            where.append("day <= %s")
            params.append(last)
        if connection.vendor == "postgresql":
            month = "CAST(date_trunc('month', day) AS date)"
        else:  # SQLite keeps a date as its ISO text
            month = "substr(day, 1, 8) || '01'"
        # grain, the day it sums to, the township column it keeps (none: '' for a county's)
        grains = (
            (Grain.TOWNSHIP_DAY, "day", "township"),
            (Grain.COUNTY_DAY, "day", None),
            (Grain.COUNTY_MONTH, month, None),
        )
        created = 0
        with connection.cursor() as cursor:
            for grain, day, township in grains:
                groups = ", ".join(["measure", day, *([township] if township else []), "bucket"])
                cursor.execute(
                    f"INSERT INTO {self.model._meta.db_table} "
                    "(grain, measure, day, province, city, county, township, bucket, value) "
                    f"SELECT %s, measure, {day}, %s, %s, %s, {township or '%s'}, bucket, "
                    f"ROUND(SUM(value), 2) FROM {Rollup._meta.db_table} "
                    f"WHERE {' AND '.join(where)} "
                    f"GROUP BY {groups} HAVING ROUND(SUM(value), 2) <> 0",
                    [grain, county[:2], county[:4], county, *([] if township else [""]), *params],
                )
                created += cursor.rowcount
        return created


class Summary(models.Model):
    """The daily rollups summed over coarser places and days, so a province's or a city's
    figure reads its counties' months (and a county's its townships' days) rather than every
    village's days: a year of a province is a few thousand rows, not millions. Kept equal to
    the daily rollups by the same recount that writes them (services.recompute); species are
    summed away (no figure asks for one)."""

    grain = models.CharField(_("粒度"), max_length=12, choices=Grain.choices)
    measure = models.CharField(_("指标"), max_length=40)
    # the day, or the first day of the month for the monthly grain
    day = models.DateField(_("日期"))
    province = models.CharField(_("省"), max_length=2)
    city = models.CharField(_("市"), max_length=4)
    county = models.CharField(_("县"), max_length=6)
    # the township for the township grain (blank for a county's own places and the county grains)
    township = models.CharField(_("乡镇"), max_length=9, blank=True)
    bucket = models.PositiveSmallIntegerField(_("分组"), default=0)
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=2)

    objects = SummaryManager()

    class Meta:
        verbose_name = _("汇总")
        verbose_name_plural = _("汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "county", "township", "measure", "day", "bucket"],
                name="supervision_summary_cell",
            )
        ]
        indexes = [
            models.Index(
                fields=["grain", "measure", "province", "day", "city", "bucket", "value"],
                name="supervision_summary_province",
            ),
            models.Index(
                fields=["grain", "measure", "city", "day", "county", "bucket", "value"],
                name="supervision_summary_city",
            ),
            models.Index(
                fields=["grain", "measure", "county", "day", "township", "bucket", "value"],
                name="supervision_summary_county",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.measure} {self.county}{self.township} {self.day}: {self.value}"


class Watermark(models.Model):
    """How far the refresh has read the ledger (one row)."""

    read_until = models.DateTimeField(_("已处理至"))
    refreshed_at = models.DateTimeField(_("刷新时间"))

    class Meta:
        verbose_name = _("汇总进度")
        verbose_name_plural = _("汇总进度")


class Dashboard(models.Model):
    """What a region's dashboard shows for the default period (this year up to today): its
    figures, the time series of the default indicator and its anomalies, prepared by the
    refresh for every region at county level and above, so a page that opens reads one row
    (issue 13 point 3: a province logging in at once runs no year of queries). A recount that
    changes a county's summaries marks the rows of the county and of the regions above it
    stale in the same transaction; the refresh (and the rebuild) prepares those again before
    it ends, so once it has run no row is older than the rollups."""

    region = models.CharField(_("区划"), max_length=12)
    first = models.DateField(_("起始日期"))
    last = models.DateField(_("截止日期"))
    # the figures carry names and the anomalies sentences in the language they were made in
    language = models.CharField(_("语言"), max_length=10)
    figures = models.JSONField(_("指标"))
    series = models.JSONField(_("趋势"))
    anomalies = models.JSONField(_("异常"))
    stale = models.BooleanField(_("待更新"), default=False)
    prepared_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("驾驶舱缓存")
        verbose_name_plural = _("驾驶舱缓存")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "first", "last", "language"], name="supervision_dashboard_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.first}–{self.last}"


class Feature(models.TextChoices):
    TAG_ISSUE = "tag_issue", _("耳标发放")
    ORIGIN_QUARANTINE = "origin_quarantine", _("产地检疫出证")


class CountyRollout(models.Model):
    """A county on the platform (seed 002 §三): the date it reports its go-live, and which
    functions the province has switched on for it."""

    region_path = "county"

    county = models.OneToOneField(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("县（市、区）")
    )
    reported_live_on = models.DateField(_("上报启用日期"), null=True, blank=True)
    tag_issue_enabled_on = models.DateField(_("耳标发放开通日期"), null=True, blank=True)
    quarantine_enabled_on = models.DateField(_("产地检疫开通日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("县级上线情况")
        verbose_name_plural = _("县级上线情况")

    def __str__(self) -> str:
        return str(self.county)


class MilestoneScope(models.TextChoices):
    PREPARATION = "preparation", _("准备：养殖场户核对、库存耳标导入")
    ONE_PER_CITY = "one_per_city", _("每个市州至少1个县应用")
    SHARE_OF_COUNTIES = "share", _("每个市州按比例的县应用")
    ACCEPTANCE = "acceptance", _("总结验收")


class Milestone(models.Model):
    """A deadline of the rollout timetable as data (seed 002 §三): by `due`, `share` of each
    city's counties live (or at least one)."""

    region_path = "region"

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("下达单位区划")
    )
    name = models.CharField(_("节点"), max_length=100)
    due = models.DateField(_("截止日期"))
    scope = models.CharField(_("要求"), max_length=20, choices=MilestoneScope.choices)
    share = models.PositiveSmallIntegerField(_("应用比例（%）"), default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("推进节点")
        verbose_name_plural = _("推进节点")
        ordering = ["due"]

    def __str__(self) -> str:
        return f"{self.due} {self.name}"


class TrainingKind(models.TextChoices):
    TRAINERS = "trainers", _("师资培训")
    USERS = "users", _("使用培训")


class TrainingSession(models.Model):
    region_path = "region"

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("组织单位区划")
    )
    kind = models.CharField(_("培训类型"), max_length=10, choices=TrainingKind.choices)
    title = models.CharField(_("培训名称"), max_length=100)
    held_on = models.DateField(_("培训日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Who came from one station (a township) and how many farms it has trained since."""

    region_path = "station"

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("培训")
    )
    station = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("参训单位（乡镇）"),
    )
    attendees = models.PositiveIntegerField(_("参训人数"))
    farms_trained = models.PositiveIntegerField(_("培训养殖场户数"), default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("参训情况")
        verbose_name_plural = _("参训情况")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "station"], name="supervision_attendance_once"
            )
        ]


class Scheme(models.Model):
    """绩效考核 (seed 001 §三): a scheme of indicators × weights × targets for a period, set by
    a region for the counties or townships under it."""

    region_path = "region"

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("考核单位区划")
    )
    name = models.CharField(_("考核方案"), max_length=100)
    starts_on = models.DateField(_("考核期起"))
    ends_on = models.DateField(_("考核期止"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("制定人"),
    )
    created_at = models.DateTimeField(_("制定时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name


class SchemeItem(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    indicator = models.CharField(_("指标"), max_length=40)
    weight = models.PositiveSmallIntegerField(_("权重（分）"))
    target = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2)
    # lower is better (e.g. hours to a certificate, certificates without arrival)
    lower_is_better = models.BooleanField(_("越低越好"), default=False)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "indicator"], name="supervision_scheme_item_once"
            )
        ]


class NoticeKind(models.TextChoices):
    PRAISE = "praise", _("通报表扬")
    CRITICISM = "criticism", _("通报批评")


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", _("已通报")
    RECTIFYING = "rectifying", _("限期整改中")
    CLOSED = "closed", _("整改完成，已销号")


class Notice(models.Model):
    """通报表扬 / 通报批评 of a region; a criticism carries a rectification deadline (限期整改)
    and stays open until the issuing office closes it (seed 001 §三(二))."""

    region_path = ("region", "issued_by__region")

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("被通报地区")
    )
    kind = models.CharField(_("通报类型"), max_length=10, choices=NoticeKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=NoticeStatus.choices)
    scheme = models.ForeignKey(
        Scheme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("考核方案"),
    )
    reason = models.CharField(_("通报事由"), max_length=500)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    rectification = models.CharField(_("整改情况"), max_length=500, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("通报单位"),
    )
    issued_at = models.DateTimeField(_("通报时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region_id}"
