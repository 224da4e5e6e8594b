"""Shared test fixtures: real database, real files in a temporary blob store."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Tests log in hundreds of times; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_login_throttle(settings):
    # django-axes judges a login by its request, and the test client's login()
    # passes none; the login tests (home/tests/test_security.py) switch it on.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _blob_root(tmp_path, settings):
    settings.BLOB_ROOT = tmp_path / "blobs"
    return settings.BLOB_ROOT


@pytest.fixture
def world(db):
    """A small province: a committee with two bodies, a district with a commune,
    and users in each role. Built with the real services."""
    from luutru.testing import build_world

    return build_world()


@pytest.fixture(scope="session", autouse=True)
def _session_search_index_dir(tmp_path_factory):
    # Module fixtures (the demo province) run before the per-test directory below:
    # they get one of this test process's own, never the data folder's index, which
    # other test processes would be writing too (one writer per index).
    from django.test import override_settings

    with override_settings(SEARCH_INDEX_DIR=tmp_path_factory.mktemp("session-index")):
        yield


@pytest.fixture(autouse=True)
def _search_index_dir(tmp_path, settings):
    # Each test gets its own full-text index (derived data, rebuilt from the rows).
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR


def pytest_collection_modifyitems(config, items):
    """Every test outside a transaction must roll back by serialization: a plain flush
    re-creates the content types, and the next serialized test, loading them again,
    fails with "UNIQUE constraint failed" on whichever test process ran both."""
    plain = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in item.fixturenames or (
            marker is not None and marker.kwargs.get("transaction")
        )
        serialized = marker is not None and marker.kwargs.get("serialized_rollback")
        if transactional and not serialized:
            plain.append(item.nodeid)
    if plain:
        raise pytest.UsageError(
            "Mark these @pytest.mark.django_db(transaction=True, serialized_rollback=True):\n"
            + "\n".join(plain)
        )


def pytest_configure(config):
    """On SQLite the test database lives in memory and the live server's threads share
    the test's one connection (pytest-django passes it over): two requests at once, a
    page's two scan images say, interleave on it ("cannot start a transaction within a
    transaction" when each saves its session) and one fails. The live server handles one
    request at a time there; it closes each connection, as Django does unthreaded.
    PostgreSQL gives each request thread its own connection and keeps the threads."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    from django.core.servers.basehttp import WSGIServer
    from django.test import testcases

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    testcases.LiveServerThread.server_class = OneRequestAtATime
