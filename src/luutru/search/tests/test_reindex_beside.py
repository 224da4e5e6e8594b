"""A rebuild is made beside the live index and switched in at once (issue 8 item 23).

A ``luutru reindex`` killed halfway used to leave the index empty (every search
answered 0) until a rerun. Now search answers from the live generation the
whole time; changes made meanwhile reach both; the rerun resumes the same
generation, switches atomically, and removes the old one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict

from luutru.search import queries, services
from luutru.search.backends import get_backend
from luutru.search.models import ReindexRun

pytestmark = pytest.mark.django_db


def found(user, q: str) -> list[int]:
    return sorted(r.obj_id for r in queries.search(user, QueryDict(f"q={q}&per_page=100")).rows)


def generations() -> list[str]:
    return sorted(p.name for p in Path(settings.SEARCH_INDEX_DIR).glob("gen-*"))


def test_an_interrupted_rebuild_leaves_search_answering_and_resumes(world, make_doc):
    docs = [make_doc(f"Thông báo kết luận số {i}") for i in range(25)]
    services.refresh_index()
    everything = sorted(d.pk for d in docs)
    assert found(world.head, "thông báo") == everything

    calls: list[int] = []

    def stop_after_a_chunk(kind, done, total):
        calls.append(done)
        # Search during the rebuild answers from the live generation.
        assert found(world.head, "thông báo") == everything
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a kill would

    with pytest.raises(KeyboardInterrupt):
        services.reindex(chunk_size=10, commit_every=10, progress=stop_after_a_chunk)
    assert found(world.head, "thông báo") == everything
    assert get_backend().num_docs() == 25

    # A change while the rebuild waits to be resumed: searchable at once, and
    # not lost when the rebuilt generation replaces the live one.
    late = make_doc("Thông báo bổ sung")
    docs[0].subject = "Quyết định khen thưởng"
    docs[0].save()
    services.refresh_index()
    assert late.pk in found(world.head, "thông báo")

    services.reindex(chunk_size=10, commit_every=10)
    run = ReindexRun.objects.get()
    assert run.finished_at is not None
    assert found(world.head, "thông báo") == sorted([*everything[1:], late.pk])
    assert found(world.head, "khen thưởng") == [docs[0].pk]
    assert len(generations()) == 1  # the old generation went after the switch


def test_a_fresh_rebuild_switches_generations(world, make_doc):
    make_doc("Hướng dẫn nghiệp vụ lưu trữ")
    services.refresh_index()
    before = generations()
    services.reindex(restart=True)
    after = generations()
    assert len(before) == len(after) == 1 and before != after
    assert len(found(world.head, "nghiệp vụ")) == 1


KILL_READER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from luutru.search.backends.base import AccessFilter, Clause, SearchRequest
from luutru.search.backends.tantivy_backend import TantivyBackend
b = TantivyBackend(sys.argv[1])
req = SearchRequest(clauses=[Clause(["báo"])], access=AccessFilter(everything=True))
for line in sys.stdin:
    print(b.count(req), flush=True)
"""


def test_reindex_killed_by_sigkill_never_empties_search(world, make_doc, tmp_path):
    """The real thing: ``luutru reindex`` in a subprocess on a SQLite file, killed."""
    from luutru.search.tests.test_maintenance import SRC

    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LUUTRU_BLOBS")}
    env.update(LUUTRU_DATA=str(data), LUUTRU_INDEX=str(data / "index"), PYTHONUNBUFFERED="1")
    seed = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0)\n"
        "from luutru.testing import build_world; w = build_world()\n"
        "from luutru.registry.models import Document\n"
        "Document.objects.bulk_create([Document(org=w.office, subject=f'Thông báo số {i}',"
        " code_number=str(i), code_notation='TB/VPTU') for i in range(3000)])\n"
        "from luutru.search import services; services.reindex()\n"
    )
    subprocess.run(
        [sys.executable, "-m", "luutru.cli", "shell", "-c", seed], env=env, check=True, timeout=300
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", KILL_READER, str(data / "index"), SRC],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def count() -> int:
        reader.stdin.write("?\n")
        reader.stdin.flush()
        return int(reader.stdout.readline())

    try:
        assert count() == 3000
        for _ in range(2):
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "luutru.cli",
                    "reindex",
                    "--restart",
                    "--chunk",
                    "50",
                    "--commit-every",
                    "100",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            # Kill once the rebuild has written (its progress line shows a count).
            line = ""
            deadline = time.monotonic() + 120
            while "/3000" not in line and time.monotonic() < deadline:
                char = proc.stderr.read(1)
                line += char
                if char in "\r\n":
                    assert count() == 3000
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            assert count() == 3000
        subprocess.run(
            [sys.executable, "-m", "luutru.cli", "reindex"], env=env, check=True, timeout=300
        )
        assert count() == 3000
        assert len(list((data / "index").glob("gen-*"))) == 1
    finally:
        reader.stdin.close()
        reader.wait(timeout=10)
