"""Every API test runs with throttle rates it cannot reach, unless it lowers them; the fixtures are in
tests/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def _open_api_rates(open_api_rates):
    """The API's throttles are tested on purpose, in test_errors_and_limits.py, with rates a test sets."""
