"""The one font every PDF of the platform embeds (文泉驿微米黑, Apache-2.0, `fonts/`; see
docs/decisions/0003): a subset goes into each paper, so it prints the same on a county PC
without any Chinese font. Certificates (quarantine) and statements (vetservice) register it
here, since sibling apps may not import each other."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "WenQuanYiMicroHei"
FONT_FILE = Path(__file__).with_name("fonts") / "wqy-microhei.ttc"


def font() -> str:
    """The font's name, registered with reportlab on first use."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT
