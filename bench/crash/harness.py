"""Crash-safety harness (issue 8, "Done when"): SIGKILL at random moments.

Real ``luutru`` subprocesses on a temporary data folder and SQLite file:

1. ``luutru import FOLDER`` (foreground, N processes) killed at random moments
   (while storing, while processing), then rerun to the end;
2. ``luutru import FOLDER2 --background`` killed while storing, rerun; then
   ``luutru worker`` killed at random moments while it works (a real scan or
   two go through OCR here), then ``luutru worker --batch`` to the end;
3. ``luutru reindex --restart`` killed at random moments, then ``luutru reindex``.

A reader process searches the index the whole time. At the end: ``luutru
fixity --clean --grace 0`` and the checks: 0 lost, 0 duplicated, 0 stuck (items,
batches, task rows, reindex runs), 0 orphan or leftover files, search never
answered 0 (or failed) once it had answered, and it answers every document.

Kill moments come from a seeded ``random.Random``; every wait polls for a state
(an output line, a count in the database), never a fixed sleep.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

CHECK = r"""
import json
from pathlib import Path
from django.conf import settings
from django_tasks_db.models import DBTaskResult
from luutru.capture.models import ImportBatch, ImportItem
from luutru.registry.models import Document
from luutru.search.models import PendingIndex, ReindexRun
from luutru.storage.models import Blob
from luutru.storage.services import blob_references
named = set()
for model, f in blob_references():
    named |= set(model._base_manager.exclude(**{f.attname: None}).values_list(f.attname, flat=True))
rows = set(Blob.objects.values_list("sha256", flat=True))
root = Path(settings.BLOB_ROOT)
on_disk = {p.name for p in root.glob("??/??/*")}
tmp = [p.name for p in (root / "tmp").iterdir()] if (root / "tmp").is_dir() else []
# Born-digital files (the scans' OCR may read a number another way).
imported = (
    Document.objects.filter(import_items__isnull=False)
    .exclude(import_items__name__startswith="ban-quet")
    .distinct()
)
print(json.dumps({
    "batches": ImportBatch.objects.count(),
    "batches_open": ImportBatch.objects.filter(finished_at__isnull=True).count(),
    "items": ImportItem.objects.count(),
    "items_by_state": {s: ImportItem.objects.filter(state=s).count()
                       for s in set(ImportItem.objects.values_list("state", flat=True))},
    "item_names": ImportItem.objects.values("name").distinct().count(),
    "failed_reasons": list(ImportItem.objects.filter(state="failed").values_list("name", "reason")),
    "documents": Document.objects.count(),
    "imported_documents": imported.count(),
    "imported_numbers": imported.values("org_id", "code_number").distinct().count(),
    # Items that each made (not found) the same document: a duplicate made by a rerun.
    "items_per_document_max": max(
        [d.import_items.exclude(state="duplicate").count() for d in imported] or [0]
    ),
    "tasks": {s: DBTaskResult.objects.filter(status=s).count()
              for s in ("READY", "RUNNING", "FAILED", "SUCCESSFUL")},
    "reindex_open": ReindexRun.objects.filter(finished_at__isnull=True).count(),
    "items_retried": ImportItem.objects.filter(attempts__gt=1).count(),
    "max_claims": max(ImportItem.objects.values_list("attempts", flat=True) or [0]),
    "max_errors": max(ImportItem.objects.values_list("errors", flat=True) or [0]),
    "pending_index": PendingIndex.objects.count(),
    "rows_unnamed": sorted(rows - named),
    "files_without_row": sorted(on_disk - rows),
    "rows_without_file": sorted(rows - on_disk),
    "tmp_files": tmp,
}))
"""

SEED = r"""
from django.core.management import call_command
call_command("migrate", verbosity=0)
from luutru.testing import build_world
w = build_world()
from luutru.registry.models import Document
Document.objects.bulk_create([
    Document(org=w.board, subject=f"Báo cáo chuyên đề số {i}", code_number=str(i),
             code_notation="BC/BTCTU")
    for i in range(1, {extra} + 1)
])
from luutru.search import services
services.reindex()
"""

READER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from luutru.search.backends.base import AccessFilter, SearchRequest
from luutru.search.backends.tantivy_backend import TantivyBackend
b = TantivyBackend(sys.argv[1])
req = SearchRequest(clauses=[], access=AccessFilter(everything=True))
for line in sys.stdin:
    try:
        print(b.count(req), flush=True)
    except Exception as exc:
        print(f"ERR {exc.__class__.__name__}: {exc}", flush=True)
"""


# A rebuild in small chunks and commits, so that a kill finds it in the middle.
REBUILD = ("reindex", "--chunk", "50", "--commit-every", "200")


@dataclass
class Config:
    seed: int = 8
    import_files: int = 60
    background_files: int = 40
    extra_documents: int = 1500  # so a rebuild takes long enough to be killed inside
    scans: int = 1  # real scans through OCR (when Tesseract with vie is installed)
    import_kills: int = 8
    background_kills: int = 3
    worker_kills: int = 7
    reindex_kills: int = 7
    jobs: int = 2
    worker_processes: int = 1
    timeout: float = 600.0


@dataclass
class Kill:
    phase: str
    moment: str
    landed: bool


@dataclass
class Result:
    kills: list[Kill] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    cleaned: str = ""
    fixity: str = ""
    search_samples: int = 0
    search_zero_after_answer: int = 0
    search_errors: list[str] = field(default_factory=list)
    search_final: int = 0
    # Answers during the rebuilds below what search answered before them.
    search_dropped: int = 0
    expected_documents: int = 0
    expected_imported: int = 0
    seconds: float = 0.0
    phase_seconds: dict = field(default_factory=dict)
    running_rows_left: int = 0  # task rows killed workers left RUNNING (before the last worker)
    settled_rows: int = 0  # of those, settled by the next worker's start

    @property
    def landed(self) -> int:
        return sum(k.landed for k in self.kills)

    def problems(self) -> dict[str, int]:
        f = self.facts
        states = f.get("items_by_state", {})
        return {
            "lost": (self.expected_imported - f.get("imported_documents", 0))
            + (self.expected_items - f.get("item_names", 0))
            + states.get("failed", 0),
            "duplicated": (f.get("imported_documents", 0) - f.get("imported_numbers", 0))
            + max(0, f.get("items_per_document_max", 0) - 1),
            "stuck": states.get("pending", 0)
            + states.get("running", 0)
            + f.get("batches_open", 0)
            + f.get("tasks", {}).get("RUNNING", 0)
            + f.get("tasks", {}).get("READY", 0)
            + f.get("reindex_open", 0),
            "orphans": len(f.get("rows_unnamed", []))
            + len(f.get("files_without_row", []))
            + len(f.get("rows_without_file", [])),
            "leftovers": len(f.get("tmp_files", [])),
            "search_zero": self.search_zero_after_answer,
            "search_errors": len(self.search_errors),
            "search_dropped": self.search_dropped,
            "search_missing": self.expected_documents - self.search_final,
        }

    expected_items: int = 0


class Harness:
    def __init__(self, work: Path, config: Config, log=print):
        self.work = Path(work)
        self.c = config
        self.rng = random.Random(config.seed)
        self.log = log
        self.data = self.work / "data"
        self.result = Result()
        self.ocr = config.scans > 0 and _tesseract_vie()
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LUUTRU_BLOBS")
        }
        self.env.update(
            LUUTRU_DATA=str(self.data),
            LUUTRU_INDEX=str(self.data / "index"),
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="luutru.settings",
            LUUTRU_NO_OCR="1",
        )
        self._samples: list[str] = []
        self._reader: subprocess.Popen | None = None
        self._stop = threading.Event()

    # ------------------------------------------------------------ processes

    def _cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "luutru.cli", *args]

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        r = subprocess.run(
            self._cmd(*args),
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=self.c.timeout,
        )
        if r.returncode != 0:
            raise RuntimeError(f"luutru {' '.join(args)} → {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    def _spawn(self, args, env=None) -> subprocess.Popen:
        return subprocess.Popen(
            self._cmd(*args),
            env=env or self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # the kill takes its children too
        )

    def _kill(self, proc: subprocess.Popen, phase: str, moment: str, close: bool = True) -> None:
        landed = proc.poll() is None
        if landed:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if proc.stdout and close:
            proc.stdout.close()
        self.result.kills.append(Kill(phase, moment, landed))

    def _kill_on_output(self, args, phase: str, lines: int, extra: float, env=None) -> None:
        """Start ``args``; SIGKILL it ``extra`` seconds after its ``lines``-th output line."""
        proc = self._spawn(args, env)
        seen = 0
        moment = "ended before"
        reader_done = threading.Event()
        state = {"seen": 0}

        def read():
            for _ in proc.stdout:
                state["seen"] += 1
            reader_done.set()

        t = threading.Thread(target=read, daemon=True)
        t.start()
        deadline = time.monotonic() + self.c.timeout
        while state["seen"] < lines and not reader_done.is_set():
            if time.monotonic() > deadline:
                break
            reader_done.wait(0.02)
        seen = state["seen"]
        end = time.monotonic() + extra
        while time.monotonic() < end and proc.poll() is None:
            reader_done.wait(0.02)
        moment = f"{extra:.1f} s after output line {seen}"
        self._kill(proc, phase, moment, close=False)
        t.join(timeout=10)  # the reader ends at the pipe's end; then the pipe is closed
        proc.stdout.close()

    def _db(self, sql: str) -> int:
        con = sqlite3.connect(f"file:{self.data / 'luutru.sqlite3'}?mode=ro", uri=True, timeout=30)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()

    def _finished_items(self, folder: Path) -> int:
        return self._db(
            "select count(*) from capture_importitem i join capture_importbatch b "
            "on b.id = i.batch_id where state in ('done','review','duplicate','failed') "
            f"and b.key = 'import:{folder.resolve()}'"
        )

    def _batch_sealed(self, folder: Path) -> bool:
        """Has ``import --background`` of ``folder`` handed its files over?"""
        if not (self.data / "luutru.sqlite3").exists():
            return False
        return bool(
            self._db(
                "select count(*) from capture_importbatch where sealed "
                f"and key = 'import:{folder.resolve()}'"
            )
        )

    def _batch_done(self, folder: Path) -> bool:
        """Has the import of ``folder`` ended (a rerun would start a new batch)?"""
        if not (self.data / "luutru.sqlite3").exists():
            return False
        return bool(
            self._db(
                "select count(*) from capture_importbatch where finished_at is not null "
                f"and key = 'import:{folder.resolve()}'"
            )
        )

    # ------------------------------------------------------------ the reader

    def _start_reader(self) -> None:
        self._reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(self.data / "index"), str(SRC)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

        def poll():
            while not self._stop.is_set():
                self._reader.stdin.write("?\n")
                self._reader.stdin.flush()
                self._samples.append(self._reader.stdout.readline().strip())
                self._stop.wait(0.1)

        self._poller = threading.Thread(target=poll, daemon=True)
        self._poller.start()

    def _stop_reader(self) -> None:
        self._stop.set()
        self._poller.join(timeout=30)
        self._reader.stdin.close()
        self._reader.wait(timeout=30)
        answered = False
        for s in self._samples:
            if s.startswith("ERR"):
                self.result.search_errors.append(s)
            elif s == "0" and answered:
                self.result.search_zero_after_answer += 1
            elif s.isdigit() and int(s) > 0:
                answered = True
        self.result.search_samples = len(self._samples)

    # ------------------------------------------------------------ phases

    def setup(self) -> None:
        sys.path.insert(0, str(SRC))
        from luutru.capture.tests.files import make_party_letter, scanned_pdf

        self.folder = self.work / "ho-so-nhap"
        for i in range(1, self.c.import_files + 1):
            sub = self.folder / f"hop-{i % 3}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"nq-{i:03d}.pdf").write_bytes(make_party_letter(number=f"{i}-NQ/TU"))
        self.folder2 = self.work / "ho-so-nen"
        self.folder2.mkdir(parents=True)
        for i in range(1, self.c.background_files + 1):
            n = 1000 + i
            (self.folder2 / f"ct-{i:03d}.pdf").write_bytes(
                make_party_letter(number=f"{n}-CT/TU", type_name="CHỈ THỊ")
            )
        scans = self.c.scans if self.ocr else 0
        for i in range(1, scans + 1):
            letter = make_party_letter(number=f"{900 + i}-NQ/TU", subject="về công tác lưu trữ")
            (self.folder2 / f"ban-quet-{i}.pdf").write_bytes(scanned_pdf(letter))
        self.result.expected_items = self.c.import_files + self.c.background_files + scans
        self.result.expected_imported = self.c.import_files + self.c.background_files
        self.scans = scans
        self.run("shell", "-c", SEED.replace("{extra}", str(self.c.extra_documents)))
        self._start_reader()

    def phase_import(self) -> None:
        args = ["import", str(self.folder), "--org", "TU", "--jobs", str(self.c.jobs)]
        for _ in range(self.c.import_kills):
            if self._batch_done(self.folder):
                break
            self._kill_on_output(args, "import", self.rng.randint(1, 4), self.rng.uniform(0.0, 1.5))
        if not self._batch_done(self.folder):  # a rerun of an ended import starts anew
            self.run(*args)

    def phase_background(self) -> None:
        args = ["import", str(self.folder2), "--org", "VPTU", "--background", "--jobs", "1"]
        for _ in range(self.c.background_kills):
            if self._batch_sealed(self.folder2):
                break
            self._kill_on_output(
                args, "import --background", self.rng.randint(1, 2), self.rng.uniform(0.0, 1.0)
            )
        self.run(*args)
        env = dict(self.env)
        if self.ocr:
            env.pop("LUUTRU_NO_OCR", None)
        worker = ["worker", "--processes", str(self.c.worker_processes), "--interval", "0.2"]
        for _ in range(self.c.worker_kills):
            if self._batch_done(self.folder2):
                break
            proc = self._spawn(worker, env)
            start = self._finished_items(self.folder2)
            more = self.rng.randint(0, 3)
            limit = time.monotonic() + self.rng.uniform(1.5, 5.0)
            while time.monotonic() < limit and proc.poll() is None:
                if more and self._finished_items(self.folder2) >= start + more:
                    break
                time.sleep(0.05)
            done = self._finished_items(self.folder2) - start
            self._kill(proc, "worker", f"after {done} items")
        self._worker_to_the_end(env)

    def _worker_to_the_end(self, env: dict) -> None:
        """``luutru worker --batch``: settles what killed workers left, finishes the queue."""
        self.result.running_rows_left += self._db(
            "select count(*) from django_tasks_database_dbtaskresult where status = 'RUNNING'"
        )
        out = self.run("worker", "--processes", "1", "--batch", "--interval", "0", env=env).stdout
        match = re.search(r"Đã xử lý (\d+) việc nền", out)
        self.result.settled_rows += int(match.group(1)) if match else 0

    def _sample_now(self) -> int:
        """Wait for the reader's next answer (polling), return it."""
        n = len(self._samples)
        deadline = time.monotonic() + 60
        while len(self._samples) <= n and time.monotonic() < deadline:
            self._stop.wait(0.02)
        last = self._samples[-1] if self._samples else ""
        return int(last) if last.isdigit() else 0

    def phase_reindex(self) -> None:
        baseline = self._sample_now()
        mark = len(self._samples)
        try:
            self._rebuilds()
        finally:
            window = [s for s in self._samples[mark:] if s.isdigit()]
            self.result.search_dropped = sum(1 for s in window if int(s) < baseline)

    def _rebuilds(self) -> None:
        # One full run first, to know how long a rebuild works here once it has started
        # (its first output line: the first chunk indexed). Kills are timed from that
        # line, not from the spawn: Django's start-up takes a varying share of a short
        # rebuild on a loaded machine, and a moment drawn over the whole span often fell
        # after the end (clean-clone CI: 11 of 18 rebuild kills landed).
        work = self._timed_rebuild()
        # Kills a finished phase could not use go to the rebuild (always killable).
        planned = (
            self.c.import_kills
            + self.c.background_kills
            + self.c.worker_kills
            + self.c.reindex_kills
        )
        for i in range(planned - len(self.result.kills)):
            args = list(REBUILD)
            # The rebuild's own kills alternate a fresh rebuild and a resumed one (which
            # has only what the killed one left: an early moment); the kills handed over
            # by a phase that finished early (a fast import ends after two) are all fresh
            # rebuilds, which work the whole span and so can be killed.
            fresh = i % 2 == 0 or i >= self.c.reindex_kills
            if fresh:
                args.append("--restart")
            share = self.rng.uniform(0.0, 0.6 if fresh else 0.2)
            self._kill_on_output(args, "reindex", 1, share * work)
        self.run("reindex")

    def _timed_rebuild(self) -> float:
        """Run a fresh rebuild to its end; seconds from its first output line to its exit."""
        proc = self._spawn([*REBUILD, "--restart"])
        first = None
        for _ in proc.stdout:
            first = first or time.monotonic()
        proc.wait(timeout=self.c.timeout)
        proc.stdout.close()
        end = time.monotonic()
        if proc.returncode:
            raise RuntimeError(f"luutru reindex: exit {proc.returncode}")
        return end - (first or end)

    def finish(self) -> Result:
        # The last worker settles rows and finishes whatever is left (nothing, if all went right).
        env = dict(self.env)
        if self.ocr:
            env.pop("LUUTRU_NO_OCR", None)
        self._worker_to_the_end(env)
        self._stop_reader()
        # One run: it cleans, then reports what is left (which must be nothing).
        self.result.cleaned = self.result.fixity = self.run(
            "fixity", "--clean", "--grace", "0"
        ).stdout
        facts = json.loads(self.run("shell", "-c", CHECK).stdout.strip().splitlines()[-1])
        self.result.facts = facts
        self.result.expected_documents = facts["documents"]
        out = subprocess.run(
            [sys.executable, "-c", READER, str(self.data / "index"), str(SRC)],
            input="?\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.result.search_final = int(out.stdout.strip() or 0)
        return self.result

    def run_all(self) -> Result:
        t0 = time.monotonic()
        try:
            for name, step in (
                ("setup", self.setup),
                ("import", self.phase_import),
                ("background + worker", self.phase_background),
                ("reindex", self.phase_reindex),
                ("finish + checks", self.finish),
            ):
                t = time.monotonic()
                step()
                self.result.phase_seconds[name] = time.monotonic() - t
        finally:
            if self._reader and self._reader.poll() is None:
                self._stop.set()
                self._reader.kill()
        self.result.seconds = time.monotonic() - t0
        return self.result


def _tesseract_vie() -> bool:
    if os.environ.get("LUUTRU_NO_OCR") == "1":
        return False
    sys.path.insert(0, str(SRC))
    from luutru.capture import ocr

    return ocr.available()


def table(result: Result) -> str:
    """The summary as a text table."""
    by_phase: dict[str, list[Kill]] = {}
    for k in result.kills:
        by_phase.setdefault(k.phase, []).append(k)
    lines = [f"{'phase':<22}{'kills':>7}{'landed':>8}", "-" * 37]
    for phase, kills in by_phase.items():
        lines.append(f"{phase:<22}{len(kills):>7}{sum(k.landed for k in kills):>8}")
    lines.append(f"{'all':<22}{len(result.kills):>7}{result.landed:>8}")
    lines.append("")
    lines.append(f"{'check':<22}{'found':>7}")
    lines.append("-" * 29)
    for name, n in result.problems().items():
        lines.append(f"{name:<22}{n:>7}")
    f = result.facts
    lines.append("")
    lines.append(
        f"items {f.get('items')} {f.get('items_by_state')}, documents {f.get('documents')} "
        f"(imported {f.get('imported_documents')}), tasks {f.get('tasks')}"
    )
    lines.append(
        f"search: {result.search_samples} answers during the run, final {result.search_final} "
        f"of {result.expected_documents}"
    )
    lines.append(
        f"retries: {f.get('items_retried')} items claimed again after a kill (at most "
        f"{f.get('max_claims')} claims, {f.get('max_errors')} errors); task rows left RUNNING "
        f"by killed workers: {result.running_rows_left}, settled at the next start: "
        f"{result.settled_rows}"
    )
    cleaned = [ln for ln in result.cleaned.splitlines() if ln.startswith("Đã dọn")]
    if cleaned:
        lines.append(f"fixity --clean: {cleaned[0]}")
    lines.append(
        f"{result.seconds:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in result.phase_seconds.items())
        + ")"
    )
    return "\n".join(lines)
