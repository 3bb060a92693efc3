"""客服专线 (seed 000 dream 10): the hotline's tickets, their thread and the county's policy.

A ticket is seen in its region (a village or township; the county's desk sees them all) and,
by a farmer, only when the farmer filed it. Its three clocks are stored as due instants,
computed in working hours by `core.working_hours` when the ticket opens or is answered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.vetservice.hotline_rules import DEFAULT_POLICY


class Stage(models.TextChoices):
    PRE = "pre", _("产前")
    DURING = "during", _("产中")
    POST = "post", _("产后")
    AFTER_SALE = "after_sale", _("售后")


class Channel(models.TextChoices):
    PHONE = "phone", _("电话")
    WECHAT = "wechat", _("微信")
    APP = "app", _("平台自助")
    WALK_IN = "walk_in", _("来访")


class Topic(models.TextChoices):
    IMMUNIZATION = "immunization", _("强制免疫")
    EARTAGS = "eartags", _("耳标与检疫")
    POLICY = "policy", _("政策与补贴")
    DISEASE = "disease", _("疫病诊疗")
    TECHNIQUE = "technique", _("饲养技术")
    SERVICE = "service", _("服务预约")
    COMPLAINT = "complaint", _("服务投诉")
    OTHER = "other", _("其他")


class TicketStatus(models.TextChoices):
    OPEN = "open", _("待响应")
    IN_PROGRESS = "in_progress", _("处理中")
    CLOSED = "closed", _("已办结")


class Clock(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("首次响应")
    NEXT_UPDATE = "next_update", _("进展回复")
    RESOLUTION = "resolution", _("办结")


class HotlinePolicy(models.Model):
    """A county's desk hours and clock limits (working hours); without a row the defaults of
    `DEFAULT_POLICY` apply."""

    region_path = "region"

    region = models.OneToOneField(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("县（区）")
    )
    working_hours = models.CharField(
        _("工作时段"),
        max_length=100,
        default=DEFAULT_POLICY["working_hours"],
        help_text=_("如 08:30-12:00,14:00-17:30；节假日与调休按国家规定和节假日调整表"),
    )
    first_response_hours = models.PositiveSmallIntegerField(
        _("首次响应时限（工作小时）"), default=DEFAULT_POLICY["first_response_hours"]
    )
    next_update_hours = models.PositiveSmallIntegerField(
        _("进展回复时限（工作小时）"), default=DEFAULT_POLICY["next_update_hours"]
    )
    resolution_hours = models.PositiveSmallIntegerField(
        _("办结时限（工作小时）"), default=DEFAULT_POLICY["resolution_hours"]
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("客服专线时限")
        verbose_name_plural = _("客服专线时限")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    first_response_hours__gt=0, next_update_hours__gt=0, resolution_hours__gt=0
                ),
                name="hotline_policy_limits_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.working_hours}"

    def as_dict(self) -> dict:
        return {
            "working_hours": self.working_hours,
            "first_response_hours": self.first_response_hours,
            "next_update_hours": self.next_update_hours,
            "resolution_hours": self.resolution_hours,
        }


class HotlineTicket(models.Model):
    """One call (or message) to the hotline, from first contact to closing."""

    region_path = "region"
    owner_path = "caller"

    number = models.CharField(_("工单号"), max_length=20, unique=True)
    stage = models.CharField(_("环节"), max_length=12, choices=Stage.choices)
    channel = models.CharField(_("来源"), max_length=12, choices=Channel.choices)
    topic = models.CharField(_("问题类别"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("主题"), max_length=100)
    body = models.TextField(_("来电内容"), max_length=2000)
    phone = models.CharField(_("联系电话"), max_length=20)
    caller_name = models.CharField(_("来电人"), max_length=50, blank=True)
    # The farmer's own account when the farmer filed it (the farmer then sees it).
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("来电账号"),
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
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在地")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    route_reason = models.CharField(_("分派依据"), max_length=200)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受理人"),
    )
    opened_at = models.DateTimeField(_("受理时间"), db_index=True)
    first_response_due = models.DateTimeField(_("首次响应时限"))
    first_responded_at = models.DateTimeField(_("首次响应时间"), null=True, blank=True)
    # Running while the ticket is open: reset by every answer, stopped (null) at closing.
    next_update_due = models.DateTimeField(_("进展回复时限"), null=True, blank=True)
    last_update_at = models.DateTimeField(_("最近回复时间"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("办结时限"))
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolution = models.TextField(_("办理结果"), max_length=1000, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("评价"), max_length=200, blank=True)
    # The service order the ticket became (转服务订单), at most one.
    order = models.OneToOneField(
        "vetservice.ServiceOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_ticket",
        verbose_name=_("服务订单"),
    )
    escalated_at = models.DateTimeField(_("升级时间"), null=True, blank=True)
    escalated_clock = models.CharField(
        _("超时环节"), max_length=20, choices=Clock.choices, blank=True
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("客服工单")
        verbose_name_plural = _("客服工单")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["status", "first_response_due"], name="hotline_open_due"),
            models.Index(fields=["routed_to", "status"], name="hotline_routed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="hotline_satisfaction_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class EntryKind(models.TextChoices):
    RESPONSE = "response", _("首次响应")
    UPDATE = "update", _("进展回复")
    ESCALATION = "escalation", _("超时升级")
    ORDER = "order", _("转服务订单")
    CLOSING = "closing", _("办结")


class TicketEntry(models.Model):
    """A line of the ticket's thread: what was answered, when and by whom."""

    region_path = "ticket__region"
    owner_path = "ticket__caller"

    ticket = models.ForeignKey(
        HotlineTicket, on_delete=models.CASCADE, related_name="entries", verbose_name=_("工单")
    )
    kind = models.CharField(_("类别"), max_length=12, choices=EntryKind.choices)
    text = models.TextField(_("内容"), max_length=1000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("办理人"),
    )
    at = models.DateTimeField(_("时间"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("工单记录")
        verbose_name_plural = _("工单记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"
