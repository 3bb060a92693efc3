"""PostgreSQL only: two officials acting at once cannot both win (DOMAIN.md §13)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from smartvet.core.errors import DomainError
from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity
from tests.subsidy import factories


def _race(*calls):
    """Run the calls at the same moment on their own connections; their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except DomainError as exc:
            outcomes[index] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_one_preliminary_review_wins(personas):
    policy = factories.make_policy(personas.bureau)
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    outcomes = _race(
        lambda: services.preliminary_approve_qualification(
            actor=personas.county_supervisor, qualification_id=item.pk
        ),
        lambda: services.return_qualification(
            actor=personas.county_supervisor,
            qualification_id=item.pk,
            command=commands.ReturnQualification(reason="材料不全"),
        ),
    )
    assert sorted(isinstance(o, str) for o in outcomes) == [False, True]
    assert "INVALID_TRANSITION" in outcomes


@pytest.mark.django_db(transaction=True)
def test_one_publicity_per_county_and_year(personas):
    policy = factories.make_policy(personas.bureau)
    farm = factories.qualified_farm(personas, policy)
    application = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, evidence="发票"),
    )
    services.preliminary_approve_application(
        actor=personas.county_supervisor, application_id=application.pk, command=commands.Review()
    )
    services.final_approve_application(
        actor=personas.bureau, application_id=application.pk, command=commands.Review()
    )
    outcomes = _race(
        *[
            lambda: services.start_publicity(
                actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
            )
        ]
        * 2
    )
    assert Publicity.objects.count() == 1
    assert sum(isinstance(o, str) for o in outcomes) == 1
