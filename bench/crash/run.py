"""Crash-safety benchmark (issue 8): SIGKILL ``luutru import``, ``import
--background``, ``luutru worker`` and ``luutru reindex`` at random moments, then
count what was lost, duplicated, stuck or left over, and whether search kept
answering. Prints a table; exits 1 if anything is found.

    .venv/bin/python bench/crash/run.py                  # 60 kills, a few minutes
    .venv/bin/python bench/crash/run.py --seed 3 --kills 100 --keep /tmp/crash

The bounded version runs in the test suite: ``tests/test_crash_safety.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Config, Harness, table  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--kills", type=int, default=60, help="kills in all (split over the phases)")
    ap.add_argument("--files", type=int, default=200, help="born-digital files imported")
    ap.add_argument("--scans", type=int, default=2, help="real scans through OCR")
    ap.add_argument("--extra", type=int, default=5000, help="documents only the reindex sees")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="work in this folder and keep it")
    args = ap.parse_args()
    k = args.kills
    config = Config(
        seed=args.seed,
        import_files=args.files,
        background_files=max(args.files // 2, 10),
        extra_documents=args.extra,
        scans=args.scans,
        import_kills=k * 3 // 10,
        background_kills=k // 10,
        worker_kills=k * 3 // 10,
        reindex_kills=k - k * 3 // 10 - k // 10 - k * 3 // 10,
        jobs=args.jobs,
        worker_processes=2,
    )
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
        result = Harness(work, config).run_all()
    else:
        with tempfile.TemporaryDirectory(prefix="luutru-crash-") as tmp:
            result = Harness(Path(tmp), config).run_all()
    print(table(result))
    bad = {name: n for name, n in result.problems().items() if n}
    if bad:
        print(f"FOUND: {bad}")
        return 1
    print(f"{result.landed} kills landed: nothing lost, duplicated, stuck or left over.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
