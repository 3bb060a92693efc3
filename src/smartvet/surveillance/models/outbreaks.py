"""Suspected major outbreaks and their reporting (国家突发重大动物疫情应急预案), and the event
in the WOAH shape: event -> outbreaks -> per species counts; immediate, follow-up and final
reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.surveillance.models.choices import Disease


class EventStatus(models.TextChoices):
    SUSPECTED = "suspected", _("疑似")
    CONFIRMED = "confirmed", _("确诊")
    RESOLVED = "resolved", _("已解除")
    RULED_OUT = "ruled_out", _("已排除")


class OutbreakEvent(models.Model):
    # The county's, and the township's where the suspicion was reported.
    region_path = ("region", "source_report__region")
    owner_path = None

    number = models.CharField(_("事件编号"), max_length=30, unique=True)
    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("县（市、区）")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=EventStatus.choices, default=EventStatus.SUSPECTED
    )
    source_report = models.ForeignKey(
        "surveillance.Report",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("来源报告"),
    )
    started_on = models.DateField(_("发病日期"))
    suspected_at = models.DateTimeField(_("疑似报告时间"))
    province_due = models.DateTimeField(_("应报省级时限"))
    province_reported_at = models.DateTimeField(_("报告省级时间"), null=True, blank=True)
    ministry_due = models.DateTimeField(_("应报农业农村部时限"), null=True, blank=True)
    ministry_reported_at = models.DateTimeField(_("报告农业农村部时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("疫情事件")
        verbose_name_plural = _("疫情事件")
        ordering = ["-suspected_at"]

    def __str__(self) -> str:
        return self.number


class Outbreak(models.Model):
    """One place of an event (a farm or a village: an epidemiological unit)."""

    event = models.ForeignKey(
        OutbreakEvent, on_delete=models.CASCADE, related_name="outbreaks", verbose_name=_("事件")
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("发生地")
    )
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("疫点")
        verbose_name_plural = _("疫点")
        ordering = ["id"]


class OutbreakCount(models.Model):
    """Per species of an outbreak, as WOAH asks."""

    outbreak = models.ForeignKey(
        Outbreak, on_delete=models.CASCADE, related_name="counts", verbose_name=_("疫点")
    )
    species = models.CharField(_("动物种类"), max_length=10)
    susceptible = models.PositiveIntegerField(_("易感数"), default=0)
    cases = models.PositiveIntegerField(_("发病数"), default=0)
    deaths = models.PositiveIntegerField(_("死亡数"), default=0)
    destroyed = models.PositiveIntegerField(_("扑杀销毁数"), default=0)
    slaughtered = models.PositiveIntegerField(_("屠宰数"), default=0)

    class Meta:
        verbose_name = _("疫点分种类数")
        verbose_name_plural = _("疫点分种类数")
        constraints = [
            models.UniqueConstraint(
                fields=["outbreak", "species"], name="surveillance_one_count_per_species"
            )
        ]


class OutbreakReport(models.Model):
    class Kind(models.TextChoices):
        IMMEDIATE = "immediate", _("快报")
        FOLLOW_UP = "follow_up", _("续报")
        FINAL = "final", _("终报")

    event = models.ForeignKey(
        OutbreakEvent, on_delete=models.CASCADE, related_name="reports", verbose_name=_("事件")
    )
    kind = models.CharField(_("报告类别"), max_length=10, choices=Kind.choices)
    number = models.PositiveIntegerField(_("序号"))
    # The event as it stood when reported (the WOAH-shaped JSON).
    content = models.JSONField(_("内容"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("报告时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("疫情事件报告")
        verbose_name_plural = _("疫情事件报告")
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"], name="surveillance_report_number_once"
            )
        ]
