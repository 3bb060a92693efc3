import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.errors import DomainError
from smartvet.eartags import codes

species_digit = st.sampled_from("123")
county = st.integers(100000, 999999).map(str)
serial = st.integers(0, 10**8 - 1)


@given(species_digit, county, serial)
def test_format_then_parse_gives_the_same_fifteen_digits(digit, county_code, number):
    code = f"{digit}{county_code}{number:08d}"
    assert codes.parse_code(codes.format_code(code)) == code
    assert codes.format_code(code) == f"{digit}-{county_code}-{number:08d}"


@given(species_digit, county, serial, st.sampled_from(["-", " ", "  ", "－", "\t"]))
def test_dashes_and_spaces_are_accepted(digit, county_code, number, sep):
    code = f"{digit}{county_code}{number:08d}"
    assert codes.parse_code(f"{digit}{sep}{county_code}{sep}{number:08d}") == code


def test_full_width_digits_from_a_chinese_keyboard_are_accepted():
    assert codes.parse_code("１-４２０５０６-０００００００１") == "142050600000001"


@given(st.text(max_size=60))
def test_anything_is_either_fifteen_digits_or_malformed(text):
    try:
        code = codes.parse_code(text)
    except DomainError as exc:
        assert exc.code == "EARTAG_MALFORMED"
    else:
        assert len(code) == 15 and code.isdigit()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1-420506-0000123",
        "1420506000012345",
        "4-420506-00000001",
        "0-420506-00000001",
        "1-000506-00000001",
        "abc",
        "1" * 200,
        "1-420506-0000000x",
    ],
)
def test_malformed_codes_are_refused_with_their_code(text):
    with pytest.raises(DomainError) as caught:
        codes.parse_code(text)
    assert caught.value.code == "EARTAG_MALFORMED"


def test_species_county_and_serial_are_read_from_the_code():
    assert codes.species_of_code("2-420506-00000099") == "cattle"
    assert codes.species_of_code("342050600000001") == "sheep"
    assert codes.county_of_code("1-420506-00000099") == "420506"
    assert codes.serial_of_code("1-420506-00000099") == 99
