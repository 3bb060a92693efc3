from hypothesis import given
from hypothesis import strategies as st

from smartvet.registry import rules

id_bodies = st.text(alphabet="0123456789", min_size=17, max_size=17)


def _with_check(body: str) -> str:
    total = sum(int(d) * w for d, w in zip(body, rules._ID_WEIGHTS, strict=True))
    return body + rules._ID_CHECK[total % 11]


@given(id_bodies)
def test_an_id_number_with_its_check_character_is_valid(body):
    assert rules.id_card_valid(_with_check(body))


@given(id_bodies, st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_breaks_the_check(body, position, shift):
    number = _with_check(body)
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    assert not rules.id_card_valid(changed)


def test_known_credit_codes():
    assert rules.uscc_valid("91420506MA4F00001W")
    assert not rules.uscc_valid("91420506MA4F00001X")
    assert rules.identity_valid(" 91420506ma4f00001w ")


@given(
    st.integers(0, 10_000), st.sampled_from(list(rules.STOCK_EVENT_SIGN)), st.integers(-5, 20_000)
)
def test_an_accepted_stock_event_never_leaves_negative_stock(current, kind, quantity):
    if rules.stock_event_problem(current, kind, quantity) is None:
        assert rules.stock_after(current, kind, quantity) >= 0
        assert quantity > 0


def test_missing_fields_name_every_gap():
    assert rules.missing_fields(name="场", phone="", address="", stock={}) == [
        "phone",
        "address",
        "species",
        "stock",
    ]
    assert rules.missing_fields(name="场", phone="1", address="a", stock={"sow": 1}) == []
