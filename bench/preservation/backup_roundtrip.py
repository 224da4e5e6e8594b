"""The demo's backup round trip (issue 14, Speed, third bullet): bit-identical?

Loads the demo province (``luutru migrate`` + ``luutru demo``, or ``--small``)
into a fresh SQLite data folder, then through real ``luutru`` processes:

1. notes every blob file's SHA-256 (hashed from its bytes), every table's row
   count, ``luutru audit verify`` and ``luutru fixity``;
2. ``luutru backup DEST`` (timed), ``luutru backup verify DEST`` (timed);
3. ``luutru restore DEST`` into a second, empty data folder (timed);
4. compares: every blob's hash (restored files hashed from their bytes), every
   table's row count (the ``search_*`` tables are the rebuilt index's, derived:
   shown, not compared), ``audit verify`` and ``fixity`` output.

Times are wall clock and the children's CPU (``RUSAGE_CHILDREN``), with the
machine's load average at start and end: on a shared machine the CPU column is
the steadier one.

    .venv/bin/python bench/preservation/backup_roundtrip.py [--small] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DERIVED = "search_"


def env_for(data: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "LUUTRU_BLOBS", "LUUTRU_INDEX", "LUUTRU_BACKUP_PAUSE_AFTER")
    }
    env.update(LUUTRU_DATA=str(data), DJANGO_SETTINGS_MODULE="luutru.settings")
    return env


def luutru(
    data: Path, *args: str, check: bool = True
) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``luutru ARGS`` on ``data``: the result, wall seconds, children's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "luutru.cli", *args],
        env=env_for(data),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and r.returncode != 0:
        raise SystemExit(f"luutru {' '.join(args)} → {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r, wall, cpu


def blob_hashes(root: Path) -> dict[str, str]:
    """File name → SHA-256 of its bytes, for every blob file under ``root``."""
    out = {}
    for p in sorted(root.glob("??/??/*")):
        if p.is_file():
            h = hashlib.sha256()
            with p.open("rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
            out[p.name] = h.hexdigest()
    return out


def row_counts(db: Path) -> dict[str, int]:
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


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="luutru demo --small")
    ap.add_argument(
        "--work", type=Path, help="a folder for the three data folders (default: a temp one)"
    )
    ap.add_argument("--keep", action="store_true", help="leave the folders for inspection")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="luutru-bk-", dir=args.work))
    source, target, dest = work / "nguon", work / "dich", work / "sao-luu"
    load0 = os.getloadavg()[0]
    times: list[tuple[str, float, float, str]] = []
    try:
        luutru(source, "migrate", "--verbosity", "0")
        demo, wall, cpu = luutru(source, "demo", *(["--small"] if args.small else []))
        times.append(("luutru demo" + (" --small" if args.small else ""), wall, cpu, ""))

        blobs_before = blob_hashes(source / "blobs")
        counts_before = row_counts(source / "luutru.sqlite3")
        audit_before = luutru(source, "audit", "verify")[0].stdout.strip()
        fixity_before = luutru(source, "fixity")[0].stdout.strip()

        r, wall, cpu = luutru(source, "backup", str(dest))
        times.append(("luutru backup", wall, cpu, f"{size_of(dest) / 1e6:.1f} MB written"))
        r, wall, cpu = luutru(source, "backup", "verify", str(dest))
        times.append(("luutru backup verify", wall, cpu, r.stdout.strip().splitlines()[-1]))
        r, wall, cpu = luutru(target, "restore", str(dest))
        said = " ".join(line for line in r.stdout.splitlines() if line.startswith("Đã "))
        times.append(("luutru restore (empty folder), index rebuilt", wall, cpu, said))

        blobs_after = blob_hashes(target / "blobs")
        counts_after = row_counts(target / "luutru.sqlite3")
        audit_after = luutru(target, "audit", "verify")[0].stdout.strip()
        fixity_after = luutru(target, "fixity")[0].stdout.strip()
    finally:
        load1 = os.getloadavg()[0]

    named_ok = all(name == sha for name, sha in blobs_after.items())
    same_blobs = blobs_after == blobs_before and named_ok
    compared = sorted(
        t for t in counts_before.keys() | counts_after.keys() if not t.startswith(DERIVED)
    )
    differ = [
        f"{t}: {counts_before.get(t)} → {counts_after.get(t)}"
        for t in compared
        if counts_before.get(t) != counts_after.get(t)
    ]
    derived = [
        f"{t}: {counts_before.get(t)} → {counts_after.get(t)}"
        for t in sorted(counts_before.keys() | counts_after.keys())
        if t.startswith(DERIVED) and counts_before.get(t) != counts_after.get(t)
    ]
    same_audit = audit_after == audit_before
    same_fixity = fixity_after == fixity_before
    identical = same_blobs and not differ and same_audit and same_fixity

    print("\nData: " + " ".join(ln for ln in demo.stdout.splitlines() if ln.startswith("Đã ")))
    print(
        f"Load average (1 min): {load0:.1f} at start, {load1:.1f} at end; {os.cpu_count()} CPUs\n"
    )
    print("| step | wall s | CPU s | note |")
    print("|---|---|---|---|")
    for step, wall, cpu, note in times:
        print(f"| {step} | {wall:.1f} | {cpu:.1f} | {note} |")
    print()
    print("| check | result |")
    print("|---|---|")
    print(
        f"| blobs: {len(blobs_before)} before, {len(blobs_after)} restored, every SHA-256 "
        f"equal (and equal to its name) | {'yes' if same_blobs else 'NO'} |"
    )
    print(
        f"| row counts: {len(compared)} tables compared "
        f"({sum(counts_before.get(t, 0) for t in compared)} rows) | "
        f"{'all equal' if not differ else 'DIFFER: ' + '; '.join(differ)} |"
    )
    print(f"| `luutru audit verify` | {'same' if same_audit else 'DIFFERENT'}: {audit_after} |")
    print(
        f"| `luutru fixity` | {'same' if same_fixity else 'DIFFERENT'}: {fixity_after.splitlines()[0]} |"
    )
    print(f"| derived search tables (rebuilt, not compared) | {'; '.join(derived) or 'equal'} |")
    print(f"\nbit-identical: {'yes' if identical else 'no'}")
    if args.keep:
        print(f"Folders kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if identical else 1)


if __name__ == "__main__":
    main()
