from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImmunizationConfig(AppConfig):
    name = "smartvet.immunization"
    label = "immunization"
    verbose_name = _("强制免疫")
