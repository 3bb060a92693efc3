"""The pure rules of quarantine, as the farmer, the vet and the slaughterhouse notice them."""

import re
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from smartvet.quarantine import rules

LEAD = rules.DEFAULT_POLICY["LEAD_DAYS"]
VALID = rules.DEFAULT_POLICY["VALID_DAYS"]
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
purposes = st.sampled_from(sorted(LEAD))


def test_breeding_dairy_and_shows_need_fifteen_days_slaughter_three():
    today = date(2026, 3, 1)
    assert rules.lead_time_problem("slaughter", today, date(2026, 3, 4), LEAD, label="x") is None
    assert rules.lead_time_problem("breeding", today, date(2026, 3, 4), LEAD, label="x") is not None
    assert rules.lead_time_problem("dairy", today, date(2026, 3, 16), LEAD, label="x") is None
    assert rules.lead_time_problem("show", today, date(2026, 3, 15), LEAD, label="x") is not None


@given(purposes, days, st.integers(0, 60), st.integers(0, 60))
def test_declaring_earlier_never_hurts(purpose, today, ahead, more):
    """A departure far enough ahead stays acceptable when it moves later still."""
    on_time = rules.lead_time_problem(
        purpose, today, today + timedelta(days=ahead), LEAD, label="x"
    )
    later = rules.lead_time_problem(
        purpose, today, today + timedelta(days=ahead + more), LEAD, label="x"
    )
    if on_time is None:
        assert later is None


def test_a_late_declaration_says_how_many_days_ahead_it_needed():
    problem = rules.lead_time_problem(
        "breeding", date(2026, 3, 1), date(2026, 3, 10), LEAD, label="种用"
    )
    assert problem.code == "DECLARATION_TOO_LATE"
    assert problem.details == {"field": "departure_date", "lead_days": 15}
    assert problem.message == "用途为“种用”的动物须至少提前15天申报（启运日期2026-03-10）"


def test_a_departure_in_the_past_or_beyond_a_year_is_a_typing_error():
    today = date(2026, 3, 1)
    assert rules.departure_problem(today, today - timedelta(days=1)).code == "VALIDATION_ERROR"
    assert rules.departure_problem(today, today) is None
    assert rules.departure_problem(today, date(2027, 3, 1)) is None
    assert rules.departure_problem(today, date(2027, 3, 3)).details == {"field": "departure_date"}


def test_animals_leaving_the_province_get_an_animal_a_certificate():
    assert rules.certificate_kind("420506107", "419001") == "A"  # 湖北 -> 河南济源
    assert rules.certificate_kind("420506107", "420100") == "B"  # within 湖北
    assert rules.certificate_kind("420506107", "420506107201") == "B"


def test_within_the_province_valid_the_day_itself_leaving_it_five_days():
    assert rules.valid_until("B", date(2026, 3, 1), VALID) == (1, date(2026, 3, 1))
    assert rules.valid_until("A", date(2026, 3, 1), VALID) == (5, date(2026, 3, 5))
    assert rules.valid_until("A", date(2026, 2, 27), VALID) == (5, date(2026, 3, 3))


def test_validity_is_policy_data():
    policy = rules.policy({"VALID_DAYS": {"A": 7}})
    assert policy["VALID_DAYS"] == {"A": 7, "B": 1}
    assert rules.valid_until("A", date(2026, 1, 1), policy["VALID_DAYS"]) == (7, date(2026, 1, 7))


@given(st.sampled_from(["A", "B"]), st.from_regex(r"[1-6][0-9]{5}", fullmatch=True))
def test_a_number_names_kind_and_county_and_cannot_be_guessed_or_misread(kind, county):
    number = rules.new_certificate_number(kind, county)
    # No 0/O, 1/I: a number read aloud over the phone or copied by hand stays the same.
    assert re.fullmatch(rf"{kind}{county}[2-9A-HJ-NP-Z]{{12}}", number)
    assert len(rules.NUMBER_ALPHABET) ** rules.RANDOM_LENGTH >= 2**60


def test_numbers_do_not_repeat():
    numbers = {rules.new_certificate_number("B", "420506") for _ in range(2000)}
    assert len(numbers) == 2000


def test_a_number_typed_with_dashes_spaces_or_lowercase_is_the_same_number():
    assert rules.normalize_number(" b420506-abcd efgh jkmn ") == "B420506ABCDEFGHJKMN"


tags = st.lists(st.from_regex(r"1420506[0-9]{8}", fullmatch=True), max_size=30)


@given(tags, tags)
def test_reconciliation_partitions_both_lists(certified, presented):
    result = rules.reconcile(certified, presented)
    assert set(result["matched"]) | set(result["missing"]) == set(certified)
    assert set(result["matched"]) | set(result["extra"]) == set(presented)
    assert not set(result["missing"]) & set(presented)
    assert not set(result["extra"]) & set(certified)


def test_reconciliation_names_what_is_missing_and_what_came_in_extra():
    result = rules.reconcile(["a", "b", "c"], ["c", "d", "a", "a"])
    assert result == {"matched": ["a", "c"], "missing": ["b"], "extra": ["d"]}


def test_an_arrival_report_flags_a_short_or_excess_count_and_a_late_report():
    until = datetime(2026, 5, 1, 23, 59, tzinfo=UTC)

    def flags(received, hours_after):
        return rules.arrival_flags(
            quantity=5,
            received=received,
            valid_until_at=until,
            reported_at=until + timedelta(hours=hours_after),
            arrival_hours=24,
        )

    assert flags(5, -3) == []
    assert flags(5, 24) == []  # the 24 hours of the report still count
    assert flags(4, 0) == ["short"]
    assert flags(6, 0) == ["excess"]
    assert flags(5, 25) == ["late"]
    assert flags(3, 30) == ["short", "late"]


def test_each_repeated_tag_is_named_once_in_the_order_typed():
    assert rules.duplicates(["a", "b", "a", "c", "b", "a"]) == ["a", "b"]
    assert rules.duplicates(["a", "b"]) == []


def test_checkpoint_flags_compare_the_load_with_the_paper():
    assert (
        rules.checkpoint_flags(
            certificate_status="valid",
            vehicle_on_paper="鄂E·A1234",
            vehicle_seen="鄂E A1234",
            quantity=5,
            count_seen=5,
        )
        == []
    )
    assert rules.checkpoint_flags(
        certificate_status="revoked",
        vehicle_on_paper="鄂E·A1234",
        vehicle_seen="鄂E·B9999",
        quantity=5,
        count_seen=6,
    ) == ["certificate_revoked", "vehicle_mismatch", "count_mismatch"]
