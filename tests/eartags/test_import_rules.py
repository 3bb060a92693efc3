"""The workbook rows' quick acceptance (rules._plainly_good) is only a shortcut: a row it
accepts is exactly the row the checks one by one accept, and a row they refuse it never
accepts."""

from hypothesis import given
from hypothesis import strategies as st

from smartvet.eartags import rules

COUNTIES = {"420506", "420525"}
code_text = st.one_of(
    st.builds(
        lambda digit, county, serial: f"{digit}{county}{serial:08d}",
        st.sampled_from("01234"),
        st.sampled_from(["420506", "420525", "419999", "004205"]),
        st.integers(0, 10**8 - 1),
    ),
    st.sampled_from(
        ["", "1-420506-00000001", "１４２０５０６００００００００１", "14205060000000a", "1420506"]
    ),
    st.text(max_size=20),
)
quantity_text = st.one_of(st.integers(-2, 200).map(str), st.sampled_from(["", "１０", "1.5", "x"]))
label = st.one_of(st.text(max_size=3), st.just("箱" * 41))


@given(label, label, code_text, code_text, quantity_text)
def test_a_row_taken_at_once_is_the_row_the_checks_accept(box, pack, start, end, quantity):
    fields = [box, pack, start, end, quantity]
    slow, problems = rules.check_one_by_one(7, fields, COUNTIES)
    fast = rules._plainly_good(7, *fields, COUNTIES)
    if fast is not None:
        assert slow == fast and problems == []
    assert rules.check_row(7, fields, COUNTIES) == (slow, problems)


@given(st.integers(0, 10**8 - 1), st.integers(0, 99))
def test_plain_rows_of_a_workbook_take_the_quick_way(serial, extra):
    first, last = 142050600000000 + serial, 142050600000000 + min(serial + extra, 10**8 - 1)
    fields = ["B1", "01", str(first), str(last), str(last - first + 1)]
    assert (
        rules._plainly_good(2, *fields, COUNTIES) == rules.check_one_by_one(2, fields, COUNTIES)[0]
    )
    assert rules._plainly_good(2, *fields, COUNTIES) is not None
