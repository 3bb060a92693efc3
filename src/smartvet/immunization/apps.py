from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem


class ImmunizationConfig(AppConfig):
    name = "smartvet.immunization"
    label = "immunization"
    verbose_name = _("强制免疫")
    indicators = "smartvet.immunization.indicators.INDICATORS"
    demo_loader = "smartvet.immunization.demo.load"
    home_panels = "smartvet.immunization.panels.home_panels"
    navigation = [
        NavItem("immunization:entry", _("免疫录入"), permission="immunization.immunize", order=20),
        NavItem(
            "immunization:record-list",
            _("免疫档案"),
            permission="immunization.view_records",
            order=21,
        ),
        NavItem(
            "immunization:lot-list", _("疫苗入库"), permission="immunization.view_lots", order=22
        ),
        NavItem(
            "immunization:antibody-list",
            _("抗体检测"),
            permission="immunization.view_antibody_tests",
            order=23,
        ),
        NavItem(
            "immunization:density", _("免疫密度"), permission="immunization.view_density", order=24
        ),
    ]
    farm_links = [
        FarmLink(
            "immunization:entry-farm", _("免疫录入"), permission="immunization.immunize", order=20
        ),
        FarmLink(
            "immunization:farm-history",
            _("免疫档案"),
            permission="immunization.view_records",
            order=21,
        ),
    ]
    # the writes the national platform hears of (core.outbox; docs/exchange/)
    outbox_events = {
        "immunization.recorded": "smartvet.immunization.outbox.immunization_recorded",
    }
    ledger_actions = {
        "vaccine_lot.received": _("疫苗入库"),
        "vaccine_lot.photo_attached": _("上传疫苗照片"),
        "vaccine_lot.transferred": _("疫苗调拨"),
        "vaccine_lot.signed_for": _("疫苗签收"),
        "vaccine_lot.held": _("疫苗暂停使用（冷链异常）"),
        "vaccine_lot.released": _("疫苗放行"),
        "immunization.recorded": _("记录免疫"),
        "antibody_test.recorded": _("记录抗体检测"),
        "antibody_test.report_attached": _("上传检测报告"),
    }
    ledger_values = [
        "smartvet.immunization.models.Disease",
        "smartvet.immunization.models.LotSource",
        "smartvet.immunization.models.Round",
    ]
