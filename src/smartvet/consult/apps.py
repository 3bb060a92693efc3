from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    name = "smartvet.consult"
    label = "consult"
    verbose_name = _("科技特派员")
