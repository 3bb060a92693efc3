"""The services API (CONTRACT.md "Services (vetservice)"), one module per subject; `router`
collects them. H2 adds its routers here with router.add_router."""

from ninja import Router

router = Router(tags=["vetservice"])

from smartvet.vetservice.api.orders import router as orders_router  # noqa: E402
from smartvet.vetservice.api.providers import router as providers_router  # noqa: E402
from smartvet.vetservice.api.statements import router as statements_router  # noqa: E402

router.add_router("", providers_router)
router.add_router("", orders_router)
router.add_router("", statements_router)

# H2: the hotline and the daily reports.
from smartvet.vetservice.api.hotline import router as hotline_router  # noqa: E402
from smartvet.vetservice.api.reports import router as reports_router  # noqa: E402

router.add_router("", hotline_router)
router.add_router("", reports_router)
