"""Backups (issue 14, item 6) through real ``luutru`` processes, each with its own
``LUUTRU_DATA`` (SQLite): backup → restore onto an empty data folder gives the same
fixity and audit results and the same row counts; a changed byte is named by
``backup verify``; a kill -9 during a backup leaves the previous one usable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SEED = r"""
from django.core.management import call_command
call_command("migrate", verbosity=0)
from luutru.testing import build_world
from luutru.audit.services import record
from luutru.registry.models import Document
from luutru.storage.services import put_blob_bytes
w = build_world()
for i in range(5):
    blob = put_blob_bytes(f"Báo cáo chuyên đề số {i}\n".encode() * (200 + i), "application/pdf")
    d = Document.objects.create(
        org=w.board, subject=f"Báo cáo chuyên đề số {i}", code_number=str(i),
        code_notation="BC/BTCTU", blob=blob,
    )
    record("kiểm thử", "registry.create", d)
"""

ADD_BLOB = r"""
from luutru.storage.services import put_blob_bytes
put_blob_bytes(b"mot tep moi sau lan sao luu truoc" * 50, "application/pdf")
"""


def _env(data: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "LUUTRU_BLOBS", "LUUTRU_INDEX", "LUUTRU_BACKUP_PAUSE_AFTER")
    }
    env.update(
        LUUTRU_DATA=str(data),
        DJANGO_SETTINGS_MODULE="luutru.settings",
        LUUTRU_NO_OCR="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def luutru(data: Path, *args: str, ok: bool = True, **extra: str) -> subprocess.CompletedProcess:
    r = subprocess.run(
        [sys.executable, "-m", "luutru.cli", *args],
        env={**_env(data), **extra},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if ok and r.returncode != 0:
        raise AssertionError(f"luutru {' '.join(args)} → {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def latest(dest: Path) -> str:
    return (dest / "latest").read_text().strip()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("nguon") / "data"
    luutru(data, "shell", "-c", SEED)
    return data


def test_restore_onto_an_empty_folder_gives_the_same_fixity_audit_and_row_counts(source, tmp_path):
    dest = tmp_path / "sao-luu"
    fixity_before = luutru(source, "fixity").stdout
    audit_before = luutru(source, "audit", "verify").stdout
    counts_before = counts(source / "luutru.sqlite3")
    assert "5 nguyên vẹn" in fixity_before

    out = luutru(source, "backup", str(dest)).stdout
    assert "chép mới 5 tệp lưu trữ" in out
    name = latest(dest)
    manifest = json.loads((dest / "snapshots" / name / "manifest.json").read_text())
    assert manifest["row_counts"] == counts_before
    assert len([f for f in manifest["files"] if f["path"].startswith("blobs/")]) == 5

    # Incremental: a second backup copies no blob again, a new one only.
    luutru(source, "shell", "-c", ADD_BLOB)
    again = luutru(source, "backup", str(dest)).stdout
    assert "chép mới 1 tệp lưu trữ" in again and "5 tệp đã có sẵn" in again

    # Restore refuses a data folder that holds a database and blobs, changing nothing.
    refused = luutru(source, "restore", str(dest), "--snapshot", name, ok=False)
    assert refused.returncode == 1 and "Chỉ khôi phục vào một cài đặt trống" in refused.stderr
    assert counts(source / "luutru.sqlite3")["storage_blob"] == 6

    target = tmp_path / "may-moi" / "data"
    restored = luutru(target, "restore", str(dest), "--snapshot", name)
    assert "Số dòng của mọi bảng khớp với bản kê khai" in restored.stdout
    assert luutru(target, "fixity").stdout == fixity_before
    # The same chain, event for event: the restore's index rebuild adds none; the
    # restore is logged in the data folder, with the chain head it carried.
    audit_after = luutru(target, "audit", "verify").stdout
    n = manifest["audit_chain_head"]["seq"]
    assert audit_before.strip() == f"Chuỗi nhật ký nguyên vẹn: {n} sự kiện"
    assert audit_after == audit_before
    con = sqlite3.connect(target / "luutru.sqlite3")
    assert con.execute("SELECT last_seq, last_hash FROM audit_chainhead").fetchone() == (
        n,
        manifest["audit_chain_head"]["hash"],
    )
    con.close()
    log = [json.loads(line) for line in (target / "restores.jsonl").read_text().splitlines()]
    assert [(e["snapshot"], e["audit_chain_head"]) for e in log] == [
        (name, manifest["audit_chain_head"])
    ]
    after = counts(target / "luutru.sqlite3")
    derived = {t for t in after if t.startswith("search_")}  # the rebuilt index's run rows
    assert {t: n for t, n in after.items() if t not in derived} == {
        t: n for t, n in counts_before.items() if t not in derived
    }
    assert (target / "secret_key").read_text() == (source / "secret_key").read_text()
    found = luutru(target, "search", "chuyên đề", "--user", "canbo_btc", "--json", ok=False)
    assert found.returncode == 0 and "Báo cáo chuyên đề số 3" in found.stdout, found.stderr


def test_verify_names_a_changed_byte_and_a_missing_file(source, tmp_path):
    dest = tmp_path / "sao-luu"
    luutru(source, "backup", str(dest))
    ok = luutru(source, "backup", "verify", str(dest))
    assert "nguyên vẹn" in ok.stdout
    blobs = sorted(p for p in (dest / "blobs").glob("??/??/*") if p.is_file())
    changed, missing = blobs[0], blobs[1]
    data = bytearray(changed.read_bytes())
    data[10] ^= 1
    changed.write_bytes(bytes(data))
    missing.unlink()
    r = luutru(source, "backup", "verify", str(dest), ok=False)
    assert r.returncode == 1
    rel = lambda p: str(p.relative_to(dest))  # noqa: E731
    assert f"Tệp bị thay đổi nội dung (mã băm hoặc kích thước không khớp):\n  {rel(changed)}" in (
        r.stderr
    )
    assert f"Tệp bị mất:\n  {rel(missing)}" in r.stderr
    assert "KHÔNG nguyên vẹn" in r.stderr
    # Restore refuses the damaged copy before touching the empty target.
    target = tmp_path / "trong" / "data"
    refused = luutru(target, "restore", str(dest), ok=False)
    assert refused.returncode == 1 and rel(changed) in refused.stderr
    assert not list((target / "blobs").glob("??/??/*"))
    # The next backup copies the missing blob again; a blob of the right size is
    # not re-hashed (incremental), so the changed one is still reported.
    luutru(source, "backup", str(dest))
    r = luutru(source, "backup", "verify", str(dest), ok=False)
    assert r.returncode == 1 and rel(changed) in r.stderr and rel(missing) not in r.stderr


def test_kill_9_during_a_backup_leaves_the_previous_one_usable(source, tmp_path):
    dest = tmp_path / "sao-luu"
    luutru(source, "backup", str(dest))
    first = latest(dest)
    proc = subprocess.Popen(
        [sys.executable, "-m", "luutru.cli", "backup", str(dest)],
        env={**_env(source), "LUUTRU_BACKUP_PAUSE_AFTER": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("Đã tạm dừng sao lưu"):
                break
        else:
            raise AssertionError("the backup ended without pausing")
        leftovers = list(dest.glob(".tmp-*"))
        assert len(leftovers) == 1 and (leftovers[0] / "database.sqlite3").is_file()
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert latest(dest) == first
    assert [p.name for p in (dest / "snapshots").iterdir()] == [first]
    assert f"Bản sao lưu {first} nguyên vẹn" in luutru(source, "backup", "verify", str(dest)).stdout
    # The next backup clears what the killed one left and completes.
    luutru(source, "backup", str(dest))
    assert latest(dest) != first and not list(dest.glob(".tmp-*"))
    assert not (dest / "blobs" / "tmp").exists()
    assert "nguyên vẹn" in luutru(source, "backup", "verify", str(dest)).stdout
    shutil.rmtree(dest)


PG = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(not PG.startswith("postgres"), reason="PostgreSQL: set DATABASE_URL")
def test_postgresql_round_trip_through_pg_dump_and_pg_restore(tmp_path):
    import psycopg

    base = PG.rsplit("/", 1)[0]
    names = [f"luutru_bk_{os.getpid()}_{i}" for i in ("nguon", "dich")]
    with psycopg.connect(PG, autocommit=True) as con:
        for n in names:
            con.execute(f'DROP DATABASE IF EXISTS "{n}"')
            con.execute(f'CREATE DATABASE "{n}"')
    try:
        src, dst = (f"{base}/{n}" for n in names)
        data, target, dest = tmp_path / "nguon", tmp_path / "dich", tmp_path / "sao-luu"
        luutru(data, "shell", "-c", SEED, DATABASE_URL=src)
        fixity = luutru(data, "fixity", DATABASE_URL=src).stdout
        audit = luutru(data, "audit", "verify", DATABASE_URL=src).stdout
        luutru(data, "backup", str(dest), DATABASE_URL=src)
        name = latest(dest)
        assert (dest / "snapshots" / name / "database.pgdump").is_file()
        out = luutru(target, "restore", str(dest), DATABASE_URL=dst).stdout
        assert "Số dòng của mọi bảng khớp với bản kê khai" in out
        assert luutru(target, "fixity", DATABASE_URL=dst).stdout == fixity
        n = int(audit.split(": ")[1].split()[0])
        after = luutru(target, "audit", "verify", DATABASE_URL=dst).stdout
        assert after == audit and f"{n} sự kiện" in after  # the same chain, nothing added
    finally:
        with psycopg.connect(PG, autocommit=True) as con:
            for n in names:
                con.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
