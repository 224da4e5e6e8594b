"""Capture fixtures: a batch runner through the real pipeline."""

from __future__ import annotations

import pytest

from luutru.capture import bundle, services
from luutru.capture.runner import run_batch


def incoming(files: dict[str, bytes]):
    return [bundle.Incoming(name, len(data), data=data) for name, data in files.items()]


def capture(org, files: dict[str, bytes], *, actor=None, source="upload"):
    """Take ``files`` in for ``org`` and run every step here; return the batch."""
    batch = services.start_batch(actor, org, source=source, label="thử nghiệm")
    services.add_files(batch, incoming(files))
    services.seal(batch)
    run_batch(batch, jobs=1)
    batch.refresh_from_db()
    return batch


@pytest.fixture
def items():
    def by_name(batch):
        return {i.name: i for i in batch.items.select_related("document")}

    return by_name
