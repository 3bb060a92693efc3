"""Demo data of enforcement (issue 17), one module per subject: carriers, cases, purification,
disposals with a claim, the cold chain. Through the services; what exists is kept."""

from __future__ import annotations

from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.enforcement.demo import carriers, cases, coldchain, disposal, purification


def load(password: str) -> None:
    supervisor = User.objects.get(username="county_supervisor")
    checkpoint = User.objects.get(username="checkpoint")
    bureau = User.objects.get(username="bureau")
    station = User.objects.get(username="station_longquan")
    try:
        carriers.vehicles(supervisor, checkpoint)
        carriers.dealer(supervisor)
        cases.load(checkpoint, bureau)
    except DomainError:
        pass  # another app's demo data left nothing to check: no case from a check
    purification.load(bureau, station)
    disposal.load(User.objects.get(username="vaccinator_longquan"), station)
    coldchain.load(supervisor, station)
