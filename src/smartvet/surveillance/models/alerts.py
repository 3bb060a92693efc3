"""Alert rules as data, the alerts they raise, their timeline and who was told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.surveillance.models.choices import RegionLevelChoice, Severity


class Indicator(models.TextChoices):
    DEATHS = "deaths", _("死亡数")
    SICK = "sick", _("发病数")
    POSITIVE_RESULTS = "positive_results", _("法定疫病检测阳性")
    ANTIBODY_PASS_RATE = "antibody_pass_rate", _("免疫抗体合格率")
    TAGS_OUT_OF_COUNTY = "tags_out_of_county", _("耳标或检疫证明跨县异常使用")
    CERTIFICATES_NOT_ARRIVED = "certificates_not_arrived", _("检疫证明过期未落地")
    ZERO_REPORTS_MISSING = "zero_reports_missing", _("零报告缺报")


class Method(models.TextChoices):
    THRESHOLD = "threshold", _("固定阈值")
    RATIO = "ratio", _("与基线之比")
    EARS_C1 = "ears_c1", _("EARS C1")
    EARS_C2 = "ears_c2", _("EARS C2")
    EARS_C3 = "ears_c3", _("EARS C3")
    FARRINGTON = "farrington", _("Farrington灵活法")
    BELOW = "below", _("低于下限")


class AlertRule(models.Model):
    """One rule, as data: which figure, over which region level and window, judged by which
    method with which parameters, how severe, whom it goes to, and where it comes from.
    A rule applies in its region; a county's or province's own rule of the same code takes
    the place of the national default there."""

    region_path = "region"
    owner_path = None

    code = models.SlugField(_("规则代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("适用区域")
    )
    indicator = models.CharField(_("指标"), max_length=30, choices=Indicator.choices)
    region_level = models.CharField(
        _("统计区域级别"), max_length=10, choices=RegionLevelChoice.choices
    )
    window_days = models.PositiveIntegerField(_("时间窗（天）"), default=7)
    method = models.CharField(_("方法"), max_length=12, choices=Method.choices)
    parameters = models.JSONField(_("参数"), default=dict, blank=True)
    min_count = models.PositiveIntegerField(_("最小计数"), default=1)
    severity = models.CharField(_("级别"), max_length=10, choices=Severity.choices)
    routing_level = models.CharField(_("通知到"), max_length=10, choices=RegionLevelChoice.choices)
    cooldown_hours = models.PositiveIntegerField(_("冷却期（小时）"), default=24)
    source = models.CharField(_("依据"), max_length=300)
    active = models.BooleanField(_("启用"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        ordering = ["code", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "region"], name="surveillance_rule_code_once")
        ]

    def __str__(self) -> str:
        return self.name


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待确认")
    ACKNOWLEDGED = "acknowledged", _("已确认，调查中")
    CLOSED = "closed", _("已关闭")


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", _("确认疫情")
    FALSE_ALARM = "false_alarm", _("误报")
    DATA_ERROR = "data_error", _("数据错误")


class Alert(models.Model):
    """One alarm of a rule in a region; a second burst while it is open updates it."""

    region_path = "region"
    owner_path = None

    rule = models.ForeignKey(
        AlertRule, on_delete=models.PROTECT, related_name="alerts", verbose_name=_("规则")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("区域")
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("涉及养殖场户"),
    )
    severity = models.CharField(_("级别"), max_length=10, choices=Severity.choices)
    status = models.CharField(
        _("状态"), max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    observed = models.FloatField(_("观测值"))
    expected = models.FloatField(_("期望值"), null=True, blank=True)
    summary = models.CharField(_("摘要"), max_length=300)
    opened_at = models.DateTimeField(_("发出时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    updates = models.PositiveIntegerField(_("更新次数"), default=0)
    outcome = models.CharField(_("结论"), max_length=15, choices=Outcome.choices, blank=True)
    notes = models.CharField(_("说明"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "region"],
                condition=~models.Q(status="closed"),
                name="surveillance_one_open_alert_per_rule_region",
            )
        ]
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self) -> str:
        return self.summary


class AlertEntry(models.Model):
    """The alert's timeline: opened, updated, notified, acknowledged, investigated, closed."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="entries", verbose_name=_("预警")
    )
    kind = models.CharField(_("事项"), max_length=20)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("内容"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("预警记录")
        verbose_name_plural = _("预警记录")
        ordering = ["at", "id"]


class AlertNotice(models.Model):
    """An account the alert was routed to, and how it was told."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notices")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alert_notices"
    )
    at = models.DateTimeField(_("通知时间"))
    emailed = models.BooleanField(_("已发邮件"), default=False)
    texted = models.BooleanField(_("已发短信"), default=False)

    class Meta:
        verbose_name = _("预警通知")
        verbose_name_plural = _("预警通知")
        constraints = [
            models.UniqueConstraint(fields=["alert", "account"], name="surveillance_notice_once")
        ]


class SurveillancePolicy(models.Model):
    """A county's or province's changes to rules.DEFAULT_POLICY (zero-report schedule, the
    reporting clocks); the nearest region's value wins."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("区域")
    )
    values = models.JSONField(_("取值"), default=dict)

    class Meta:
        verbose_name = _("监测政策")
        verbose_name_plural = _("监测政策")
