from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VetserviceConfig(AppConfig):
    name = "smartvet.vetservice"
    label = "vetservice"
    verbose_name = _("兽医社会化服务")
