from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class CoreConfig(AppConfig):
    name = "smartvet.core"
    label = "core"
    demo_loader = "smartvet.core.demo.load"
    verbose_name = _("基础")
    navigation = [
        NavItem("core:home", _("首页"), order=0),
        NavItem("core:ledger", _("操作台账"), order=90),
        NavItem(
            "core:village-import", _("导入村级区划"), permission="core.manage_regions", order=95
        ),
        NavItem("admin:index", _("系统管理"), permission="core.manage_accounts", order=99),
    ]

    def ready(self) -> None:
        # Every app's permissions (and workflows), registered by name before any request.
        autodiscover_modules("permissions")
