"""月例会 (seed 000 dream 2): a township's monthly meeting of its vaccinators, with its
minutes and who attended. The station calls it (the vaccinators of the township are
invited) and records it once held."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("已通知")
    HELD = "held", _("已召开")


class MonthlyMeeting(models.Model):
    region_path = "region"

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("乡镇")
    )
    month = models.CharField(_("月份"), max_length=7)  # YYYY-MM
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("地点"), max_length=100)
    topics = models.TextField(_("议题"), max_length=1000)
    chair = models.CharField(_("主持人"), max_length=50, blank=True)
    minutes = models.TextField(_("会议纪要"), max_length=5000, blank=True)
    status = models.CharField(
        _("状态"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("通知人"),
    )
    recorded_at = models.DateTimeField(_("纪要录入时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("月例会")
        verbose_name_plural = _("月例会")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "month"], name="monthly_meeting_once")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month}"


class MeetingAttendance(models.Model):
    region_path = "meeting__region"

    meeting = models.ForeignKey(
        MonthlyMeeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("例会")
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("参会人"),
    )
    present = models.BooleanField(_("出席"), default=False)
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("例会出席")
        verbose_name_plural = _("例会出席")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "attendee"], name="meeting_attendee_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.attendee_id}"
