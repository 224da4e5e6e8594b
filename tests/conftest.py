"""Fixtures for the repository-level tests (browser journeys)."""

import pytest
from browser import browser, page  # noqa: F401  (fixtures, registered by import)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so that the ``page`` fixture
    can save a screenshot of the page a failed test was looking at."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
