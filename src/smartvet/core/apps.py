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

    ledger_actions = {
        "account.created": _("创建账号"),
        "account.changed": _("修改账号"),
        "token.issued": _("签发接口令牌"),
        "region.renamed": _("修改区划名称"),
        "region.villages_imported": _("导入村级区划"),
    }
    ledger_fields = {
        "rows": _("行数"),
        "renamed": _("改名"),
        "before": _("原"),
        "after": _("新"),
        "username": _("账号"),
        "role": _("角色"),
        "active": _("启用"),
        "expires_at": _("有效期至"),
    }

    def ready(self) -> None:
        # Every app's permissions (and workflows), registered by name before any request.
        autodiscover_modules("permissions")
