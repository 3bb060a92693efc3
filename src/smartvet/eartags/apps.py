from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class EartagsConfig(AppConfig):
    name = "smartvet.eartags"
    label = "eartags"
    verbose_name = _("耳标")
    demo_loader = "smartvet.eartags.demo.load"
    home_panels = "smartvet.eartags.panels.home_panels"
    navigation = [
        NavItem("eartags:stock", _("耳标库存"), permission="eartags.view_stock", order=20),
        NavItem("eartags:lookup", _("耳标查询"), order=21),
    ]
