"""The directory and pairings: who keeps an entry, a pairing with a company base, visits."""

from __future__ import annotations

from datetime import date

import pytest

from smartvet.consult import queries
from smartvet.consult.commands import ExpertIn, PairingIn, VisitIn
from smartvet.consult.services import experts
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from tests.consult import factories


def test_an_expert_keeps_its_own_entry_and_the_county_keeps_its_experts(personas, jiyuan_expert):
    entry = factories.entry(personas.expert, species=("cattle",), available=False)
    assert (
        not entry.available
        and queries.experts_fitting(species="cattle", topic="disease", region="420506107201") == []
    )
    command = ExpertIn(
        username="expert",
        employer="三峡大学",
        species=["pig"],
        topics=["disease"],
        regions=["420506"],
    )
    assert experts.save_entry(actor=personas.bureau, command=command).available
    with pytest.raises(NotFound):  # 济源's expert is outside 夷陵区's reach
        experts.save_entry(
            actor=personas.bureau, command=command.model_copy(update={"username": "expert_jiyuan"})
        )
    with pytest.raises(PermissionDenied):
        experts.save_entry(actor=personas.farmer_longquan, command=command)
    with pytest.raises(DomainError) as unknown:
        experts.save_entry(
            actor=personas.expert, command=command.model_copy(update={"regions": ["999999"]})
        )
    assert unknown.value.details[0]["field"] == "regions"


def test_the_directory_filters_by_species_topic_and_region(personas, expert_entry, jiyuan_expert):
    names = lambda **f: [e.account.username for e in queries.directory(**f)]  # noqa: E731
    assert names(species="cattle") == ["expert"]
    assert names(region="419001") == ["expert_jiyuan"]
    assert sorted(names(species="pig", topic="disease")) == ["expert", "expert_jiyuan"]


def _pairing(**more):
    values = {
        "expert": "expert",
        "kind": "base",
        "region": "420506107201",
        "company": "某生态养殖公司",
        "plan": "每月下乡两次",
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
    }
    return PairingIn(**{**values, **more})


def test_a_pairing_with_a_company_base_and_its_visits(personas, expert_entry):
    pairing = experts.create_pairing(actor=personas.bureau, command=_pairing())
    visit = experts.record_visit(
        actor=personas.expert,
        pairing_id=pairing.pk,
        command=VisitIn(visited_on=date(2026, 3, 2), farmers=12, notes="讲解春季免疫"),
    )
    assert visit.pairing == pairing
    with pytest.raises(DomainError) as outside:
        experts.record_visit(
            actor=personas.expert,
            pairing_id=pairing.pk,
            command=VisitIn(visited_on=date(2027, 1, 2), notes="x"),
        )
    assert outside.value.details[0]["field"] == "visited_on"
    with pytest.raises(DomainError) as no_company:
        experts.create_pairing(actor=personas.bureau, command=_pairing(company=""))
    assert no_company.value.details[0]["field"] == "company"
    with pytest.raises(NotFound):  # another township's station
        experts.create_pairing(actor=personas.station_yaqueling, command=_pairing())
