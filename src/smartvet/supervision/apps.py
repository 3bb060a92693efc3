from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class SupervisionConfig(AppConfig):
    name = "smartvet.supervision"
    label = "supervision"
    verbose_name = _("智慧监管")
    navigation = [
        NavItem("supervision:home", _("智慧监管"), permission="supervision.view", order=80)
    ]
    home_panels = "smartvet.supervision.panels.home_panels"
