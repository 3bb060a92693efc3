from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem


class ImmunizationConfig(AppConfig):
    name = "smartvet.immunization"
    label = "immunization"
    verbose_name = _("强制免疫")
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
