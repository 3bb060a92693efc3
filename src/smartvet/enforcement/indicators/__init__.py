"""What enforcement contributes to supervision's assessment, one module per subject: the
violation cases and whole-village sourcing. The AppConfig names INDICATORS."""

from smartvet.enforcement.indicators import cases, sourcing

INDICATORS = cases.INDICATORS + sourcing.INDICATORS
