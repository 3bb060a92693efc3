from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuarantineConfig(AppConfig):
    name = "smartvet.quarantine"
    label = "quarantine"
    verbose_name = _("检疫与追溯")
