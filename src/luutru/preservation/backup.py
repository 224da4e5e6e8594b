"""Backups to a second location (issue 14, item 6): a consistent snapshot of the
database and the blobs it names, verifiable and restorable onto an empty data folder.

Layout of a destination ``DEST``::

    DEST/blobs/ab/cd/<sha256>       content-addressed, shared by every snapshot (incremental)
    DEST/snapshots/<name>/          database copy, secret key, manifest.json (+ .sha256)
    DEST/latest                     the name of the newest complete snapshot
    DEST/.tmp-<name>/               a snapshot being written (renamed when complete)

A snapshot is written into ``.tmp-<name>`` and renamed into ``snapshots/`` only
once complete; ``latest`` is replaced atomically after that. A kill at any
moment leaves the previous snapshot complete and ``latest`` naming it. Blobs are
copied to a temporary name, fsynced, then renamed: a blob at its final name is
whole. The search index is derived: it is not copied, restore rebuilds it.

The database copy: SQLite through the online backup API; PostgreSQL through
``pg_dump -Fc`` on a snapshot exported from the transaction that also reads the
blob list, the row counts and the audit chain head, so all four agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from luutru.audit.models import ChainHead
from luutru.audit.services import record
from luutru.core.secret_key import FILE_NAME as SECRET_FILE
from luutru.preservation.models import BackupRun
from luutru.storage.models import Blob
from luutru.storage.services import LocalBlobStore

FORMAT = 1
SNAPSHOTS = "snapshots"
BLOBS = "blobs"
LATEST = "latest"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
CHUNK = 1024 * 1024
# Tests and the crash bench: stop (until killed) after this many blobs.
PAUSE_ENV = "LUUTRU_BACKUP_PAUSE_AFTER"
PAUSED = "Đã tạm dừng sao lưu"

Say = Callable[[str], object]


class BackupError(Exception):
    """A backup, verification or restore that cannot go on; the message is for the administrator."""


def _quiet(_: str) -> None:
    return None


# ---------------------------------------------------------------- small file helpers


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _copy_hashed(src: Path, tmp: Path) -> tuple[str, int]:
    """Copy ``src`` to ``tmp`` (fsynced), returning the SHA-256 and size of what was copied."""
    digest, size = hashlib.sha256(), 0
    with src.open("rb") as f, tmp.open("wb") as out:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


@contextlib.contextmanager
def _locked(dest: Path) -> Iterator[None]:
    """One backup at a time per destination (a second one waits for the first)."""
    with (dest / ".lock").open("a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _app_version() -> str:
    try:
        return version("luutru")
    except PackageNotFoundError:
        return "?"


# ---------------------------------------------------------------- the database copy


@dataclass
class DatabaseCopy:
    engine: str  # "sqlite" | "postgresql"
    file: Path
    counts: dict[str, int]
    blobs: list[tuple[str, int]]
    chain_head: dict[str, Any]


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def _sqlite_facts(path: Path) -> tuple[dict[str, int], list[tuple[str, int]], dict[str, Any]]:
    """Row counts, blob list and chain head read from a SQLite file."""
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        blobs = [
            (str(sha), int(size))
            for sha, size in con.execute(
                f'SELECT sha256, size FROM "{Blob._meta.db_table}" ORDER BY sha256'
            )
        ]
        row = con.execute(
            f'SELECT last_seq, last_hash FROM "{ChainHead._meta.db_table}" WHERE id=1'
        ).fetchone()
    finally:
        con.close()
    head = {"seq": row[0], "hash": row[1]} if row else {"seq": 0, "hash": "0" * 64}
    return counts, blobs, head


def _copy_sqlite(folder: Path) -> DatabaseCopy:
    target = folder / SQLITE_FILE
    # From this process's own connection (a file, or the tests' in-memory
    # database alike), in one step (pages=-1) under one read transaction: a
    # consistent copy while the application keeps writing.
    if connection.in_atomic_block:  # SQLite refuses to copy from a writing connection
        raise BackupError("Không sao lưu được từ bên trong một giao dịch cơ sở dữ liệu.")
    connection.ensure_connection()
    src = connection.connection
    out = sqlite3.connect(target)
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        out.close()
    _fsync_file(target)
    counts, blobs, head = _sqlite_facts(target)
    return DatabaseCopy("sqlite", target, counts, blobs, head)


def _pg_params() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args: list[str] = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {name} của PostgreSQL: hãy cài gói postgresql-client "
            "(cùng phiên bản chính với máy chủ cơ sở dữ liệu) rồi chạy lại. Chưa có gì thay đổi."
        )
    return path


def _pg_run(tool: str, *argv: str) -> None:
    """Run ``pg_dump``/``pg_restore`` against this installation's database."""
    path = _pg_tool(tool)
    args, env = _pg_params()
    done = subprocess.run(
        [path, *argv, *args, "-d", str(settings.DATABASES["default"]["NAME"])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} thất bại: {done.stderr.strip()[:2000]}")


def _table_counts(cursor: Any) -> dict[str, int]:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _copy_postgresql(folder: Path) -> DatabaseCopy:
    target = folder / PG_FILE
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        _pg_run("pg_dump", "-Fc", f"--snapshot={snapshot_id}", "-f", str(target))
        counts = _table_counts(cursor)
        cursor.execute(
            f"SELECT sha256, size FROM {connection.ops.quote_name(Blob._meta.db_table)} "
            "ORDER BY sha256"
        )
        blobs = [(str(sha), int(size)) for sha, size in cursor.fetchall()]
        cursor.execute(
            f"SELECT last_seq, last_hash FROM "
            f"{connection.ops.quote_name(ChainHead._meta.db_table)} WHERE id=1"
        )
        row = cursor.fetchone()
    _fsync_file(target)
    head = {"seq": row[0], "hash": row[1]} if row else {"seq": 0, "hash": "0" * 64}
    return DatabaseCopy("postgresql", target, counts, blobs, head)


# ---------------------------------------------------------------- backup


@dataclass
class BackupResult:
    name: str
    path: Path
    files: int = 0
    total_bytes: int = 0
    blobs_copied: int = 0
    bytes_copied: int = 0
    blobs_present: int = 0
    missing_at_source: list[str] = field(default_factory=list)
    damaged_at_source: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing_at_source and not self.damaged_at_source


def _blob_rel(sha: str) -> str:
    return f"{BLOBS}/{sha[:2]}/{sha[2:4]}/{sha}"


def _clear_leftovers(dest: Path) -> None:
    """What killed backups left: unfinished snapshot folders, half-copied blobs."""
    for p in dest.glob(".tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    shutil.rmtree(dest / BLOBS / "tmp", ignore_errors=True)


def _pause_after() -> int | None:
    raw = os.environ.get(PAUSE_ENV, "")
    return int(raw) if raw.isdigit() else None


def create_backup(dest: Path | str, *, say: Say = _quiet, scheduled: bool = False) -> BackupResult:
    """Write a complete snapshot to ``dest`` and point ``dest/latest`` at it."""
    dest = Path(dest).resolve()
    if settings.BLOB_ROOT and dest.is_relative_to(Path(settings.BLOB_ROOT).resolve()):
        raise BackupError("Nơi sao lưu không được nằm trong thư mục tệp lưu trữ.")
    engine = _engine()
    dest.mkdir(parents=True, exist_ok=True)
    (dest / SNAPSHOTS).mkdir(exist_ok=True)
    (dest / BLOBS).mkdir(exist_ok=True)
    with _locked(dest):
        _clear_leftovers(dest)
        started = timezone.now()
        name = started.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        tmp = dest / f".tmp-{name}"
        tmp.mkdir()
        say("Đang chép cơ sở dữ liệu…")
        db = _copy_sqlite(tmp) if engine == "sqlite" else _copy_postgresql(tmp)
        run = BackupRun.objects.create(
            kind=BackupRun.Kind.BACKUP,
            destination=str(dest),
            snapshot=name,
            started_at=started,
            scheduled=scheduled,
        )
        try:
            result = _finish_backup(dest, tmp, name, db, started, say)
        except BaseException as e:
            run.finished_at = timezone.now()
            run.message = f"Thất bại: {e}"[:2000]
            run.save()
            raise
        run.finished_at = timezone.now()
        run.ok = result.complete
        run.files = result.files
        run.total_bytes = result.total_bytes
        run.copied_bytes = result.bytes_copied
        run.message = _summary(result)
        with transaction.atomic():
            run.save()
            record(
                "luutru backup",
                "preservation.backup",
                object_type="backup",
                object_id=name,
                after={
                    "destination": str(dest),
                    "files": result.files,
                    "bytes": result.total_bytes,
                    "copied": result.blobs_copied,
                    "missing_at_source": result.missing_at_source[:100],
                    "damaged_at_source": result.damaged_at_source[:100],
                },
            )
        return result


def _finish_backup(
    dest: Path, tmp: Path, name: str, db: DatabaseCopy, started: dt.datetime, say: Say
) -> BackupResult:
    final = dest / SNAPSHOTS / name
    result = BackupResult(name=name, path=final)
    db_sha, db_size = _hash_file(db.file)
    files: list[dict[str, Any]] = [
        {"path": f"{SNAPSHOTS}/{name}/{db.file.name}", "sha256": db_sha, "size": db_size}
    ]
    secret = Path(settings.DATA_DIR) / SECRET_FILE
    if secret.is_file():
        copy = tmp / SECRET_FILE
        sha, size = _copy_hashed(secret, copy)
        copy.chmod(0o600)
        files.append({"path": f"{SNAPSHOTS}/{name}/{SECRET_FILE}", "sha256": sha, "size": size})
    source = LocalBlobStore()
    target = LocalBlobStore(dest / BLOBS)
    staging = dest / BLOBS / "tmp"
    staging.mkdir(exist_ok=True)
    pause = _pause_after()
    say(f"Đang chép {len(db.blobs)} tệp lưu trữ (chỉ chép tệp chưa có ở nơi sao lưu)…")
    for i, (sha, size) in enumerate(db.blobs):
        if pause is not None and i == pause:
            say(f"{PAUSED} sau {i} tệp ({PAUSE_ENV}).")
            signal.pause()  # until killed: the crash tests' deterministic moment
        there = target.path(sha)
        if there.is_file() and there.stat().st_size == size:
            result.blobs_present += 1
        else:
            here = source.path(sha)
            if not here.is_file():
                result.missing_at_source.append(sha)
                continue
            part = staging / sha
            got, got_size = _copy_hashed(here, part)
            if got != sha or got_size != size:
                part.unlink()
                result.damaged_at_source.append(sha)
                continue
            there.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, there)
            _fsync_dir(there.parent)
            result.blobs_copied += 1
            result.bytes_copied += size
        files.append({"path": _blob_rel(sha), "sha256": sha, "size": size})
    shutil.rmtree(staging, ignore_errors=True)
    result.files = len(files)
    result.total_bytes = sum(int(f["size"]) for f in files)
    manifest = {
        "format": FORMAT,
        "name": name,
        "created_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "luutru_version": _app_version(),
        "engine": db.engine,
        "database": db.file.name,
        "files": files,
        "row_counts": db.counts,
        "audit_chain_head": db.chain_head,
        "missing_at_source": result.missing_at_source,
        "damaged_at_source": result.damaged_at_source,
        "index": "không chép (dữ liệu dẫn xuất): khôi phục sẽ dựng lại bằng luutru reindex",
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    _write_atomic(tmp / MANIFEST, data)
    _write_atomic(tmp / f"{MANIFEST}.sha256", f"{hashlib.sha256(data).hexdigest()}\n".encode())
    _fsync_dir(tmp)
    os.rename(tmp, final)
    _fsync_dir(final.parent)
    _write_atomic(dest / LATEST, f"{name}\n".encode())
    return result


def _summary(result: BackupResult) -> str:
    text = (
        f"{result.files} tệp, {result.total_bytes} byte; chép mới {result.blobs_copied} tệp "
        f"({result.bytes_copied} byte), {result.blobs_present} tệp đã có sẵn."
    )
    if result.missing_at_source:
        text += f" {len(result.missing_at_source)} tệp bị mất ở kho chính (chạy luutru fixity)."
    if result.damaged_at_source:
        text += (
            f" {len(result.damaged_at_source)} tệp bị thay đổi ở kho chính, không chép đè "
            "bản tốt (chạy luutru fixity)."
        )
    return text


# ---------------------------------------------------------------- verify


@dataclass
class Verification:
    name: str
    checked: int = 0
    total_bytes: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the manifest itself

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.problems)


def snapshot_name(dest: Path, snapshot: str | None = None) -> str:
    """The snapshot asked for, or the one ``latest`` names."""
    if snapshot:
        if "/" in snapshot or snapshot.startswith("."):
            raise BackupError(f"Tên bản sao lưu không hợp lệ: {snapshot}")
        return snapshot
    try:
        return (Path(dest) / LATEST).read_text().strip()
    except FileNotFoundError:
        raise BackupError(
            f"{dest} chưa có bản sao lưu hoàn chỉnh nào (không có tệp “latest”)."
        ) from None


def snapshots(dest: Path) -> list[str]:
    folder = Path(dest) / SNAPSHOTS
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def load_manifest(dest: Path, name: str) -> tuple[dict[str, Any], list[str]]:
    """The manifest and what is wrong with it (empty when it is whole)."""
    folder = Path(dest) / SNAPSHOTS / name
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"Không có bản sao lưu {name} trong {dest}.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BackupError(f"Bản sao lưu {name} thiếu tệp kê khai {MANIFEST}.") from None
    problems = []
    try:
        expected = (folder / f"{MANIFEST}.sha256").read_text().strip()
    except FileNotFoundError:
        expected = ""
    if hashlib.sha256(data).hexdigest() != expected:
        problems.append(f"{SNAPSHOTS}/{name}/{MANIFEST} (tệp kê khai đã bị thay đổi)")
    try:
        manifest = json.loads(data)
        if not isinstance(manifest.get("files"), list):
            raise ValueError
    except ValueError:
        raise BackupError(f"Tệp kê khai của bản sao lưu {name} bị hỏng, không đọc được.") from None
    return manifest, problems


def verify_backup(
    dest: Path | str,
    snapshot: str | None = None,
    *,
    record_run: bool = True,
    scheduled: bool = False,
) -> Verification:
    """Re-hash every file the manifest lists; name what is missing or changed."""
    dest = Path(dest).resolve()
    started = timezone.now()
    name = snapshot_name(dest, snapshot)
    manifest, problems = load_manifest(dest, name)
    report = Verification(name=name, problems=problems)
    for entry in manifest["files"]:
        rel = str(entry.get("path", ""))
        path = (dest / rel).resolve()
        if not path.is_relative_to(dest):
            report.problems.append(f"{rel} (đường dẫn nằm ngoài nơi sao lưu)")
            continue
        report.checked += 1
        if not path.is_file():
            report.missing.append(rel)
            continue
        sha, size = _hash_file(path)
        report.total_bytes += size
        if sha != entry.get("sha256") or size != entry.get("size"):
            report.changed.append(rel)
    if record_run:
        with transaction.atomic():
            BackupRun.objects.create(
                kind=BackupRun.Kind.VERIFY,
                destination=str(dest),
                snapshot=name,
                started_at=started,
                finished_at=timezone.now(),
                ok=report.ok,
                files=report.checked,
                total_bytes=report.total_bytes,
                scheduled=scheduled,
                message=(
                    "Mọi tệp đều nguyên vẹn."
                    if report.ok
                    else f"{len(report.missing)} tệp bị mất, {len(report.changed)} tệp bị "
                    f"thay đổi, {len(report.problems)} lỗi tệp kê khai."
                ),
            )
            record(
                "luutru backup verify",
                "preservation.backup_verify",
                object_type="backup",
                object_id=name,
                after={
                    "ok": report.ok,
                    "missing": report.missing[:100],
                    "changed": report.changed[:100],
                    "problems": report.problems[:100],
                },
            )
    return report


# ---------------------------------------------------------------- restore


@dataclass
class Restored:
    name: str
    engine: str
    blobs: int = 0
    bytes: int = 0
    counts_differ: list[str] = field(default_factory=list)


def _target_not_empty() -> list[str]:
    """What already lives in this installation's data folder (restore needs none of it)."""
    found = []
    if connection.introspection.table_names():
        found.append(f"cơ sở dữ liệu {settings.DATABASES['default']['NAME']} đã có bảng")
    root = Path(settings.BLOB_ROOT)
    if root.is_dir() and any(p.is_file() for p in root.glob("??/??/*")):
        found.append(f"thư mục tệp lưu trữ {root} đã có tệp")
    return found


def restore_backup(dest: Path | str, snapshot: str | None = None, *, say: Say = _quiet) -> Restored:
    """Bring a verified snapshot back into an empty installation (database, blobs, key).
    The caller rebuilds the search index afterwards."""
    dest = Path(dest).resolve()
    name = snapshot_name(dest, snapshot)
    manifest, _ = load_manifest(dest, name)
    engine = _engine()
    if manifest.get("engine") != engine:
        raise BackupError(
            f"Bản sao lưu {name} là cơ sở dữ liệu {manifest.get('engine')}, còn cài đặt này dùng "
            f"{engine}: không khôi phục được. Chưa có gì thay đổi."
        )
    busy = _target_not_empty()
    if busy:
        raise BackupError(
            "Chỉ khôi phục vào một cài đặt trống, nhưng "
            + "; ".join(busy)
            + ". Hãy chỉ định LUUTRU_DATA (và DATABASE_URL) tới nơi trống. Chưa có gì thay đổi."
        )
    say(f"Đang kiểm tra bản sao lưu {name}…")
    check = verify_backup(dest, name, record_run=False)
    if not check.ok:
        raise BackupError(
            f"Bản sao lưu {name} không nguyên vẹn ("
            + ", ".join([*check.missing, *check.changed, *check.problems][:20])
            + "): không khôi phục. Chưa có gì thay đổi."
        )
    folder = dest / SNAPSHOTS / name
    say("Đang khôi phục cơ sở dữ liệu…")
    if engine == "sqlite":
        _restore_sqlite(folder / str(manifest["database"]))
    else:
        _restore_postgresql(folder / str(manifest["database"]))
    restored = Restored(name=name, engine=engine)
    root = LocalBlobStore()
    staging = Path(settings.BLOB_ROOT) / "tmp"
    staging.mkdir(parents=True, exist_ok=True)
    say("Đang khôi phục tệp lưu trữ…")
    folders: set[Path] = set()
    for entry in manifest["files"]:
        rel = str(entry["path"])
        if not rel.startswith(f"{BLOBS}/"):
            continue
        sha = str(entry["sha256"])
        part = staging / sha
        got, size = _copy_hashed(dest / rel, part)
        if got != sha:  # changed since the verification above
            part.unlink()
            raise BackupError(f"Tệp {rel} của bản sao lưu vừa bị thay đổi: dừng khôi phục.")
        final = root.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        folders.add(final.parent)
        restored.blobs += 1
        restored.bytes += size
    for d in folders:
        _fsync_dir(d)
    secret = folder / SECRET_FILE
    if secret.is_file():
        target = Path(settings.DATA_DIR) / SECRET_FILE
        part = target.with_name(f".{SECRET_FILE}.restore")
        shutil.copyfile(secret, part)
        part.chmod(0o600)
        os.replace(part, target)
    counts = _current_counts()
    for table, n in dict(manifest.get("row_counts", {})).items():
        if counts.get(table) != n:
            restored.counts_differ.append(f"{table}: {counts.get(table)} thay vì {n}")
    _log_restore(dest, name, manifest, restored)
    return restored


# The restore is recorded outside the database: the restored audit chain is the
# backed-up one, event for event (its head is the manifest's), so an auditor
# comparing ``luutru audit verify`` before and after finds the same chain; this
# log (one JSON line per restore, in the data folder) says when it was restored,
# from which snapshot, and which chain head it carried. The next event anyone
# records links to that head.
RESTORE_LOG = "restores.jsonl"


def _log_restore(dest: Path, name: str, manifest: dict[str, Any], restored: Restored) -> None:
    data = (Path(dest) / SNAPSHOTS / name / MANIFEST).read_bytes()
    entry = {
        "restored_at": timezone.now().isoformat(),
        "from": str(dest),
        "snapshot": name,
        "manifest_sha256": hashlib.sha256(data).hexdigest(),
        "engine": restored.engine,
        "blobs": restored.blobs,
        "bytes": restored.bytes,
        "audit_chain_head": manifest.get("audit_chain_head"),
        "row_counts_match": not restored.counts_differ,
        "luutru_version": _app_version(),
    }
    path = Path(settings.DATA_DIR) / RESTORE_LOG
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


def restore_log() -> list[dict[str, Any]]:
    """The restores this installation came from, newest first."""
    path = Path(settings.DATA_DIR) / RESTORE_LOG
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out[::-1]


def _current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _table_counts(cursor)


def _restore_sqlite(file: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    src = sqlite3.connect(file)
    out = sqlite3.connect(target)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    _fsync_file(target)


def _restore_postgresql(file: Path) -> None:
    connection.close()
    _pg_run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        str(file),
    )
