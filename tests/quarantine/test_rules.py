"""The pure rules of quarantine, with hypothesis."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from smartvet.quarantine import rules

LEAD = rules.DEFAULT_POLICY["LEAD_DAYS"]
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
regions = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)


@given(st.sampled_from(rules.PURPOSES), days, st.integers(-5, 40))
def test_lead_time_is_refused_exactly_when_the_departure_is_too_close(purpose, today, ahead):
    problem = rules.lead_time_problem(purpose, today, today + timedelta(days=ahead), LEAD)
    assert (problem is None) == (ahead >= LEAD[purpose])
    if problem:
        assert problem.code == "DECLARATION_TOO_LATE"


def test_breeding_dairy_and_shows_need_fifteen_days_slaughter_three():
    today = date(2026, 3, 1)
    assert rules.lead_time_problem("slaughter", today, date(2026, 3, 4), LEAD) is None
    assert rules.lead_time_problem("breeding", today, date(2026, 3, 4), LEAD) is not None
    assert rules.lead_time_problem("dairy", today, date(2026, 3, 16), LEAD) is None
    assert rules.lead_time_problem("show", today, date(2026, 3, 15), LEAD) is not None


@given(regions, regions)
def test_kind_a_exactly_when_the_province_changes(origin, destination):
    kind = rules.certificate_kind(origin, destination)
    assert kind == ("B" if origin[:2] == destination[:2] else "A")


@given(st.sampled_from(["A", "B"]), days)
def test_validity_counts_calendar_days_including_the_first(kind, start):
    n, last = rules.valid_until(kind, start, rules.DEFAULT_POLICY["VALID_DAYS"])
    assert (last - start).days == n - 1
    assert n == {"A": 5, "B": 1}[kind]


def test_validity_is_policy_data():
    policy = rules.policy({"VALID_DAYS": {"A": 7}})
    assert policy["VALID_DAYS"] == {"A": 7, "B": 1}
    assert rules.valid_until("A", date(2026, 1, 1), policy["VALID_DAYS"]) == (7, date(2026, 1, 7))


@given(st.sampled_from(["A", "B"]), regions)
def test_certificate_numbers_are_well_formed_and_carry_sixty_random_bits(kind, county):
    number = rules.new_certificate_number(kind, county)
    assert rules.number_well_formed(number)
    assert number.startswith(kind + county)
    assert len(rules.NUMBER_ALPHABET) ** rules.RANDOM_LENGTH >= 2**60


def test_numbers_do_not_repeat():
    numbers = {rules.new_certificate_number("B", "420506") for _ in range(2000)}
    assert len(numbers) == 2000


@given(st.text(max_size=30))
def test_normalized_numbers_have_no_dashes_or_spaces(text):
    assert not set(rules.normalize_number(text)) & {" ", "-"}


tags = st.lists(st.from_regex(r"1420506[0-9]{8}", fullmatch=True), max_size=30)


@given(tags, tags)
def test_reconciliation_partitions_both_lists(certified, presented):
    result = rules.reconcile(certified, presented)
    assert set(result["matched"]) | set(result["missing"]) == set(certified)
    assert set(result["matched"]) | set(result["extra"]) == set(presented)
    assert not set(result["missing"]) & set(presented)
    assert not set(result["extra"]) & set(certified)


@given(st.integers(0, 1000), st.integers(0, 1000), st.integers(-100, 100))
def test_arrival_flags(quantity, received, hours_after):
    until = datetime(2026, 5, 1, 23, 59, tzinfo=UTC)
    flags = rules.arrival_flags(
        quantity=quantity,
        received=received,
        valid_until_at=until,
        reported_at=until + timedelta(hours=hours_after),
        arrival_hours=24,
    )
    assert ("short" in flags) == (received < quantity)
    assert ("excess" in flags) == (received > quantity)
    assert ("late" in flags) == (hours_after > 24)


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=10))
def test_duplicates_names_each_repeated_code_once(codes):
    repeated = rules.duplicates(codes)
    assert sorted(repeated) == sorted({c for c in codes if codes.count(c) > 1})


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


def test_the_transition_tables():
    assert rules.DECLARATION_TRANSITIONS["submitted"] == {"accepted", "rejected"}
    assert rules.DECLARATION_TRANSITIONS["accepted"] == {"certified", "failed"}
    assert "rejected" not in rules.DECLARATION_TRANSITIONS
    assert {"valid": {"arrived", "revoked"}} == rules.CERTIFICATE_TRANSITIONS
