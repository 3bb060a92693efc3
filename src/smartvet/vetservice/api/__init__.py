"""The services API (CONTRACT.md "Services (vetservice)"), one module per subject; `router`
collects them. H2 adds its routers here with router.add_router."""

from ninja import Router

router = Router(tags=["vetservice"])
