"""Declarations, certificates, checkpoint checks, arrivals and slaughter entries
(DOMAIN.md §6; seed 001, seed 002; 《动物检疫管理办法》)."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager, ScopedQuerySet
from smartvet.core.models import Region
from smartvet.core.species import category_choices
from smartvet.eartags import queries as eartag_queries
from smartvet.quarantine import rules


class Purpose(models.TextChoices):
    SLAUGHTER = "slaughter", _("屠宰")
    REARING = "rearing", _("饲养")
    BREEDING = "breeding", _("种用")
    DAIRY = "dairy", _("乳用")
    SHOW = "show", _("参展、演出、比赛")
    OTHER = "other", _("其他")


class DestinationKind(models.TextChoices):
    SLAUGHTERHOUSE = "slaughterhouse", _("屠宰场")
    FARM = "farm", _("养殖场户")
    MARKET = "market", _("交易市场")
    OTHER = "other", _("其他")


class TransportMode(models.TextChoices):
    ROAD = "road", _("公路")
    RAIL = "rail", _("铁路")
    WATER = "water", _("水路")
    AIR = "air", _("航空")


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申报")
    ACCEPTED = "accepted", _("已受理")
    REJECTED = "rejected", _("不予受理")
    CERTIFIED = "certified", _("检疫合格，已出证")
    FAILED = "failed", _("检疫不合格")


class ListedTagsQuerySet(ScopedQuerySet):
    """Declarations or certificates whose tags (kept by the ear-tag app under their `ref`)
    are read for the whole list in one query when asked (`with_ear_tags()`), not row by row."""

    _with_ear_tags = False

    def with_ear_tags(self) -> ListedTagsQuerySet:
        clone = self._chain()
        clone._with_ear_tags = True
        return clone

    def _clone(self) -> ListedTagsQuerySet:
        clone = super()._clone()
        clone._with_ear_tags = self._with_ear_tags
        return clone

    def _fetch_all(self) -> None:
        filling = self._with_ear_tags and self._result_cache is None
        super()._fetch_all()
        if filling:
            rows = [row for row in self._result_cache if isinstance(row, models.Model)]
            listed = eartag_queries.listed_codes_of([row.ref for row in rows])
            for row in rows:
                row.__dict__["ear_tags"] = listed.get(row.ref, [])  # the cached_property's


class Declaration(models.Model):
    """检疫申报: one batch of animals of one category leaving one farm."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("养殖场户"),
    )
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    species = models.CharField(_("动物种类"), max_length=10)
    quantity = models.PositiveIntegerField(_("数量"))
    purpose = models.CharField(_("用途"), max_length=20, choices=Purpose.choices)
    destination_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("到达地区划")
    )
    destination_place = models.CharField(_("到达地点"), max_length=200)
    destination_kind = models.CharField(
        _("到达场所类型"),
        max_length=20,
        choices=DestinationKind.choices,
        default=DestinationKind.OTHER,
    )
    destination_farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("到达养殖场户"),
    )
    departure_date = models.DateField(_("启运日期"))
    vehicle = models.CharField(_("运载工具牌号"), max_length=20)
    carrier_name = models.CharField(_("承运人"), max_length=50, blank=True)
    carrier_phone = models.CharField(_("承运人电话"), max_length=20, blank=True)
    transport_mode = models.CharField(
        _("运载方式"), max_length=10, choices=TransportMode.choices, default=TransportMode.ROAD
    )
    remarks = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.SUBMITTED,
        db_index=True,
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申报人"),
    )
    declared_at = models.DateTimeField(_("申报时间"), default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受理官方兽医"),
    )
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    rejection_reason = models.CharField(_("不予受理理由"), max_length=200, blank=True)
    inspected_at = models.DateTimeField(_("检疫时间"), null=True, blank=True)
    inspection_notes = models.CharField(_("检疫情况"), max_length=500, blank=True)
    handling = models.CharField(_("不合格处理"), max_length=500, blank=True)

    objects = models.Manager.from_queryset(ListedTagsQuerySet)()

    class Meta:
        verbose_name = _("检疫申报")
        verbose_name_plural = _("检疫申报")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="declaration_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{_('检疫申报')} #{self.pk}"

    @property
    def ref(self) -> str:
        """The reference under which the ear-tag app holds this declaration's tags."""
        return tag_ref(self.pk)

    @cached_property
    def ear_tags(self) -> list[str]:
        """The declared tags, as the ear-tag app's claims keep them (the one store of which
        tags a declaration and its certificate carry); fixed once the declaration is in."""
        return eartag_queries.listed_codes(self.ref)


TAG_REF = "declaration:"


def tag_ref(declaration_id: int) -> str:
    return f"{TAG_REF}{declaration_id}"


class CertificateKind(models.TextChoices):
    A = "A", _("动物A（出省）")
    B = "B", _("动物B（省内）")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    ARRIVED = "arrived", _("已到达")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已撤销")


class Certificate(models.Model):
    """动物检疫合格证明: the fields of the paper form (DOMAIN.md §6). Never deleted; revoked
    with a reason."""

    # Seen by the origin's region and by the destination's: a certificate travels, so the
    # receiving county's slaughterhouse or station must find it too.
    region_path = ("farm__region", "destination_region")
    owner_path = ("farm__owner", "destination_farm__owner")

    number = models.CharField(_("证明编号"), max_length=40, unique=True)
    kind = models.CharField(_("证明类型"), max_length=1, choices=CertificateKind.choices)
    declaration = models.OneToOneField(
        Declaration, on_delete=models.PROTECT, related_name="certificate"
    )
    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("启运养殖场户"),
    )
    owner_name = models.CharField(_("货主"), max_length=100)
    owner_phone = models.CharField(_("货主电话"), max_length=20, blank=True)
    species = models.CharField(_("动物种类"), max_length=10)
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    quantity = models.PositiveIntegerField(_("数量"))
    unit = models.CharField(_("单位"), max_length=4)
    origin_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("启运地区划")
    )
    origin_place = models.CharField(_("启运地点"), max_length=300)
    destination_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("到达地区划")
    )
    destination_place = models.CharField(_("到达地点"), max_length=200)
    destination_kind = models.CharField(
        _("到达场所类型"), max_length=20, choices=DestinationKind.choices
    )
    destination_farm = models.ForeignKey(
        "registry.Farm", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("用途"), max_length=20, choices=Purpose.choices)
    carrier_name = models.CharField(_("承运人"), max_length=50, blank=True)
    carrier_phone = models.CharField(_("承运人电话"), max_length=20, blank=True)
    transport_mode = models.CharField(_("运载方式"), max_length=10, choices=TransportMode.choices)
    vehicle = models.CharField(_("运载工具牌号"), max_length=20)
    disinfection = models.CharField(_("运载工具消毒情况"), max_length=100, blank=True)
    valid_days = models.PositiveSmallIntegerField(_("有效天数"))
    vet = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("官方兽医"),
    )
    vet_name = models.CharField(_("官方兽医姓名"), max_length=100)
    issued_at = models.DateTimeField(_("签发时间"), db_index=True)
    valid_until = models.DateTimeField(_("有效期至"), db_index=True)
    remarks = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
        db_index=True,
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.CharField(_("撤销理由"), max_length=200, blank=True)
    arrived_at = models.DateTimeField(_("落地时间"), null=True, blank=True)
    arrival_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_quantity = models.PositiveIntegerField(_("实到数量"), null=True, blank=True)
    arrival_flags = models.JSONField(_("落地异常"), default=list, blank=True)
    arrival_notes = models.CharField(_("落地备注"), max_length=500, blank=True)

    objects = models.Manager.from_queryset(ListedTagsQuerySet)()

    class Meta:
        verbose_name = _("动物检疫合格证明")
        verbose_name_plural = _("动物检疫合格证明")
        ordering = ["-issued_at", "-id"]
        indexes = [
            models.Index(fields=["farm", "issued_at"]),
            models.Index(fields=["destination_farm", "issued_at"]),
            models.Index(fields=["status", "valid_until"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def ref(self) -> str:
        """Its tags are its declaration's, under the declaration's reference."""
        return tag_ref(self.declaration_id)

    @cached_property
    def ear_tags(self) -> list[str]:
        """牲畜耳标号: the tags of the declaration it was issued for, kept after arrival and
        slaughter (the paper, the verification count, the trace and the slaughter entry)."""
        return eartag_queries.listed_codes(self.ref)

    @cached_property
    def reports_from_other_provinces(self) -> list[CrossProvinceReport]:
        """Arrivals and slaughter entries other provinces reported about it (they come
        through the national hub; decision 0009)."""
        return list(CrossProvinceReport.objects.filter(certificate_number=self.number))

    @property
    def current_status(self) -> str:
        """Valid turns expired by the clock, without a write."""
        if self.status == CertificateStatus.VALID and timezone.now() > self.valid_until:
            return CertificateStatus.EXPIRED
        return self.status

    @property
    def stage(self) -> str:
        """Where the certificate stands in its workflow (quarantine.permissions.CERTIFICATE):
        its status as the clock sees it until the slaughterhouse takes the batch in; then the
        entry's: "slaughtered", "held" while the resident vet decides, or "refused"."""
        status = self.current_status
        entry = getattr(self, "slaughter_entry", None)
        if entry is None or status == CertificateStatus.REVOKED:
            return status
        return rules.ENTRY_STAGES[entry.status]


class CheckResult(models.TextChoices):
    PASS = "pass", _("通过")
    FAIL = "fail", _("不通过")


class CheckpointCheck(models.Model):
    """指定通道 check of a vehicle against its certificate."""

    region_path = "certificate__farm__region"
    owner_path = None

    # None for a certificate of another province, read through the national hub: this
    # province holds no row of it, its number names it.
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="checks"
    )
    certificate_number = models.CharField(_("证明编号"), max_length=40, blank=True, db_index=True)
    # A certificate of another province: which province issued it and its id there (ids are
    # unique across provinces, exchange.federation.keys), so the nation hears of the check as
    # an event of that province's certificate.
    issued_in = models.CharField(_("签发省份"), max_length=2, blank=True)
    origin_certificate_id = models.BigIntegerField(null=True, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checkpoint_name = models.CharField(_("检查站"), max_length=100)
    at = models.DateTimeField(_("检查时间"), default=timezone.now)
    vehicle = models.CharField(_("车牌号"), max_length=20)
    count_seen = models.PositiveIntegerField(_("清点数量"))
    result = models.CharField(_("检查结果"), max_length=10, choices=CheckResult.choices)
    flags = models.JSONField(_("发现问题"), default=list, blank=True)
    notes = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]

    @property
    def number(self) -> str:
        """The certificate's number (checks made before the number was kept name it by row)."""
        return self.certificate_number or self.certificate.number


class EntryStatus(models.TextChoices):
    SLAUGHTERED = "slaughtered", _("已屠宰")
    HELD = "held", _("待处理")
    INVESTIGATING = "investigating", _("暂扣调查")
    ADMITTED = "admitted", _("相符部分已屠宰")
    REFUSED = "refused", _("拒绝入场")


class SlaughterEntry(models.Model):
    """入场查验 and 屠宰: the certificate checked, tags compared, animals slaughtered, tags
    collected and cancelled, counts reconciled. Tags that do not match the certificate hold
    the batch (待处理) until the resident official vet decides (quarantine.permissions.ENTRY).
    """

    # Seen at the origin, and where the slaughterhouse is (its resident vet decides there).
    region_path = ("certificate__farm__region", "slaughterhouse__region")
    owner_path = None

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="slaughter_entry"
    )
    slaughterhouse = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("入场时间"), default=timezone.now)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=EntryStatus.choices,
        default=EntryStatus.SLAUGHTERED,
        db_index=True,
    )
    matched = models.PositiveIntegerField(_("相符耳标数"))
    slaughtered = models.PositiveIntegerField(_("屠宰数量"))
    reconciled = models.BooleanField(_("数量相符"))
    notes = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("入场查验")
        verbose_name_plural = _("入场查验")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{_('入场查验')} #{self.pk}"

    def _codes(self, outcome: str) -> list[str]:
        return [tag.code for tag in self.tags.all() if tag.outcome == outcome]

    @property
    def matched_tags(self) -> list[str]:
        return self._codes(EntryOutcome.MATCHED)

    @property
    def missing_tags(self) -> list[str]:
        return self._codes(EntryOutcome.MISSING)

    @property
    def extra_tags(self) -> list[str]:
        return self._codes(EntryOutcome.EXTRA)


class EntryOutcome(models.TextChoices):
    MATCHED = "matched", _("与证明相符")
    MISSING = "missing", _("证上有、未出示")
    EXTRA = "extra", _("出示了、证上没有")


class EntryTag(models.Model):
    """A tag a slaughter entry compared: on the certificate and presented, on the certificate
    and missing, or presented without being on it. The one store of an entry's tags, found by
    code, so a tag's trace shows every entry it was seen at (or missed at)."""

    entry = models.ForeignKey(SlaughterEntry, on_delete=models.CASCADE, related_name="tags")
    code = models.CharField(_("耳标号"), max_length=15)
    outcome = models.CharField(_("核对结果"), max_length=10, choices=EntryOutcome.choices)

    class Meta:
        verbose_name = _("入场耳标")
        verbose_name_plural = _("入场耳标")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="quarantine_entry_tag_once")
        ]
        indexes = [models.Index(fields=["code"], name="quarantine_entry_tag_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.outcome}"


class EntryDecision(models.Model):
    """A decision of the resident vet on a held batch, kept in order: holding it for
    investigation first, then admitting or refusing it."""

    entry = models.ForeignKey(SlaughterEntry, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("处理结果"), max_length=20, choices=EntryStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("驻场官方兽医"),
    )
    at = models.DateTimeField(_("处理时间"), default=timezone.now)
    notes = models.CharField(_("处理意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("入场处理")
        verbose_name_plural = _("入场处理")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.status}"


class CrossReportKind(models.TextChoices):
    ARRIVAL = "arrival", _("落地报告")
    SLAUGHTER = "slaughter", _("入场屠宰")


class CrossProvinceReport(models.Model):
    """What a province reported about another province's certificate (an arrival, a slaughter
    entry). Written where the animals arrived; PostgreSQL logical replication carries it to
    the national hub and from there to the certificate's province, where it shows on the
    certificate (docs/decisions/0009-federation.md). Insert-only: the publications' row filters
    on `reported_in` and `certificate_province` are what keeps a row from travelling back."""

    certificate_number = models.CharField(_("证明编号"), max_length=40, db_index=True)
    certificate_province = models.CharField(_("签发省份"), max_length=2)
    reported_in = models.CharField(_("报告省份"), max_length=2)
    kind = models.CharField(_("报告类型"), max_length=10, choices=CrossReportKind.choices)
    at = models.DateTimeField(_("报告时间"), default=timezone.now)
    place = models.CharField(_("报告单位"), max_length=100)
    reporter = models.CharField(_("报告人"), max_length=100)
    quantity = models.PositiveIntegerField(_("实到数量"))
    notes = models.CharField(_("备注"), max_length=200, blank=True)
    # What the arrival shows against the certificate (quarantine.rules.arrival_flags), and
    # the certificate's id in its province: the nation hears of the arrival as an event of it.
    flags = models.JSONField(_("发现问题"), default=list, blank=True)
    origin_certificate_id = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("外省报告")
        verbose_name_plural = _("外省报告")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_number", "kind", "reported_in"],
                name="quarantine_cross_report_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(reported_in=models.F("certificate_province")),
                name="quarantine_cross_report_foreign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} {self.get_kind_display()}"

    @property
    def flag_words(self) -> list[str]:
        return rules.flag_words(self.flags)
