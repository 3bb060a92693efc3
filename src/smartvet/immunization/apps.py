from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem

FIELD = frozenset({"farmer", "vaccinator", "provider", "station"})
READERS = frozenset(
    {
        "farmer",
        "vaccinator",
        "provider",
        "station",
        "supervisor",
        "bureau",
        "cdc",
        "admin",
        "official_vet",
    }
)


class ImmunizationConfig(AppConfig):
    name = "smartvet.immunization"
    label = "immunization"
    verbose_name = _("强制免疫")
    demo_loader = "smartvet.immunization.demo.load"
    home_panels = "smartvet.immunization.panels.home_panels"
    navigation = [
        NavItem("immunization:entry", _("免疫录入"), roles=FIELD, order=20),
        NavItem("immunization:record-list", _("免疫档案"), roles=READERS, order=21),
        NavItem(
            "immunization:lot-list",
            _("疫苗入库"),
            roles=frozenset(
                {"farmer", "station", "provider", "supervisor", "bureau", "vaccinator", "admin"}
            ),
            order=22,
        ),
        NavItem(
            "immunization:antibody-list",
            _("抗体检测"),
            roles=frozenset({"cdc", "farmer", "station", "supervisor", "bureau", "admin"}),
            order=23,
        ),
        NavItem(
            "immunization:density",
            _("免疫密度"),
            roles=frozenset({"station", "supervisor", "bureau", "cdc", "admin"}),
            order=24,
        ),
    ]
    farm_links = [
        FarmLink("immunization:entry-farm", _("免疫录入"), roles=FIELD, order=20),
        FarmLink("immunization:farm-history", _("免疫档案"), roles=READERS, order=21),
    ]
