from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class SubsidyConfig(AppConfig):
    name = "smartvet.subsidy"
    label = "subsidy"
    verbose_name = _("先打后补")
    demo_loader = "smartvet.subsidy.demo.load"
    home_panels = "smartvet.subsidy.panels.home_panels"
    navigation = [
        NavItem("subsidy:application-list", _("先打后补"), permission="subsidy.view", order=60),
        NavItem("subsidy:public-publicity", _("补助公示"), order=95),
    ]
