from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "smartvet.exchange"
    label = "exchange"
    verbose_name = _("国家平台对接")
