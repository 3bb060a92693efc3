"""Violation cases (执法办案; seed 001: punish violations firmly, hold people to account): opened
from a checkpoint check, a slaughter mismatch, an anomaly or by hand; investigated with
evidence; decided; closed. The workflow is enforcement.permissions.CASE over rules.TRANSITIONS."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region


class CaseKind(models.TextChoices):
    NO_CERTIFICATE = "no_certificate", _("无检疫证明")
    TAG_MISMATCH = "tag_mismatch", _("耳标缺失或与证明不符")
    UNREGISTERED_VEHICLE = "unregistered_vehicle", _("未备案车辆运输")
    SLAUGHTER_UNQUARANTINED = "slaughter_unquarantined", _("屠宰未经检疫动物")
    VACCINE_RESALE = "vaccine_resale", _("倒卖或使用非法疫苗")
    SUBSIDY_FRAUD = "subsidy_fraud", _("骗取补助资金")
    OTHER = "other", _("其他违法行为")


class CaseSource(models.TextChoices):
    CHECK = "check", _("指定通道查验")
    SLAUGHTER = "slaughter", _("屠宰入场查验")
    ANOMALY = "anomaly", _("监管异常")
    MANUAL = "manual", _("举报或巡查")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("已立案")
    INVESTIGATING = "investigating", _("调查取证")
    DECIDED = "decided", _("已作出处理决定")
    CLOSED = "closed", _("已结案")


class CaseDecision(models.TextChoices):
    WARNING = "warning", _("警告")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收")
    TRANSFER = "transfer", _("移送司法机关")
    NO_VIOLATION = "no_violation", _("不予处罚")


class Case(models.Model):
    """One case, kept in the region where the violation was found."""

    region_path = "region"

    number = models.CharField(_("案件编号"), max_length=40, unique=True)
    kind = models.CharField(_("违法类型"), max_length=30, choices=CaseKind.choices)
    source = models.CharField(
        _("案件来源"), max_length=20, choices=CaseSource.choices, default=CaseSource.MANUAL
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("发现地")
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("涉案养殖场户"),
    )
    certificate_number = models.CharField(_("检疫证明编号"), max_length=40, blank=True)
    check_record = models.OneToOneField(
        "quarantine.CheckpointCheck",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("查验记录"),
    )
    vehicle = models.CharField(_("车牌号"), max_length=20, blank=True)
    summary = models.CharField(_("案情摘要"), max_length=500)
    # The day the current stage must be done by (working days, rules.STAGE_WORKDAYS).
    due_on = models.DateField(_("本阶段期限"), null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("立案人"),
    )
    opened_at = models.DateTimeField(_("立案时间"), default=timezone.now)
    decision = models.CharField(
        _("处理决定"), max_length=20, choices=CaseDecision.choices, blank=True
    )
    amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reasons = models.CharField(_("决定理由"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.number


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("照片")
    RECORD = "record", _("关联记录")


class RecordKind(models.TextChoices):
    CERTIFICATE = "certificate", _("检疫证明")
    CHECK = "check", _("查验记录")
    DECLARATION = "declaration", _("检疫申报")
    FARM = "farm", _("养殖场户")


class CaseEvidence(models.Model):
    """A piece of evidence: a photo (stored re-encoded without EXIF, core.photos) or a link to
    a record of another app (a certificate's number, a check's, declaration's or farm's id)."""

    region_path = "case__region"

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("案件")
    )
    kind = models.CharField(_("证据类型"), max_length=10, choices=EvidenceKind.choices)
    record_kind = models.CharField(
        _("记录类型"), max_length=20, choices=RecordKind.choices, blank=True
    )
    record_ref = models.CharField(_("记录编号"), max_length=40, blank=True)
    image = models.ImageField(_("照片"), upload_to="enforcement/photos/", blank=True)
    thumbnail = models.ImageField(_("缩略图"), upload_to="enforcement/thumbs/", blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    added_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("案件证据")
        verbose_name_plural = _("案件证据")
        ordering = ["id"]
