from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class RegistryConfig(AppConfig):
    name = "smartvet.registry"
    label = "registry"
    demo_loader = "smartvet.registry.demo.load"
    verbose_name = _("养殖场户")
    navigation = [NavItem("registry:farm-list", _("养殖场户"), order=10)]
    home_panels = "smartvet.registry.panels.home_panels"
