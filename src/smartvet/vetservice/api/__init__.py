"""The services API (CONTRACT.md "Services (vetservice)"), one module per subject; `router`
collects them. H2 adds its routers here with router.add_router."""

from ninja import Router

router = Router(tags=["vetservice"])

# H2: the hotline and the daily reports.
from smartvet.vetservice.api.hotline import router as hotline_router  # noqa: E402
from smartvet.vetservice.api.reports import router as reports_router  # noqa: E402

router.add_router("", hotline_router)
router.add_router("", reports_router)
