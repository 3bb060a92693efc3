"""Reports from the field: sickness, abnormal death, suspected outbreak, and the zero report
(疫情零报告) that says "nothing to report" for a village and period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.core.species import category_choices
from smartvet.surveillance.models.choices import Disease


class ReportKind(models.TextChoices):
    SICKNESS = "sickness", _("发病")
    DEATH = "death", _("异常死亡")
    SUSPECTED_OUTBREAK = "suspected_outbreak", _("疑似重大疫情")
    ZERO = "zero", _("零报告")


class DisposalMethod(models.TextChoices):
    """无害化处理 (《病死畜禽和病害畜禽产品无害化处理管理办法》)."""

    CENTRE = "centre", _("集中无害化处理场处理")
    INCINERATION = "incineration", _("焚烧")
    BURIAL = "burial", _("深埋")
    CHEMICAL = "chemical", _("化制")
    HIGH_TEMPERATURE = "high_temperature", _("高温处理")


class Report(models.Model):
    region_path = "region"
    owner_path = "farm__owner"

    kind = models.CharField(_("报告类型"), max_length=20, choices=ReportKind.choices)
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveillance_reports",
        verbose_name=_("养殖场户"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("村或乡镇")
    )
    category = models.CharField(
        _("品种类别"), max_length=20, choices=category_choices(), blank=True
    )
    species = models.CharField(_("动物种类"), max_length=10, blank=True)
    at_risk = models.PositiveIntegerField(_("存栏（易感）数"), default=0)
    sick = models.PositiveIntegerField(_("发病数"), default=0)
    dead = models.PositiveIntegerField(_("死亡数"), default=0)
    onset_date = models.DateField(_("发病日期"), db_index=True)
    disease = models.CharField(_("疑似病种"), max_length=20, choices=Disease.choices, blank=True)
    signs = models.CharField(_("临床症状"), max_length=500, blank=True)
    notes = models.CharField(_("备注"), max_length=500, blank=True)
    disposal_method = models.CharField(
        _("无害化处理方式"), max_length=20, choices=DisposalMethod.choices, blank=True
    )
    disposal_place = models.CharField(_("处理地点"), max_length=200, blank=True)
    disposal_by = models.CharField(_("处理人"), max_length=50, blank=True)
    # 零报告: the period the report covers (its first day) — unique per village and period.
    period = models.DateField(_("报告周期"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("报告人"),
    )
    reported_at = models.DateTimeField(_("报告时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("疫情报告")
        verbose_name_plural = _("疫情报告")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["region", "kind", "onset_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period"],
                condition=models.Q(kind="zero"),
                name="surveillance_one_zero_report_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region_id} {self.onset_date}"


class ReportPhoto(models.Model):
    """A photo of a report, stored re-encoded without EXIF (no GPS), with a thumbnail."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="photos", verbose_name=_("报告")
    )
    image = models.ImageField(_("照片"), upload_to="surveillance/photos/")
    thumbnail = models.ImageField(_("缩略图"), upload_to="surveillance/thumbs/")
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))

    class Meta:
        verbose_name = _("报告照片")
        verbose_name_plural = _("报告照片")
        ordering = ["id"]
