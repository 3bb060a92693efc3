"""The SMS adaptor: the setting SMARTVET_SMS_BACKEND names a class with `send(phone, text)`;
the default sends nothing and logs the message (a county plugs in its operator's gateway)."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("smartvet.surveillance.sms")
DEFAULT_BACKEND = "smartvet.surveillance.sms.LogOnly"


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> bool: ...


class LogOnly:
    """Records nothing anywhere but the log: no gateway is configured."""

    def send(self, phone: str, text: str) -> bool:
        logger.info("SMS not sent (no gateway configured) to %s: %s", phone[-4:], text)
        return False


def backend() -> SmsBackend:
    return import_string(getattr(settings, "SMARTVET_SMS_BACKEND", DEFAULT_BACKEND))()
