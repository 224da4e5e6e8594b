"""``luutru audit verify``: the hash chain holds, and any edit or deletion in
the event table is found and named."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from luutru.audit.models import Event
from luutru.audit.services import record, verify


def run_audit(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def make_chain(n: int = 5) -> list[Event]:
    return [
        record(
            "kiểm thử",
            "test.step",
            object_type="thing",
            object_id=i,
            org_id=None,
            before={"n": i - 1},
            after={"n": i, "tên": "Hồ sơ số " + str(i)},
        )
        for i in range(1, n + 1)
    ]


@pytest.mark.django_db
def test_an_untouched_chain_verifies():
    make_chain(5)
    code, out, err = run_audit("verify")
    assert code == 0, err
    assert "Chuỗi nhật ký nguyên vẹn: 5 sự kiện" in out


@pytest.mark.django_db
def test_an_empty_log_verifies():
    code, out, _ = run_audit("verify")
    assert code == 0
    assert "Chuỗi nhật ký nguyên vẹn: 0 sự kiện" in out


@pytest.mark.django_db
def test_editing_one_event_in_the_database_is_found_and_named():
    events = make_chain(5)
    target = events[2]
    table = Event._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET after = %s WHERE seq = %s", ['{"n": 999}', target.seq])
    assert Event.objects.get(seq=target.seq).after == {"n": 999}

    code, out, err = run_audit("verify")
    assert code == 1
    assert out == ""
    assert f"Chuỗi nhật ký bị phá vỡ tại sự kiện số {target.seq} (test.step, thing:3)" in err
    assert "nội dung sự kiện đã bị sửa" in err


@pytest.mark.django_db
def test_editing_the_actor_name_is_found():
    events = make_chain(3)
    Event.objects.filter(seq=events[0].seq).update(actor_name="người khác")
    result = verify()
    assert not result.ok and result.broken_seq == events[0].seq


@pytest.mark.django_db
def test_deleting_the_last_event_is_found():
    events = make_chain(4)
    table = Event._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE seq = %s", [events[-1].seq])

    code, _, err = run_audit("verify")
    assert code == 1
    assert f"sự kiện số {events[-1].seq}" in err
    assert "sự kiện cuối chuỗi đã bị xóa" in err


@pytest.mark.django_db
def test_deleting_a_middle_event_is_found():
    events = make_chain(5)
    table = Event._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE seq = %s", [events[1].seq])

    code, _, err = run_audit("verify")
    assert code == 1
    assert f"thiếu sự kiện số {events[1].seq}" in err
    assert f"sự kiện số {events[2].seq} (test.step, thing:3)" in err


@pytest.mark.django_db
def test_deleting_a_middle_event_and_renumbering_is_found():
    """Closing the gap by renumbering still breaks the link to the previous hash."""
    events = make_chain(4)
    Event.objects.filter(seq=events[1].seq).delete()
    for e in events[2:]:
        Event.objects.filter(seq=e.seq).update(seq=e.seq - 1)
    result = verify()
    assert not result.ok
    assert result.broken_seq == events[1].seq


@pytest.mark.django_db
def test_tail_prints_the_latest_events_in_order():
    make_chain(5)
    code, out, _ = run_audit("tail", "-n", "2")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("#4 ") and "thing:4" in lines[0]
    assert lines[1].startswith("#5 ") and "kiểm thử" in lines[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_from_two_threads_keep_the_chain_valid():
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database uses a shared cache whose table locks fail at "
            "once instead of waiting; the two-process test below covers SQLite on a real file"
        )
    per_thread = 15
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def append(name: str):
        try:
            barrier.wait()
            for i in range(per_thread):
                record(
                    name, "test.concurrent", object_type="thing", object_id=i, after={"by": name}
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in ("một", "hai")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Event.objects.count() == 2 * per_thread
    assert list(Event.objects.values_list("seq", flat=True)) == list(range(1, 2 * per_thread + 1))
    result = verify()
    assert result.ok, result.reason
    assert result.checked == 2 * per_thread


APPEND = """
import sys, django
django.setup()
from luutru.audit.services import record
for i in range(int(sys.argv[2])):
    record(sys.argv[1], "test.concurrent", object_type="thing", object_id=i, after={"by": sys.argv[1]})
"""


def test_two_processes_appending_to_a_sqlite_file_keep_the_chain_valid_and_the_command_finds_an_edit(
    tmp_path,
):
    """Real processes on the embedded database (SQLite file, WAL), then the real
    ``luutru audit verify`` before and after one row is edited."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(LUUTRU_DATA=str(tmp_path), DJANGO_SETTINGS_MODULE="luutru.settings")
    cli = [sys.executable, "-m", "luutru.cli"]
    subprocess.run([*cli, "migrate", "audit", "-v0"], env=env, check=True, timeout=120)

    per_process = 25
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPEND, name, str(per_process)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("một", "hai")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err

    ok = subprocess.run(
        [*cli, "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert f"Chuỗi nhật ký nguyên vẹn: {2 * per_process} sự kiện" in ok.stdout

    db = sqlite3.connect(tmp_path / "luutru.sqlite3")
    with db:
        db.execute('UPDATE audit_event SET after = \'{"by": "kẻ gian"}\' WHERE seq = 7')
    db.close()
    bad = subprocess.run(
        [*cli, "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 1
    assert "Chuỗi nhật ký bị phá vỡ tại sự kiện số 7 (test.concurrent, thing:" in bad.stderr
    assert "nội dung sự kiện đã bị sửa" in bad.stderr
