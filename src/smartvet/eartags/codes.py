"""Ear-tag codes (畜禽标识编码; 《畜禽标识和养殖档案管理办法》): pure rules, no ORM.

A code is 15 digits: species digit (1 pig, 2 cattle, 3 sheep/goat) + 6-digit county code +
8-digit serial, written `1-420506-00001234`. Input may carry dashes, spaces or full-width
digits (phones with Chinese input methods); only the 15 digits are stored. Because the
species digit is never 0, a code is also a 15-digit integer, which is how ranges store it.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError, Problem
from smartvet.core.species import SPECIES_BY_TAG_DIGIT

LENGTH = 15
SERIAL_SPAN = 10**8  # codes sharing species and county lie in one block of 10^8 serials
_SEPARATORS = re.compile(r"[\s\-_‐-―－.·]+")
_CODE = re.compile(r"[0-9]{15}")
MAX_INPUT = 40


def malformed(text: object) -> Problem:
    shown = str(text)[:MAX_INPUT]
    return Problem(
        "EARTAG_MALFORMED",
        _("耳标号“%(tag)s”格式不正确：应为15位数字（畜种1位+县代码6位+序号8位）") % {"tag": shown},
        {"tag": shown},
    )


def try_parse(text: object) -> str | None:
    """The 15 digits of a well-formed code, or None."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    if len(text) == LENGTH and text.isascii() and text.isdigit():  # the common case, fast
        return text if text[0] in SPECIES_BY_TAG_DIGIT and text[1:3] != "00" else None
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not _CODE.fullmatch(digits):
        return None
    if digits[0] not in SPECIES_BY_TAG_DIGIT or digits[1:3] == "00":
        return None
    return digits


def parse_code(text: str) -> str:
    """15 digits; raises DomainError EARTAG_MALFORMED for anything else."""
    code = try_parse(text)
    if code is None:
        problem = malformed(text)
        raise DomainError(problem.code, problem.message, [problem.as_dict()])
    return code


def format_code(code: str) -> str:
    """`1-420506-00001234`."""
    code = parse_code(code)
    return f"{code[0]}-{code[1:7]}-{code[7:]}"


def species_of_code(code: str) -> str:
    """ "pig" | "cattle" | "sheep" (core.species names)."""
    return SPECIES_BY_TAG_DIGIT[parse_code(code)[0]]


def county_of_code(code: str) -> str:
    return parse_code(code)[1:7]


def serial_of_code(code: str) -> int:
    return int(parse_code(code)[7:])


def number(code: str) -> int:
    """The code as the integer ranges store."""
    return int(parse_code(code))


def code_of(value: int) -> str:
    return f"{value:015d}"


def block_of(value: int) -> int:
    """Species digit and county code as one 7-digit number: a range never leaves its block."""
    return value // SERIAL_SPAN
