"""Shared test fixtures: real database, real files in a temporary blob store."""

import datetime as dt

import pytest


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
