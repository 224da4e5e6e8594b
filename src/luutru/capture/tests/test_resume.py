"""A bundle killed halfway (``kill -9`` of the import, in a real subprocess against a
real SQLite file): rerunning finishes it with no duplicate and no orphan blob."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from luutru.capture.tests.files import make_party_letter

FILES = 90
CHECK = r"""
import json
from pathlib import Path
from django.conf import settings
from luutru.capture.models import DocumentText, ImportBatch, ImportItem
from luutru.registry.models import Document
from luutru.storage.models import Blob
named = set(Document.objects.values_list("blob_id", flat=True))
named |= set(ImportItem.objects.exclude(blob=None).values_list("blob_id", flat=True))
named |= set(DocumentText.objects.exclude(ocr_blob=None).values_list("ocr_blob_id", flat=True))
rows = set(Blob.objects.values_list("sha256", flat=True))
on_disk = {p.name for p in Path(settings.BLOB_ROOT).glob("??/??/*")}
print(json.dumps({
    "batches": ImportBatch.objects.count(),
    "finished": ImportBatch.objects.filter(finished_at__isnull=False).count(),
    "items": ImportItem.objects.count(),
    "states": sorted(set(ImportItem.objects.values_list("state", flat=True))),
    "documents": Document.objects.count(),
    "distinct_numbers": Document.objects.values("code_number").distinct().count(),
    "rows_unnamed": sorted(rows - named),
    "files_without_row": sorted(on_disk - rows),
    "rows_without_file": sorted(rows - on_disk),
}))
"""


def _env(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LUUTRU_BLOBS")}
    env.update(
        LUUTRU_DATA=str(data), PYTHONUNBUFFERED="1", DJANGO_SETTINGS_MODULE="luutru.settings"
    )
    return env


def _luutru(*args: str, env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "luutru.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        **kw,
    )


def _run_until(args: list[str], env: dict, seen) -> str:
    """Start ``luutru import …`` and ``kill -9`` its whole process group once ``seen(line)``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "luutru.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    out = []
    deadline = time.monotonic() + 120
    assert proc.stdout is not None  # stdout=PIPE
    try:
        for line in proc.stdout:
            out.append(line)
            if seen(line) or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "".join(out)
    return "".join(out)


def _finished(line: str) -> int | None:
    if "] " in line and "/" in line and line.startswith("["):
        done = line.split("] ", 1)[1].split("/", 1)[0]
        return int(done) if done.isdigit() else None
    return None


def test_import_killed_twice_then_rerun_finishes_without_duplicates_or_orphans(tmp_path):
    data = tmp_path / "data"
    env = _env(data)
    setup = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from luutru.testing import build_world; build_world()"
    )
    _luutru("shell", "-c", setup, env=env)
    folder = tmp_path / "bo-ho-so"
    for i in range(1, FILES + 1):
        sub = folder / f"hop-{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"nq-{i:03d}.pdf").write_bytes(make_party_letter(number=f"{i}-NQ/TU"))
    args = ["import", str(folder), "--org", "TU", "--jobs", "1"]

    # 1. Killed while files are being stored.
    out = _run_until(args, env, lambda line: "lưu và nhận dạng tệp: 50/" in line)
    assert "50/" in out
    # 2. Killed while items are being processed.
    out = _run_until(args, env, lambda line: (_finished(line) or 0) >= 10)
    assert "Tiếp tục đợt nhập" in out
    # 3. Rerun to the end.
    done = _luutru(*args, env=env)
    assert "Tiếp tục đợt nhập" in done.stdout
    assert f"Xong đợt nhập 1: {FILES} văn bản vào sổ" in done.stdout, done.stdout

    facts = json.loads(_luutru("shell", "-c", CHECK, env=env).stdout.strip().splitlines()[-1])
    assert facts["batches"] == 1 and facts["finished"] == 1
    assert facts["items"] == FILES
    assert facts["states"] == ["done"]
    assert facts["documents"] == FILES == facts["distinct_numbers"]
    assert facts["rows_unnamed"] == []
    assert facts["files_without_row"] == []
    assert facts["rows_without_file"] == []
