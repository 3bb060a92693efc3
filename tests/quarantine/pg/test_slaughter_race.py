"""Two slaughter entries on one certificate at the same moment (issue 10, point 4): two real
requests through the API, released together. Before, both passed the check and the second
failed on the one-to-one field with a 500; now the second waits for the certificate's row
and answers SLAUGHTER_RECORDED, and only one entry and its events are written."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from smartvet.core.models import LedgerEvent
from smartvet.quarantine import services
from smartvet.quarantine.commands import ArrivalIn
from smartvet.quarantine.models import SlaughterEntry
from tests.quarantine import factories
from tests.support.api import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


def _together(clients, body):
    """POST the same entry from each client in its own thread, released at once."""
    barrier = threading.Barrier(len(clients))
    responses: list = [None] * len(clients)

    def send(index, client):
        try:
            barrier.wait()
            responses[index] = client.post("/api/v1/slaughter/entries", body)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return responses


@pytest.mark.parametrize("presented", ["all", "mismatch", "after_arrival"])
@pytest.mark.parametrize("round_", range(3))
def test_a_second_entry_at_the_same_moment_answers_slaughter_recorded(
    tagged, certificate, presented, round_
):
    if presented == "after_arrival":  # reported arrived the day before: no status to move
        services.report_arrival(
            actor=tagged.slaughterhouse,
            number=certificate.number,
            command=factories.command(ArrivalIn, received_quantity=5),
        )
    codes = certificate.ear_tags[:3] if presented == "mismatch" else certificate.ear_tags
    clients = [ApiClient(tagged.slaughterhouse), ApiClient(tagged.slaughterhouse)]
    responses = _together(clients, {"certificate": certificate.number, "ear_tags": codes})
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 409], [r.content for r in responses]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.json()["error"]["code"] == "SLAUGHTER_RECORDED"
    assert SlaughterEntry.objects.count() == 1
    recorded = "slaughter.held" if presented == "mismatch" else "slaughter.recorded"
    assert LedgerEvent.objects.filter(action=recorded).count() == 1
