"""The federation's pure parts: province codes and their id blocks (decision 0009), and the
commands refusing where they cannot run."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from smartvet.exchange.federation import FederationError, keys, province_code
from tests.conftest import ON_POSTGRES

codes = st.integers(min_value=10, max_value=99).map(str)


@given(codes, codes)
def test_the_blocks_of_two_provinces_never_overlap_and_fit_a_bigint(a, b):
    first_a, last_a = keys.block(a)
    first_b, last_b = keys.block(b)
    assert 0 < first_a < last_a < 2**63
    assert (a == b) == (first_a == first_b)
    assert a == b or last_a < first_b or last_b < first_a
    # Above every id a user types (core.bounds.MAX_ID) and every pre-federation row.
    assert first_a > 2**31


@given(st.text(max_size=4))
def test_a_province_code_is_two_digits_not_starting_with_zero(text):
    if len(text) == 2 and text.isascii() and text.isdigit() and text[0] != "0":
        assert province_code(text) == text
    else:
        with pytest.raises(FederationError):
            province_code(text)


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite refusal")
def test_the_commands_say_they_need_postgresql():
    with pytest.raises(CommandError, match="只支持 PostgreSQL"):
        call_command("federation", "status")
