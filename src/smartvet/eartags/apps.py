from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EartagsConfig(AppConfig):
    name = "smartvet.eartags"
    label = "eartags"
    verbose_name = _("耳标")
