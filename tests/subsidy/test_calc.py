"""The pure 先打后补 calculation (DOMAIN.md §5; seed 003)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartvet.subsidy import calc, policies

POLICY = calc.Policy.from_dict(policies.default("jiyuan-2024"))


def farm(id="F1", **kwargs) -> calc.FarmInput:
    return calc.FarmInput(id=id, **kwargs)


def test_the_contract_example_counts_min_of_basis_and_immunized():
    result = calc.evaluate_farm(
        POLICY,
        farm(
            stock={"sow": 400, "fattening_pig": 900},
            output={"fattening_pig": 1500},
            quarantined={"fattening_pig": 1450},
            immunized={"sow": 390, "fattening_pig": 1500},
            antibody_tests=(calc.AntibodyTest("initial", 20, 17),),
        ),
    )
    assert result.eligible
    assert [line.as_dict() for line in result.lines] == [
        {
            "category": "sow",
            "count": 390,
            "rate": "18.00",
            "amount": "7020.00",
            "basis": "min(stock 400, immunized 390)",
        },
        {
            "category": "fattening_pig",
            "count": 1450,
            "rate": "7.00",
            "amount": "10150.00",
            "basis": "min(quarantined 1450, immunized 1500)",
        },
    ]
    assert result.entitled == Decimal("17170.00")


@pytest.mark.parametrize(
    ("stock", "output", "eligible"),
    [
        ({"sow": 100, "fattening_pig": 199}, {}, False),
        ({"sow": 100, "fattening_pig": 200}, {}, True),  # pigs: stock 300
        ({"fattening_pig": 10}, {"fattening_pig": 499}, False),
        ({"fattening_pig": 10}, {"fattening_pig": 500}, True),  # or output 500
        ({"dairy_cattle": 99}, {}, False),
        ({"dairy_cattle": 100}, {}, True),
        ({"beef_cattle": 99}, {"beef_cattle": 49}, False),
        ({"beef_cattle": 1}, {"beef_cattle": 50}, True),
        ({"sheep": 60, "goat": 40}, {}, True),  # sheep + goat together
        ({"sheep": 10}, {"sheep": 100}, True),
        ({"layer": 1999}, {}, False),
        ({"layer": 2000}, {}, True),
        ({"duck": 2000}, {}, True),  # ducks use the layer line
        ({"broiler": 4999}, {"broiler": 9999}, False),
        ({"broiler": 100}, {"broiler": 10000}, True),
    ],
)
def test_scale_lines(stock, output, eligible):
    result = calc.evaluate_farm(POLICY, farm(stock=stock, output=output))
    assert result.eligible is eligible
    assert ("BELOW_SCALE" in result.reasons) is (not eligible)


def test_only_eligible_groups_earn_lines():
    result = calc.evaluate_farm(
        POLICY,
        farm(stock={"sow": 400, "dairy_cattle": 20}, immunized={"sow": 400, "dairy_cattle": 20}),
    )
    assert [line.category for line in result.lines] == ["sow"]


@pytest.mark.parametrize(
    ("category", "rate", "basis"),
    [
        ("sow", "18.00", "stock"),
        ("fattening_pig", "7.00", "quarantined"),
        ("dairy_cattle", "9.00", "stock"),
        ("beef_cattle", "9.00", "quarantined"),
        ("sheep", "7.00", "quarantined"),
        ("layer", "0.50", "stock"),
        ("broiler", "0.20", "quarantined"),
    ],
)
def test_rates_and_count_bases(category, rate, basis):
    counts = {category: 100_000}
    result = calc.evaluate_farm(
        POLICY,
        farm(
            stock=counts,
            output=counts,
            quarantined={category: 60_000},
            immunized={category: 80_000},
            antibody_tests=(calc.AntibodyTest("initial", 30, 30),),
        ),
    )
    (line,) = result.lines
    expected = 100_000 if basis == "stock" else 60_000
    assert line.count == min(expected, 80_000)
    assert line.rate == Decimal(rate)
    assert line.amount == Decimal(rate) * line.count
    assert line.basis.startswith(f"min({basis} ")


def test_a_failed_initial_test_needs_a_passing_retest():
    base = {"stock": {"sow": 400}, "immunized": {"sow": 400}}
    failed = calc.AntibodyTest("initial", 20, 13)  # 65%
    assert calc.evaluate_farm(POLICY, farm(**base, antibody_tests=(failed,))).reasons == (
        "ANTIBODY_FAILED",
    )
    still = calc.AntibodyTest("retest", 20, 13)
    assert (
        "ANTIBODY_FAILED"
        in calc.evaluate_farm(POLICY, farm(**base, antibody_tests=(failed, still))).reasons
    )
    passed = calc.AntibodyTest("retest", 20, 14)  # exactly 70%
    assert calc.evaluate_farm(POLICY, farm(**base, antibody_tests=(failed, passed))).eligible


def test_the_initial_average_is_the_mean_of_pass_rates():
    tests = (calc.AntibodyTest("initial", 10, 10), calc.AntibodyTest("initial", 30, 12))
    # pooled 22/40 = 55% but the average of 100% and 40% is exactly 70%
    assert calc.evaluate_farm(POLICY, farm(stock={"sow": 400}, antibody_tests=tests)).eligible


def test_a_large_farm_without_a_test_is_missing_its_report():
    result = calc.evaluate_farm(POLICY, farm(stock={"fattening_pig": 5000}))
    assert result.reasons == ("ANTIBODY_REPORT_MISSING",)
    assert calc.evaluate_farm(POLICY, farm(stock={"fattening_pig": 4999})).eligible


def test_every_reason_that_applies_is_listed_and_nothing_is_paid():
    result = calc.evaluate_farm(
        POLICY,
        farm(
            stock={"sow": 10},
            immunized={"sow": 10},
            disqualified=True,
            antibody_tests=(calc.AntibodyTest("initial", 20, 1),),
        ),
    )
    assert result.reasons == ("BELOW_SCALE", "ANTIBODY_FAILED", "DISQUALIFIED")
    assert result.lines == () and result.entitled == 0 and not result.eligible


def test_a_budget_that_binds_is_shared_in_proportion_to_the_cent():
    amounts = [Decimal("100.00"), Decimal("100.00"), Decimal("100.00")]
    assert calc.allocate(amounts, [3, 1, 2], Decimal("100.00")) == [
        Decimal("33.33"),
        Decimal("33.34"),
        Decimal("33.33"),
    ]  # the tie goes to id 1


def test_ids_compare_numerically_when_numeric():
    amounts = [Decimal("1.00")] * 2
    assert calc.allocate(amounts, ["10", "9"], Decimal("1.01")) == [
        Decimal("0.50"),
        Decimal("0.51"),
    ]
    assert calc.allocate(amounts, ["F10", "F9"], Decimal("1.01")) == [
        Decimal("0.51"),
        Decimal("0.50"),
    ]
    assert calc.id_key(7) < calc.id_key("8") < calc.id_key("A")


def test_calculate_reports_totals_and_scale_factor():
    farms = [farm(id=i, stock={"sow": 400}, immunized={"sow": 400}) for i in (1, 2)]
    result = calc.calculate(POLICY, farms, Decimal("7200.00"))
    assert result.entitled_total == Decimal("14400.00")
    assert result.allocated_total == Decimal("7200.00")
    assert result.scale_factor == "0.500000"
    assert calc.calculate(POLICY, farms).scale_factor == "1"


money_cents = st.integers(min_value=0, max_value=10_000_000)


@settings(max_examples=300)
@given(st.lists(money_cents, min_size=1, max_size=40), st.integers(0, 100_000_000))
def test_allocation_properties(cents, budget_cents):
    entitled = [Decimal(c) / 100 for c in cents]
    ids = list(range(len(cents), 0, -1))
    budget = Decimal(budget_cents) / 100
    allocated = calc.allocate(entitled, ids, budget)
    total = sum(entitled, Decimal(0))
    assert sum(allocated, Decimal(0)) <= budget or total <= budget
    assert sum(allocated, Decimal(0)) == min(budget, total)
    for got, owed in zip(allocated, entitled, strict=True):
        assert Decimal(0) <= got <= owed
        assert got == got.quantize(Decimal("0.01"))
    # a larger entitlement never gets less
    pairs = sorted(zip(entitled, allocated, strict=True))
    for (e1, a1), (e2, a2) in itertools.pairwise(pairs):
        if e2 > e1:
            assert a2 >= a1
        if e2 == e1:
            assert abs(a2 - a1) <= Decimal("0.01")


@settings(max_examples=100)
@given(st.lists(st.integers(0, 5_000_000), min_size=2, max_size=20))
def test_when_the_budget_binds_it_is_spent_exactly(cents):
    entitled = [Decimal(c) / 100 for c in cents]
    total = sum(entitled, Decimal(0))
    budget = (total * Decimal("0.7")).quantize(Decimal("0.01"))
    allocated = calc.allocate(entitled, list(range(len(cents))), budget)
    assert sum(allocated, Decimal(0)) == min(budget, total)


counts = st.dictionaries(
    st.sampled_from(sorted(POLICY.categories)), st.integers(0, 200_000), max_size=5
)


@settings(max_examples=200)
@given(counts, counts, counts, counts, st.booleans())
def test_lines_never_exceed_immunized_or_basis(stock, output, quarantined, immunized, dq):
    result = calc.evaluate_farm(
        POLICY,
        farm(
            stock=stock,
            output=output,
            quarantined=quarantined,
            immunized=immunized,
            disqualified=dq,
        ),
    )
    assert result.entitled == sum((line.amount for line in result.lines), Decimal(0))
    for line in result.lines:
        basis = stock if POLICY.rates[line.category].basis == "stock" else quarantined
        assert line.count == min(basis.get(line.category, 0), immunized.get(line.category, 0))
    assert result.eligible == (not result.reasons)
    if dq:
        assert "DISQUALIFIED" in result.reasons and result.entitled == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON对象"),
        ({}, "farms"),
        ({"farms": {}}, "farms"),
        ({"budget": 1.5, "farms": []}, "budget"),
        ({"budget": "-1", "farms": []}, "budget"),
        ({"budget": "1.001", "farms": []}, "两位小数"),
        ({"budget": "abc", "farms": []}, "budget"),
        ({"budget": "NaN", "farms": []}, "budget"),
        ({"farms": [{"name": "x"}]}, "id"),
        ({"farms": [{"id": True}]}, "id"),
        ({"farms": [{"id": "x" * 101}]}, "过长"),
        ({"farms": [{"id": 1}, {"id": "1"}]}, "重复"),
        ({"farms": [{"id": 1, "stock": {"pony": 3}}]}, "pony"),
        ({"farms": [{"id": 1, "stock": {"sow": -3}}]}, "sow"),
        ({"farms": [{"id": 1, "stock": {"sow": 3.5}}]}, "sow"),
        ({"farms": [{"id": 1, "stock": [1]}]}, "stock"),
        ({"farms": [{"id": 1, "disqualified": "no"}]}, "disqualified"),
        ({"farms": [{"id": 1, "antibody_tests": [{"samples": 0, "qualified": 0}]}]}, "samples"),
        ({"farms": [{"id": 1, "antibody_tests": [{"samples": 5, "qualified": 6}]}]}, "qualified"),
        (
            {
                "farms": [
                    {"id": 1, "antibody_tests": [{"round": "x", "samples": 5, "qualified": 5}]}
                ]
            },
            "round",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(data, message):
    with pytest.raises(calc.InputError, match=message):
        calc.parse_input(data, POLICY)


def test_missing_budget_takes_the_policy_default():
    budget, farms = calc.parse_input({"farms": [{"id": "A"}]}, POLICY)
    assert budget == Decimal("600000.00") and farms[0].stock == {}


@settings(max_examples=200)
@given(
    st.lists(st.tuples(st.integers(1, 500), st.integers(0, 500)), min_size=1, max_size=6),
    st.fractions(min_value=0, max_value=1),
)
def test_the_integer_average_matches_exact_fractions(pairs, line):
    from fractions import Fraction

    tests = [calc.AntibodyTest("initial", s, min(q, s)) for s, q in pairs]
    exact = sum(Fraction(t.qualified, t.samples) for t in tests) / len(tests)
    assert calc._average_below(tests, line) == (exact < line)
