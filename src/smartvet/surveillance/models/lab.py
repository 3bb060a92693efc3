"""The CDC's work: sampling plans, sampling records and lab results (with the lab's
accreditation), linked to the immunization app's antibody tests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.immunization.models import Accreditation
from smartvet.surveillance.models.choices import Disease


class Season(models.TextChoices):
    SPRING = "spring", _("春季")
    AUTUMN = "autumn", _("秋季")
    ROUTINE = "routine", _("常规")


class SamplingPlan(models.Model):
    """Samples to take: disease × species × region × samples per season of a year."""

    region_path = "region"
    owner_path = None

    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    species = models.CharField(_("动物种类"), max_length=10)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("区域")
    )
    year = models.PositiveIntegerField(_("年度"))
    season = models.CharField(_("季节"), max_length=10, choices=Season.choices)
    samples = models.PositiveIntegerField(_("计划样品数"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("采样计划")
        verbose_name_plural = _("采样计划")
        ordering = ["-year", "season", "region_id", "disease"]
        constraints = [
            models.UniqueConstraint(
                fields=["disease", "species", "region", "year", "season"],
                name="surveillance_one_plan_line",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_season_display()} {self.get_disease_display()}"


class LabResult(models.Model):
    """One farm's samples for one disease and their result: sampled (a sampling record)
    until the lab enters the positives."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    class Kind(models.TextChoices):
        PATHOGEN = "pathogen", _("病原学检测")
        ANTIBODY = "antibody", _("血清学（抗体）检测")

    plan = models.ForeignKey(
        SamplingPlan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("采样计划"),
    )
    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="surveillance_results",
        verbose_name=_("养殖场户"),
    )
    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    kind = models.CharField(
        _("检测类别"), max_length=10, choices=Kind.choices, default=Kind.PATHOGEN
    )
    sampled_on = models.DateField(_("采样日期"), db_index=True)
    samples = models.PositiveIntegerField(_("样品数"))
    # None: sampled, waiting for the lab (a sampling record).
    positive = models.PositiveIntegerField(_("阳性数"), null=True, blank=True)
    lab = models.CharField(_("检测机构"), max_length=100, blank=True)
    accreditation = models.CharField(
        _("资质"), max_length=10, choices=Accreditation.choices, default=Accreditation.NONE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    result_at = models.DateTimeField(_("结果录入时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("检测结果")
        verbose_name_plural = _("检测结果")
        ordering = ["-sampled_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_disease_display()} {self.positive}/{self.samples}"
