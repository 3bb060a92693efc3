"""Who may take the subsidy app's actions, and the actions of its four workflows (see
core.access): the pages show exactly these buttons, the services refuse by them."""

from __future__ import annotations

from typing import Any

from smartvet.core.access import Action, Workflow, can, permission, sees_own_farms_only
from smartvet.core.models import Role
from smartvet.registry.queries import is_served_by
from smartvet.subsidy import rules


def _acts_for_the_farm(actor: Any, item: Any) -> bool:
    """A farm applies for itself (its owner: the farmer's reach rule, checked with the
    object); a provider only for a farm it or one of its vaccinators serves (seed 003
    三(三))."""
    farm = getattr(item, "farm", item)  # a farm, or its qualification or application
    return sees_own_farms_only(actor) or is_served_by(farm, actor)


APPLY = permission("subsidy.apply", Role.FARMER, Role.PROVIDER, condition=_acts_for_the_farm)
# The provider that did the work may be paid instead of the farm (seed 003 四(四)).
BE_PAYEE = permission("subsidy.be_payee", Role.PROVIDER)
PRELIMINARY_REVIEW = permission("subsidy.preliminary_review", Role.SUPERVISOR)
FINAL_REVIEW = permission("subsidy.final_review", Role.BUREAU)

# The review each stage waits for; qualifications and applications name their stages alike.
REVIEW_AT = {"submitted": PRELIMINARY_REVIEW, "preliminary_approved": FINAL_REVIEW}


def _reviews_its_stage(actor: Any, item: Any) -> bool:
    """A reviewer sends back only what waits at their own stage: the supervisor the
    submitted, the bureau the preliminarily approved."""
    review = REVIEW_AT.get(item.status)
    return review is not None and can(actor, review)


RETURN = permission("subsidy.return", Role.SUPERVISOR, Role.BUREAU, condition=_reviews_its_stage)
PUBLICITY = permission("subsidy.publicity", Role.BUREAU)
PAYMENT = permission("subsidy.payment", Role.BUREAU)
POLICY = permission("subsidy.policy", Role.BUREAU, Role.ADMIN)
# The shipped policies at the national root are templates only the administrator edits.
EDIT_SHIPPED_POLICY = permission("subsidy.edit_shipped_policy", Role.ADMIN)
DISQUALIFY = permission("subsidy.disqualify", Role.BUREAU)

VIEW = permission(
    "subsidy.view",
    Role.FARMER,
    Role.PROVIDER,
    Role.STATION,
    Role.SUPERVISOR,
    Role.BUREAU,
    Role.ADMIN,
)

# Action names are the last step of the pages' and the API's paths.
QUALIFICATIONS = Workflow(
    model="subsidy.Qualification",
    transitions=rules.QUALIFICATION_TRANSITIONS,
    actions=(
        Action("preliminary-approve", PRELIMINARY_REVIEW, to="preliminary_approved"),
        Action("approve", FINAL_REVIEW, to="approved"),
        Action("return", RETURN, to="returned"),
        Action("resubmit", APPLY, to="submitted"),
    ),
)

APPLICATIONS = Workflow(
    model="subsidy.SubsidyApplication",
    transitions=rules.APPLICATION_TRANSITIONS,
    actions=(
        Action("preliminary-approve", PRELIMINARY_REVIEW, to="preliminary_approved"),
        Action("approve", FINAL_REVIEW, to="approved"),
        Action("return", RETURN, to="returned"),
        Action("reject", RETURN, to="rejected"),
        Action("resubmit", APPLY, to="submitted"),
        # An objection is recorded against a listed application; its status stays.
        Action("objection", PUBLICITY, applies_in=frozenset({"in_publicity"})),
        Action("payment", PAYMENT, to="paid"),
    ),
)

PUBLICITIES = Workflow(
    model="subsidy.Publicity",
    transitions=rules.PUBLICITY_TRANSITIONS,
    actions=(Action("close", PUBLICITY, to="closed"),),
)

# One form resolves an objection; whether it is upheld decides the status it moves to.
OBJECTIONS = Workflow(
    model="subsidy.Objection",
    transitions=rules.OBJECTION_TRANSITIONS,
    actions=(Action("resolve", PUBLICITY, applies_in=frozenset({"open"})),),
)
