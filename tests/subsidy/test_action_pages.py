"""The detail pages of the subsidy's workflows show exactly the buttons `available_actions`
gives each user (every action form carries `data-action`), and pressing any of them, with
the form as the page renders it, does what it says: never a 403, never a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from smartvet.core.access import available_actions
from smartvet.registry import services as registry_services
from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity, SubsidyApplication
from tests.subsidy import factories

# Everyone who opens the pages: the owner, the provider serving the farm, and the officials.
VIEWERS = [
    "farmer_longquan",
    "provider_xingmu",
    "station_longquan",
    "county_supervisor",
    "bureau",
    "admin",
]


@dataclass
class ActionForm:
    name: str
    url: str
    fields: dict[str, str] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)

    def data(self) -> dict[str, str]:
        """What a user filling the form sends: its values, and something in each required
        field left empty."""
        return {
            name: value or ("测试" if name in self.required else "")
            for name, value in self.fields.items()
        }


class ActionForms(HTMLParser):
    """The page's forms that carry a data-action, with their fields as a browser would send
    them untouched: inputs with their values, a select's first option, textareas' text,
    checkboxes unticked."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[ActionForm] = []
        self._form: ActionForm | None = None
        self._open: tuple[str, str] | None = None  # the select or textarea being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-action" in attrs:
            self._form = ActionForm(attrs["data-action"], attrs["action"])
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "option" and self._open and self._open[0] == "select":
            self._form.fields.setdefault(self._open[1], attrs.get("value", ""))
            return
        name = attrs.get("name")
        if not name or name == "csrfmiddlewaretoken" or attrs.get("type") == "checkbox":
            return
        if "required" in attrs:
            self._form.required.add(name)
        if tag == "input":
            self._form.fields[name] = attrs.get("value") or ""
        elif tag in {"select", "textarea"}:
            self._open = (tag, name)
            if tag == "textarea":
                self._form.fields[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._open and self._open[0] == "textarea":
            self._form.fields[self._open[1]] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag in {"select", "textarea"}:
            self._open = None


def action_forms(response) -> list[ActionForm]:
    parser = ActionForms()
    parser.feed(response.content.decode())
    return parser.forms


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def served_farm(personas):
    """A farm of farmer_longquan served by a vaccinator of 兴牧公司 (provider_xingmu)."""
    farm = factories.scale_farm(personas.farmer_longquan)
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


# ------------------------------------------------------------------------ builders


def qualification_at(personas, policy, stage: str):
    farm = served_farm(personas)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    supervisor = personas.county_supervisor
    if stage == "returned":
        services.return_qualification(
            actor=supervisor,
            qualification_id=item.pk,
            command=commands.ReturnQualification(reason="材料不全"),
        )
    if stage in {"preliminary_approved", "approved"}:
        services.preliminary_approve_qualification(actor=supervisor, qualification_id=item.pk)
    if stage == "approved":
        services.final_approve_qualification(actor=personas.bureau, qualification_id=item.pk)
    item.refresh_from_db()
    return item


def _end(publicity) -> None:
    today = timezone.localdate()
    Publicity.objects.filter(pk=publicity.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1)
    )


def application_at(personas, policy, stage: str):
    farm = factories.qualified_farm(personas, policy, farm=served_farm(personas))
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, evidence="发票"),
    )
    supervisor, bureau = personas.county_supervisor, personas.bureau
    send_back = commands.SendBack(reason="材料不全")
    if stage == "returned":
        services.return_application(actor=supervisor, application_id=app.pk, command=send_back)
    if stage == "rejected":
        services.reject_application(actor=supervisor, application_id=app.pk, command=send_back)
    later = ["preliminary_approved", "approved", "in_publicity", "publicized", "paid"]
    if stage in later:
        services.preliminary_approve_application(
            actor=supervisor, application_id=app.pk, command=commands.Review()
        )
    if stage in later[1:]:
        services.final_approve_application(
            actor=bureau, application_id=app.pk, command=commands.Review()
        )
    if stage in later[2:]:
        # One county publicity per policy: each application at these stages has its own.
        publicity = services.start_publicity(
            actor=bureau, command=commands.StartPublicity(policy=policy.code)
        )
        services.record_objection(
            actor=bureau,
            application_id=app.pk,
            command=commands.RecordObjection(raised_by="王某", text="数量有误"),
        )
    if stage in later[3:]:
        services.resolve_objection(
            actor=bureau,
            objection_id=app.objections.get().pk,
            command=commands.ResolveObjection(upheld=False, resolution="核实无误"),
        )
        _end(publicity)
        services.close_publicity(actor=bureau, publicity_id=publicity.pk)
    if stage == "paid":
        services.record_payment(
            actor=bureau,
            application_id=app.pk,
            command=commands.RecordPayment(
                account_kind="yikatong", account_no="6228", paid_on=timezone.localdate()
            ),
        )
    app.refresh_from_db()
    return app


@pytest.fixture
def fresh_policy(personas):
    """A new county policy for every object built (a county publishes once per policy)."""
    count = iter(range(1, 1000))
    return lambda: factories.make_policy(personas.bureau, code=f"test-{next(count)}")


# ------------------------------------------------------------------------ the checks


def expected_buttons(user, obj) -> list[str]:
    """The object's actions, then (an application's page lists them) its objections'."""
    names = available_actions(user, obj).names
    if isinstance(obj, SubsidyApplication):
        for objection in obj.objections.all():
            names += available_actions(user, objection).names
    return names


def check_pages(personas, build, detail: str, viewers=VIEWERS):
    """Every viewer sees exactly its buttons; each button, pressed on an object of its own
    at the same stage, succeeds. Returns the buttons seen, per viewer."""
    obj = build()
    seen = {}
    for username in viewers:
        user = getattr(personas, username)
        page = client_for(user).get(detail.format(pk=obj.pk))
        assert page.status_code == 200, username
        seen[username] = [form.name for form in action_forms(page)]
        assert seen[username] == expected_buttons(user, obj), username
    for username, buttons in seen.items():
        user = getattr(personas, username)
        for button in buttons:
            fresh = build()
            client = client_for(user)
            page = client.get(detail.format(pk=fresh.pk))
            (form,) = [form for form in action_forms(page) if form.name == button]
            response = client.post(form.url, form.data(), follow=True)
            assert response.status_code == 200, (username, button)
            messages = [(m.tags, str(m)) for m in response.context["messages"]]
            assert [tag for tag, _text in messages] == ["success"], (username, button, messages)
    return seen


QUALIFICATION_STAGES = {
    "submitted": {"county_supervisor": ["preliminary-approve", "return"]},
    "preliminary_approved": {"bureau": ["approve", "return"]},
    "returned": {"farmer_longquan": ["resubmit"], "provider_xingmu": ["resubmit"]},
    "approved": {},
}


@pytest.mark.parametrize("stage", QUALIFICATION_STAGES)
def test_the_qualification_page_shows_exactly_the_actions_and_each_works(
    personas, fresh_policy, platform, stage
):
    seen = check_pages(
        personas,
        lambda: qualification_at(personas, fresh_policy(), stage),
        "/subsidy/qualifications/{pk}/",
    )
    assert {name: buttons for name, buttons in seen.items() if buttons} == (
        QUALIFICATION_STAGES[stage]
    )


APPLICATION_STAGES = {
    "submitted": {"county_supervisor": ["preliminary-approve", "return", "reject"]},
    "preliminary_approved": {"bureau": ["approve", "return", "reject"]},
    "returned": {"farmer_longquan": ["resubmit"], "provider_xingmu": ["resubmit"]},
    "approved": {},
    "in_publicity": {"bureau": ["objection", "resolve"]},
    "publicized": {"bureau": ["payment"]},
    "paid": {},
    "rejected": {},
}


@pytest.mark.parametrize("stage", APPLICATION_STAGES)
def test_the_application_page_shows_exactly_the_actions_and_each_works(
    personas, fresh_policy, platform, stage
):
    seen = check_pages(
        personas,
        lambda: application_at(personas, fresh_policy(), stage),
        "/subsidy/applications/{pk}/",
    )
    assert {name: buttons for name, buttons in seen.items() if buttons} == (
        APPLICATION_STAGES[stage]
    )


def test_the_publicity_page_offers_closing_to_the_bureau_and_it_works(
    personas, fresh_policy, platform
):
    def build():
        policy = fresh_policy()
        factories.approved_application(personas, policy, farm=served_farm(personas))
        publicity = services.start_publicity(
            actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
        )
        _end(publicity)
        return publicity

    # A county's publicity: the township's farmer and station do not see it.
    county = ["provider_xingmu", "county_supervisor", "bureau", "admin"]
    seen = check_pages(personas, build, "/subsidy/publicities/{pk}/", viewers=county)
    assert {name: buttons for name, buttons in seen.items() if buttons} == {"bureau": ["close"]}
