from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem


class QuarantineConfig(AppConfig):
    name = "smartvet.quarantine"
    label = "quarantine"
    verbose_name = _("检疫与追溯")
    indicators = "smartvet.quarantine.indicators.INDICATORS"
    demo_loader = "smartvet.quarantine.demo.load"
    home_panels = "smartvet.quarantine.panels.home_panels"
    navigation = [
        NavItem(
            "quarantine:declaration-list",
            _("检疫申报"),
            permission="quarantine.view_declarations",
            order=30,
        ),
        NavItem(
            "quarantine:certificate-list",
            _("检疫证明"),
            permission="quarantine.view_certificates",
            order=31,
        ),
        NavItem(
            "quarantine:checkpoint", _("指定通道查验"), permission="quarantine.check", order=32
        ),
        NavItem("quarantine:slaughter", _("入场查验"), permission="quarantine.slaughter", order=33),
        NavItem(
            "quarantine:slaughter-entries",
            _("入场待处理"),
            permission="quarantine.decide_entry",
            order=33,
        ),
        NavItem("quarantine:trace", _("追溯"), permission="quarantine.trace", order=34),
        NavItem("quarantine:verify-form", _("证明查验"), order=35),
    ]
    farm_links = [
        FarmLink("quarantine:declare", _("检疫申报"), permission="quarantine.declare", order=30),
        FarmLink(
            "quarantine:trace",
            _("追溯去向与来源"),
            permission="quarantine.trace",
            query="farm",
            order=34,
        ),
    ]
    # the writes the national platform hears of (core.outbox; docs/exchange/)
    outbox_events = {
        "certificate.issued": "smartvet.quarantine.outbox.certificate_issued",
        "certificate.revoked": "smartvet.quarantine.outbox.certificate_revoked",
        "certificate.checked": "smartvet.quarantine.outbox.certificate_checked",
        "certificate.checked_foreign": "smartvet.quarantine.outbox.foreign_certificate_checked",
        "certificate.arrived": "smartvet.quarantine.outbox.certificate_arrived",
        "certificate.cross_reported": "smartvet.quarantine.outbox.arrived_elsewhere",
        "slaughter.recorded": "smartvet.quarantine.outbox.slaughter_recorded",
    }
    ledger_actions = {
        "declaration.submitted": _("提交检疫申报"),
        "declaration.accepted": _("受理检疫申报"),
        "declaration.rejected": _("不予受理"),
        "declaration.failed": _("检疫不合格"),
        "certificate.issued": _("出具检疫证明"),
        "certificate.revoked": _("撤销检疫证明"),
        "certificate.checked": _("指定通道查验"),
        "certificate.checked_foreign": _("指定通道查验（外省证明）"),
        "certificate.arrived": _("落地报告"),
        "certificate.cross_reported": _("登记外省检疫证明的落地或入场"),
        "slaughter.recorded": _("屠宰入场查验"),
        "slaughter.held": _("入场耳标不符，暂扣待处理"),
        "slaughter.admitted": _("准予相符动物入场屠宰"),
        "slaughter.refused": _("拒绝入场"),
        "slaughter.investigated": _("暂扣调查"),
    }
    # A checkpoint's check that read the tags on the truck (enforcement links cases to it).
    ledger_fields = {
        "tags_missing": _("证明上有、车上未见的耳标"),
        "tags_extra": _("车上有、证明上没有的耳标"),
    }
    ledger_values = [
        "smartvet.quarantine.models.Purpose",
        "smartvet.quarantine.models.DestinationKind",
        "smartvet.quarantine.models.TransportMode",
        "smartvet.quarantine.models.CheckResult",
        "smartvet.quarantine.models.CertificateStatus",
        "smartvet.quarantine.models.EntryStatus",
        "smartvet.quarantine.models.CrossReportKind",
    ]
