from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem

VET_ROLES = frozenset({"official_vet", "station", "supervisor", "bureau", "admin"})
TRACE_ROLES = frozenset(
    {
        "official_vet",
        "station",
        "supervisor",
        "bureau",
        "cdc",
        "admin",
        "slaughterhouse",
        "checkpoint",
    }
)


class QuarantineConfig(AppConfig):
    name = "smartvet.quarantine"
    label = "quarantine"
    verbose_name = _("检疫与追溯")
    demo_loader = "smartvet.quarantine.demo.load"
    home_panels = "smartvet.quarantine.panels.home_panels"
    navigation = [
        NavItem(
            "quarantine:declaration-list",
            _("检疫申报"),
            roles=VET_ROLES | {"farmer", "vaccinator"},
            order=30,
        ),
        NavItem(
            "quarantine:certificate-list",
            _("检疫证明"),
            roles=VET_ROLES | {"farmer", "slaughterhouse", "cdc"},
            order=31,
        ),
        NavItem(
            "quarantine:checkpoint", _("指定通道查验"), roles=frozenset({"checkpoint"}), order=32
        ),
        NavItem(
            "quarantine:slaughter", _("入场查验"), roles=frozenset({"slaughterhouse"}), order=33
        ),
        NavItem("quarantine:trace", _("追溯"), roles=TRACE_ROLES, order=34),
        NavItem("quarantine:verify-form", _("证明查验"), order=35),
    ]
    farm_links = [
        FarmLink(
            "quarantine:declare",
            _("检疫申报"),
            roles=frozenset({"farmer", "station", "vaccinator"}),
            order=30,
        ),
        FarmLink(
            "quarantine:trace", _("追溯去向与来源"), roles=TRACE_ROLES, query="farm", order=34
        ),
    ]
