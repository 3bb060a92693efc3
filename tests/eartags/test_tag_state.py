"""The one rule of a tag's state (rules.tag_state) and the rules of its uses that read it,
over every combination of what can be recorded about a tag."""

from hypothesis import given
from hypothesis import strategies as st

from smartvet.eartags import rules

records = st.sampled_from([None, rules.FITTED, rules.CANCELLED])
claims = st.sampled_from([None, "claimed", rules.IN_TRANSIT])
holders = st.sampled_from([None, "county", "township", "farm", "vaccinator"])
facts = st.fixed_dictionaries({"record": records, "claim": claims, "holder_kind": holders})


@given(facts)
def test_a_tag_is_in_one_of_the_contract_states_or_unknown(fact):
    state = rules.tag_state(**fact)
    assert state in rules.TAG_STATES or state is None
    # Unknown only when nothing is recorded that places the tag anywhere.
    assert (state is None) == (
        fact["record"] is None and fact["holder_kind"] is None and fact["claim"] != rules.IN_TRANSIT
    )


@given(facts)
def test_cancellation_is_final_and_travel_comes_before_wear(fact):
    state = rules.tag_state(**fact)
    if fact["record"] == rules.CANCELLED:
        assert state == rules.CANCELLED
    elif fact["claim"] == rules.IN_TRANSIT:
        assert state == rules.IN_TRANSIT
    elif fact["record"] == rules.FITTED:
        assert state == rules.FITTED
    elif fact["holder_kind"] is not None:
        # Only the holder speaks: stock of an office, or issued to who uses it.
        assert state == (
            rules.IN_STOCK if fact["holder_kind"] in {"county", "township"} else rules.ISSUED
        )


@given(facts, st.booleans(), st.booleans())
def test_the_uses_agree_with_the_state(fact, usable, claimed):
    state = rules.tag_state(**fact)
    declared = rules.declaration_problem(state, usable=usable, claimed=claimed)
    fitted = rules.fitting_problem(state, usable=usable)
    cancelled = rules.cancellation_problem(state)
    # A cancelled tag is refused by every use, and only a cancelled one is refused a
    # cancellation.
    assert (state == rules.CANCELLED) == (cancelled == "EARTAG_CANCELLED")
    assert cancelled is None or declared == fitted == "EARTAG_CANCELLED"
    # A tag worn or travelling is never fitted again; one from stock the farm may not use is
    # neither declared nor fitted; a claimed one is not declared twice.
    if state in {rules.FITTED, rules.IN_TRANSIT}:
        assert fitted == "EARTAG_IN_USE"
    if state != rules.CANCELLED and not usable:
        assert declared == "EARTAG_NOT_IN_TOWNSHIP"
        assert fitted in {"EARTAG_IN_USE", "EARTAG_NOT_HELD"}
    if state != rules.CANCELLED and usable:
        assert (declared is None) == (not claimed)
        assert (fitted is None) == (state not in {rules.FITTED, rules.IN_TRANSIT})
