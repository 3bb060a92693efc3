"""A declaration's and a certificate's tags live in one store, the ear-tag app's claims: the
lists show them without a query per row, and a certificate keeps its tags after arrival and
slaughter, when no claim of them is live any more."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartvet.quarantine import services
from smartvet.quarantine.commands import SlaughterIn
from tests.quarantine import factories


def _queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


def test_a_page_of_declarations_reads_their_tags_in_one_query(api, tagged, farm):
    vet = api(tagged.vet_longquan)
    factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    _queries_of(vet, "/api/v1/declarations")  # the token's first use is written down once
    one, _body = _queries_of(vet, "/api/v1/declarations")
    for first in (10, 20, 30):
        factories.declare(tagged.farmer_longquan, farm, factories.tags(first, 2))
    many, body = _queries_of(vet, "/api/v1/declarations")
    assert many == one
    assert [item["ear_tags"] for item in body["items"]][-1] == factories.tags(1, 2)


def test_a_certificate_keeps_its_tags_after_slaughter(api, tagged, certificate):
    tags = factories.tags(1, 5)
    services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=SlaughterIn(certificate=certificate.number, ear_tags=tags),
    )
    body = api(tagged.vet_longquan).get(f"/api/v1/certificates/{certificate.number}").json()
    assert body["ear_tags"] == tags
    public = api().get(f"/api/v1/public/certificates/{certificate.number}").json()
    assert public["ear_tags_count"] == 5
