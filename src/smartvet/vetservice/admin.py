"""Admin of veterinary socialized services."""

# H2: the hotline, daily reports and monthly meetings register theirs there.
from smartvet.vetservice import hotline_admin  # noqa: F401
