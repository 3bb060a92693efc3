from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidyConfig(AppConfig):
    name = "smartvet.subsidy"
    label = "subsidy"
    verbose_name = _("先打后补")
