"""Fixtures of the registry tests: upload through the real service, count what changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings

from luutru.registry.tests.files import make_pdf, metadata_for


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """build_world creates eleven users; the real hasher makes each test seconds slower."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def upload(world):
    """``upload(data=..., filename=..., actor=..., org=..., **metadata overrides)``."""
    from luutru.registry.services import create_document

    def _upload(
        data: bytes | None = None,
        filename: str = "nghi-quyet.pdf",
        *,
        actor=None,
        org=None,
        direction: str = "internal",
        **overrides,
    ):
        org = org or world.office
        actor = actor or world.official
        content = io.BytesIO(make_pdf(["Nghị quyết 12-NQ/TU"]) if data is None else data)
        return create_document(
            actor,
            org,
            content=content,
            filename=filename,
            metadata=metadata_for(org, **overrides),
            direction=direction,
        )

    return _upload


def blob_files() -> list[Path]:
    root = Path(settings.BLOB_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def snapshot() -> tuple:
    """What a refused step must leave untouched: rows, audit chain, files on disk."""
    from luutru.audit.models import Event
    from luutru.registry.models import Document, NumberSeries
    from luutru.storage.models import Blob

    return (
        Document.objects.count(),
        Blob.objects.count(),
        Event.objects.count(),
        list(NumberSeries.objects.values_list("scope_key", "last")),
        blob_files(),
    )
