"""Access cases of enforcement's API (tests/core/test_api_access.py), one module per half."""

from tests.enforcement.case_endpoint_cases import CASES as _CASES
from tests.enforcement.disposal_endpoint_cases import CASES as _CHAIN

CASES = list(_CASES) + list(_CHAIN)
