"""日报告制度 (seed 000 dream 2): a vaccinator's report of the day.

A report is filled from the vaccinator's records of the day (immunizations, tag fittings,
orders done), copied into its lines when it is sent, plus the vaccinator's own lines. A
零报告 ("nothing to report") is a report of its own kind; a day without any report row is a
missing report, which the station's list shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager


class ReportKind(models.TextChoices):
    WORK = "work", _("工作日报")
    ZERO = "zero", _("零报告")


class LineSource(models.TextChoices):
    IMMUNIZATION = "immunization", _("免疫")
    EARTAGS = "eartags", _("佩戴耳标")
    ORDER = "order", _("服务订单")
    OWN = "own", _("自填")


class DailyReport(models.Model):
    region_path = "region"

    vaccinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("防疫员"),
    )
    # The vaccinator's home region when the report was sent (its township or village).
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在地")
    )
    day = models.DateField(_("报告日期"))
    kind = models.CharField(_("类别"), max_length=8, choices=ReportKind.choices)
    notes = models.TextField(_("情况说明"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("防疫员日报")
        verbose_name_plural = _("防疫员日报")
        ordering = ["-day", "vaccinator_id"]
        constraints = [
            models.UniqueConstraint(fields=["vaccinator", "day"], name="daily_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.vaccinator_id} {self.day} {self.kind}"


class DailyReportLine(models.Model):
    region_path = "report__region"

    report = models.ForeignKey(
        DailyReport, on_delete=models.CASCADE, related_name="lines", verbose_name=_("日报")
    )
    source = models.CharField(_("来源"), max_length=14, choices=LineSource.choices)
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
    )
    text = models.CharField(_("内容"), max_length=200)
    quantity = models.PositiveIntegerField(_("数量"), null=True, blank=True)
    # The record a line was filled from ("immunization:12"), empty for the vaccinator's own.
    ref = models.CharField(_("记录"), max_length=60, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("日报条目")
        verbose_name_plural = _("日报条目")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.text}"
