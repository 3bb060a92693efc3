"""Password rules with messages in the platform's own words (Django's zh-hans catalogue has no
plural form for the length rule, so farmers read it in English)."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import gettext as _


class MinimumLength(MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("密码太短，至少需要%(n)d个字符") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少需要%(n)d个字符") % {"n": self.min_length}
