"""The index follows every change, one writer at a time, and rebuilds resumably."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import QueryDict
from django.utils import timezone

from luutru.filing.models import DossierItem
from luutru.registry.models import Document
from luutru.search import lease, queries, services
from luutru.search.backends import get_backend
from luutru.search.models import PendingIndex, ReindexRun, WriterLease

pytestmark = pytest.mark.django_db
SRC = str(Path(__file__).resolve().parents[3])


def found(user, q: str, kind: str = "document") -> list[int]:
    return [r.obj_id for r in queries.search(user, QueryDict(f"q={q}")).rows if r.kind == kind]


def test_changes_reach_the_index(world, make_doc, make_dossier):
    from luutru.capture.models import DocumentText

    doc = make_doc("Báo cáo tổng kết năm")
    assert PendingIndex.objects.filter(kind="document", obj_id=doc.pk).exists()
    services.refresh_index()
    assert PendingIndex.objects.count() == 0
    assert found(world.head, "tổng kết") == [doc.pk]

    doc.subject = "Báo cáo sơ kết sáu tháng"
    doc.save()
    services.refresh_index()
    assert found(world.head, "tổng kết") == [] and found(world.head, "sơ kết") == [doc.pk]

    DocumentText.objects.create(document=doc, text="Phong trào thi đua yêu nước")
    services.refresh_index()
    assert found(world.head, "thi đua") == [doc.pk]

    dossier = make_dossier("Hồ sơ thi đua")
    services.refresh_index()
    assert found(world.head, "sơ kết", "dossier") == []
    item = DossierItem.objects.create(dossier=dossier, document=doc, position=1)
    services.refresh_index()
    assert found(world.head, "sơ kết", "dossier") == [dossier.pk]
    item.delete()
    services.refresh_index()
    assert found(world.head, "sơ kết", "dossier") == []

    doc.secrecy = 3  # above the head's clearance: gone from the head's results at once
    doc.save()
    services.refresh_index()
    assert found(world.head, "sơ kết") == []

    dossier.delete()
    Document.objects.filter(pk=doc.pk).delete()
    services.refresh_index()
    assert get_backend().num_docs() == 0


def test_accepting_a_dossier_makes_its_documents_holdings_for_readers(
    world, make_doc, make_dossier
):
    # A document is a holding while a dossier holding it is held (derived, not
    # stored): the dossier's change of state queues its documents again.
    doc = make_doc("Nghị quyết về công tác lưu trữ", org=world.office)
    dossier = make_dossier("Hồ sơ lưu trữ", docs=[doc])
    services.refresh_index()
    assert found(world.reader, "lưu trữ") == []
    dossier.status = "archived"
    dossier.save()
    services.refresh_index()
    assert found(world.reader, "lưu trữ") == [doc.pk]
    assert found(world.reader, "lưu trữ", "dossier") == [dossier.pk]


def test_a_search_only_reads_and_the_worker_drains_pending_changes(world, make_doc):
    # Web processes never write the index (one writer: the worker's drain task).
    doc = make_doc("Chỉ thị về phòng cháy")
    assert found(world.head, "phòng cháy") == []
    assert PendingIndex.objects.count() == 1
    from luutru.search.tasks import drain_index

    assert drain_index.call() == 1
    assert found(world.head, "phòng cháy") == [doc.pk]
    assert PendingIndex.objects.count() == 0


def test_one_commit_enqueues_one_drain_task(world, make_doc, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        make_doc("Văn bản một")
        make_doc("Văn bản hai")
    with django_capture_on_commit_callbacks(execute=True):
        make_doc("Văn bản ba")  # a task is still waiting: no second one
    tasks = DBTaskResult.objects.filter(task_path="luutru.search.tasks.drain_index")
    assert tasks.count() == 1 and tasks.get().status == "READY"
    from luutru.search.tasks import drain_index

    assert drain_index.call() == 3
    assert found(world.head, "văn bản") and PendingIndex.objects.count() == 0


def test_another_process_holding_the_writer_leaves_the_queue_to_it(world, make_doc):
    first = make_doc("Quy định về chế độ báo cáo")
    services.refresh_index()
    second = make_doc("Quy định về chế độ công tác phí")
    # The writer lease is in the database: a worker on another machine holds it.
    other = "may-khac:4242:abcd1234"
    assert lease.acquire(other)
    try:
        assert services.drain(wait=False) is None
        assert PendingIndex.objects.filter(obj_id=second.pk).exists()
        # Searching does not wait for the writer: it reads the last commit.
        assert found(world.head, "quy định") == [first.pk]
    finally:
        lease.release(other)
    assert services.drain(wait=False) == 1
    assert sorted(found(world.head, "quy định")) == [first.pk, second.pk]


def test_a_writer_that_died_is_taken_over_when_its_lease_expires(world, make_doc):
    doc = make_doc("Quy định về lưu trữ điện tử")
    dead = "may-khac:4243:dead0000"
    assert lease.acquire(dead)
    assert services.drain(wait=False) is None
    assert lease.holder() == dead
    WriterLease.objects.filter(holder=dead).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert lease.holder() is None
    assert services.drain(wait=False) == 1
    assert found(world.head, "lưu trữ điện tử") == [doc.pk]
    assert lease.holder() is None  # released after the drain


def test_a_writer_killed_on_this_machine_is_taken_over_at_once(world, make_doc):
    import socket

    doc = make_doc("Quy định về sao lưu dữ liệu")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    killed = f"{socket.gethostname()}:{gone.stdout.strip()}:dead0001"
    assert lease.acquire(killed)
    assert lease.holder() == killed  # not expired: only its process is gone
    assert services.drain(wait=False) == 1
    assert found(world.head, "sao lưu") == [doc.pk]


READER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from luutru.search.backends.base import AccessFilter, Clause, SearchRequest
    from luutru.search.backends.tantivy_backend import TantivyBackend
    b = TantivyBackend(sys.argv[1])
    req = SearchRequest(clauses=[Clause(["quyết"])], access=AccessFilter(everything=True))
    for line in sys.stdin:
        print(b.count(req), flush=True)
    """
)


def test_a_second_server_process_sees_each_commit(world, make_doc):
    make_doc("Quyết định thứ nhất")
    services.refresh_index()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.SEARCH_INDEX_DIR), SRC],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        reader.stdin.write("?\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"
        make_doc("Quyết định thứ hai")
        services.refresh_index()
        reader.stdin.write("?\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "2"
    finally:
        reader.stdin.close()
        reader.wait(timeout=10)


def test_reindex_rebuilds_from_the_records_and_resumes_after_an_interruption(
    world, make_doc, make_dossier
):
    docs = [make_doc(f"Thông báo kết luận số {i}") for i in range(25)]
    make_dossier("Hồ sơ thông báo", docs=docs[:3])
    PendingIndex.objects.all().delete()  # as if the queue had been lost

    seen: list[tuple[str, int]] = []

    def stop_after_two_chunks(kind, done, total):
        seen.append((kind, done))
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.reindex(chunk_size=10, commit_every=10, progress=stop_after_two_chunks)
    run = ReindexRun.objects.get()
    assert run.finished_at is None and run.kind == "document" and run.last_id == docs[19].pk
    # Built beside the live index: that one is untouched until the switch.
    assert get_backend().num_docs() == 0 and get_backend().building()

    resumed: list[tuple[str, int]] = []
    services.reindex(
        chunk_size=10, commit_every=10, progress=lambda k, d, t: resumed.append((k, d))
    )
    assert resumed == [("document", 25), ("dossier", 1)]  # from the checkpoint, not from zero
    run.refresh_from_db()
    assert run.finished_at is not None and run.indexed == 26
    assert get_backend().num_docs() == 26
    assert len(queries.search(world.head, QueryDict("q=thông báo&per_page=100")).rows) == 26


def test_reindex_command_reports_progress_and_restarts_from_scratch(world, make_doc, capsys):
    make_doc("Hướng dẫn nghiệp vụ")
    call_command("reindex")
    out = capsys.readouterr()
    assert "văn bản: 1/1" in out.err and "Đã dựng lại chỉ mục: 1 bản ghi" in out.out
    call_command("reindex", "--restart")
    assert ReindexRun.objects.filter(finished_at__isnull=False).count() == 2
    assert get_backend().num_docs() == 1


def test_search_command_applies_the_users_access(world, make_doc, capsys):
    make_doc("Kế hoạch kiểm tra", secrecy=3)
    make_doc("Kế hoạch tuyên truyền")
    call_command("search", "ke hoach", "--json", "--user", world.official.username)
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 1 and data["results"][0]["title"] == "Kế hoạch tuyên truyền"
    call_command("search", "ke hoach", "--json", "--all")
    assert json.loads(capsys.readouterr().out)["total"] == 2
    with pytest.raises(CommandError, match="--user"):
        call_command("search", "ke hoach")
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("search", "ke hoach", "--user", "khong-co")
    with pytest.raises(CommandError, match="TÊN=GIÁ_TRỊ"):
        call_command("search", "ke hoach", "--all", "--filter", "year")


def test_the_console_command_runs_as_a_real_process(world, tmp_path):
    # ``luutru search`` starts, refuses without --user, in Vietnamese, exit code 1.
    env = dict(os.environ, LUUTRU_DATA=str(tmp_path / "data"), LUUTRU_INDEX=str(tmp_path / "idx"))
    r = subprocess.run(
        [sys.executable, "-m", "luutru.cli", "search", "đại hội"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "--user" in r.stderr


def test_an_index_of_an_older_schema_is_named_and_rebuilt(world, make_doc):
    from luutru.search.backends.tantivy_backend import VERSION_FILE

    make_doc("Quy chế làm việc")
    services.refresh_index()
    (Path(settings.SEARCH_INDEX_DIR) / VERSION_FILE).write_text("0:old")
    make_doc("Quy chế chi tiêu nội bộ")
    assert services.refresh_index() == 0  # imports go on; the queue waits
    out = queries.search(world.head, QueryDict("q=quy chế"))
    assert out.unavailable and "luutru reindex" in out.messages[0] and out.rows == []
    call_command("reindex")
    assert len(found(world.head, "quy chế")) == 2
