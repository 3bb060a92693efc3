"""API of enforcement (CONTRACT.md Enforcement), one module per subject: carriers (vehicles,
dealers), cases, disposals and claims, purification farms and sourcing, the cold chain.
Payloads are the services' commands; `router` collects the subjects' routers."""

from ninja import Router

from smartvet.enforcement.api import carriers, cases, coldchain, disposal, purification

router = Router(tags=["enforcement"])

for subject in (carriers, cases, disposal, purification, coldchain):
    router.add_router("", subject.router)
