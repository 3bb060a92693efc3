"""The one access model: a permission answers for a role and a region, a farmer only for
what it owns, and a workflow offers exactly the actions its table and the permissions allow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core import access
from smartvet.core.errors import InvalidTransition, NotFound, PermissionDenied
from smartvet.core.models import Region, Role
from smartvet.registry.models import Farm

LONGQUAN = "420506107"
YAQUELING = "420506108"

ACCEPT = access.permission("test.accept", Role.OFFICIAL_VET)
WITHDRAW = access.permission("test.withdraw", Role.FARMER)
PRINT = access.permission("test.print", Role.OFFICIAL_VET, Role.FARMER)

TRANSITIONS = {"submitted": {"accepted", "withdrawn"}, "accepted": {"certified"}}
WORKFLOW = access.Workflow(
    model="registry.Farm",  # any region-bound model will do: the test object only lends it
    transitions=TRANSITIONS,
    field="kind",
    actions=(
        access.Action("accept", ACCEPT, to="accepted"),
        access.Action("withdraw", WITHDRAW, to="withdrawn"),
        access.Action("print", PRINT, applies_in=frozenset({"accepted"})),
    ),
)


def _farm(owner, region: str, kind: str) -> Farm:
    # Unsaved: the access model reads the region and owner ids, it queries nothing.
    return Farm(name="测试场", owner=owner, region_id=region, kind=kind)


def test_a_role_without_the_permission_is_refused_with_403(farmer_longquan):
    farm = _farm(farmer_longquan, LONGQUAN, "submitted")
    assert not access.can(farmer_longquan, ACCEPT, farm)
    with pytest.raises(PermissionDenied):
        access.require(farmer_longquan, ACCEPT, farm)


def test_an_object_of_another_township_answers_404(vet_longquan, farmer_longquan):
    farm = _farm(farmer_longquan, YAQUELING, "submitted")
    assert not access.can(vet_longquan, ACCEPT, farm)
    with pytest.raises(NotFound):
        access.require(vet_longquan, ACCEPT, farm)
    with pytest.raises(NotFound):
        access.require(vet_longquan, ACCEPT, region=YAQUELING)


def test_a_farmer_acts_only_on_its_own_farms(farmer_longquan, vet_longquan):
    own = _farm(farmer_longquan, LONGQUAN, "accepted")
    neighbours = _farm(vet_longquan, LONGQUAN, "accepted")
    assert access.can(farmer_longquan, PRINT, own)
    assert not access.can(farmer_longquan, PRINT, neighbours)
    assert access.can(vet_longquan, PRINT, neighbours)


def test_a_condition_refuses_with_403(vet_longquan, farmer_longquan):
    only_scale = access.permission(
        "test.scale_only", Role.OFFICIAL_VET, condition=lambda actor, farm: farm.name == "规模场"
    )
    farm = _farm(farmer_longquan, LONGQUAN, "submitted")
    with pytest.raises(PermissionDenied):
        access.require(vet_longquan, only_scale, farm)
    assert access.can(vet_longquan, only_scale)  # without an object: the role alone


def test_the_actions_offered_follow_the_status_and_the_role(vet_longquan, farmer_longquan):
    submitted = _farm(farmer_longquan, LONGQUAN, "submitted")
    accepted = _farm(farmer_longquan, LONGQUAN, "accepted")
    assert WORKFLOW.available_actions(vet_longquan, submitted).names == ["accept"]
    assert WORKFLOW.available_actions(farmer_longquan, submitted).names == ["withdraw"]
    assert WORKFLOW.available_actions(vet_longquan, accepted).names == ["print"]
    assert "print" in WORKFLOW.available_actions(farmer_longquan, accepted)
    assert access.available_actions(vet_longquan, submitted).names == ["accept"]


def test_an_action_the_status_does_not_allow_is_an_invalid_transition(
    vet_longquan, farmer_longquan
):
    accepted = _farm(farmer_longquan, LONGQUAN, "accepted")
    with pytest.raises(InvalidTransition):
        WORKFLOW.require(vet_longquan, accepted, "accept")
    with pytest.raises(PermissionDenied):
        WORKFLOW.require(farmer_longquan, accepted, "accept")


def test_a_permission_is_declared_once():
    with pytest.raises(ValueError):
        access.permission("test.accept", Role.FARMER)


@pytest.mark.django_db
@given(st.sampled_from(["42", "4205", "420506", LONGQUAN, "420506107201", "41", "419001"]))
def test_within_a_region_is_exactly_the_codes_below_it(code):
    inside = set(Region.objects.filter(access.within("code", code)).values_list("code", flat=True))
    by_prefix = set(Region.objects.filter(code__startswith=code).values_list("code", flat=True))
    assert inside == by_prefix
