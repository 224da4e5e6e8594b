"""Capture in chunks (issue 10's speed) keeps every document's work: stored once,
registered, audited on a chain that verifies, its body marked stale once per
chunk; and the queries per document stay bounded as the batch grows."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from luutru.audit.services import verify
from luutru.capture import bundle, services
from luutru.capture.models import ItemState
from luutru.capture.runner import run_batch
from luutru.capture.tests.files import make_party_letter
from luutru.compliance.models import StaleFacts
from luutru.compliance.refresh import refresh_facts
from luutru.registry.models import Document
from luutru.storage.models import Blob

# Queries for one more document through intake and the chain (22 measured with
# bench/capture's letters; 39 before the chunked audit, marks and intake).
QUERIES_PER_DOCUMENT = 24


def letters(first: int, n: int) -> list[bundle.Incoming]:
    out = []
    for i in range(first, first + n):
        data = make_party_letter(number=f"{i}-NQ/TU", subject=f"về công tác văn thư đợt {i}")
        out.append(bundle.Incoming(f"vb-{i}.pdf", len(data), data=data))
    return out


def run(org, files: list[bundle.Incoming]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as seen:
        batch = services.start_batch(None, org, source="import", label="lô")
        services.add_files(batch, files)
        services.seal(batch)
        run_batch(batch, jobs=1)
    return len(seen), batch


def test_a_chunk_is_registered_audited_and_marked_once(world):
    same = letters(1, 1)[0]
    twin = bundle.Incoming("ban-sao.pdf", same.size, data=same.data)  # the same bytes again
    refresh_facts()  # no body marked stale before the batch
    assert not StaleFacts.objects.exists()
    _, batch = run(world.province, [*letters(2, 5), same, twin])
    states = dict(batch.items.values_list("name", "state"))
    assert list(states.values()).count(ItemState.DONE) == 6, states
    # Identical bytes are stored once, whatever the chunk.
    assert Blob.objects.filter(sha256=batch.items.get(name="vb-1.pdf").blob_id).count() == 1
    assert batch.items.get(name="ban-sao.pdf").blob_id == batch.items.get(name="vb-1.pdf").blob_id
    assert Document.objects.filter(org=world.province).count() >= 6
    assert verify().ok
    # One chunk, one body: one mark (a document, its event and its item each marked it).
    assert StaleFacts.objects.filter(org=world.province).count() == 1


def test_queries_per_document_stay_bounded(world):
    small, _ = run(world.province, letters(100, 2))
    large, _ = run(world.province, letters(200, 8))
    assert (large - small) / 6 <= QUERIES_PER_DOCUMENT
