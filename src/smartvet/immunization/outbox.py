"""The immunization app's event for the national platform
(docs/exchange/immunization.recorded.schema.json): who vaccinated is the province's business;
the nation counts animals and doses per farm, disease and vaccine batch."""

from __future__ import annotations

from smartvet.core.outbox import Event
from smartvet.immunization.models import Immunization


def immunization_recorded(record: Immunization) -> Event:
    lot = record.lot
    return Event(
        "immunization.recorded",
        "immunization",
        record.pk,
        {
            "farm": {"id": str(record.farm_id), "code": record.farm.code},
            "region": record.farm.region_id,
            "date": record.date.isoformat(),
            "category": record.category,
            "disease": record.disease,
            "animals": record.animals,
            "doses": record.doses,
            "vaccine": {
                "product": lot.product,
                "approval_number": lot.approval_number,
                "batch": lot.batch,
            },
        },
    )
