"""Deadlines, digest and evaluation benchmark (issue 4 parts 2, 3): times the daily
digest, the deadline lists and the yearly ranking on the demo province.

    .venv/bin/python bench/oversight/run.py              # demo province, --small (quick)
    .venv/bin/python bench/oversight/run.py --full       # the full demo province
    .venv/bin/python bench/oversight/run.py --data DIR   # an existing LUUTRU_DATA (e.g. the
                                                         # compliance bench's --keep DIR)

Each row: the median and the worst of ``--repeat`` runs (the first run is "cold":
fresh process caches; Django's cache is cleared before it). Not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def _timed(fn, repeat: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times[0], statistics.median(times[1:] or times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="the full demo province (not --small)")
    ap.add_argument("--data", help="use this LUUTRU_DATA as is (no demo load)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args()

    tmp = None
    if args.data:
        os.environ["LUUTRU_DATA"] = args.data
    else:
        tmp = tempfile.mkdtemp(prefix="bench-oversight-")
        os.environ["LUUTRU_DATA"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.utils import timezone

    from luutru.deadlines.models import Notification
    from luutru.deadlines.queries import all_due, my_due, org_due
    from luutru.deadlines.services import run_digest
    from luutru.evaluation.queries import person_ranking, unit_ranking
    from luutru.orgs.models import Organization, Role

    try:
        if not args.data:
            call_command("migrate", verbosity=0)
            t = time.perf_counter()
            call_command("demo", *([] if args.full else ["--small"]), stdout=open(os.devnull, "w"))
            print(f"demo province loaded in {time.perf_counter() - t:.1f} s")
        today = timezone.localdate()
        root = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
        User = get_user_model()
        official = User.objects.filter(person__memberships__role=Role.OFFICIAL).first()
        archivist = User.objects.filter(person__memberships__role=Role.ARCHIVIST).first()
        n_orgs = Organization.objects.count()
        cache.clear()
        rows = [
            ("all due items (digest input)", lambda: all_due(today)),
            ("digest --dry-run", lambda: run_digest(today, dry_run=True)),
            ("my due list (an official)", lambda: my_due(official, today)),
            ("org due list (province, archivist)", lambda: org_due(archivist, root, today)),
            (f"unit ranking {args.year} ({n_orgs} orgs)", lambda: unit_ranking(root, args.year)),
            (f"person ranking {args.year}", lambda: person_ranking(root, args.year)),
        ]
        if official is None or archivist is None:  # a bulk data set without accounts
            rows = [r for r in rows if not r[0].startswith(("my due", "org due"))]
        print(f"\n{'what':44} {'cold ms':>9} {'warm p50':>9} {'max ms':>9}")
        for name, fn in rows:
            cold, warm, worst = _timed(fn, args.repeat)
            print(f"{name:44} {cold:9.0f} {warm:9.0f} {worst:9.0f}")
        t = time.perf_counter()
        first = run_digest(today)
        t1 = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        second = run_digest(today)
        t2 = (time.perf_counter() - t) * 1000
        print(f"{'digest, first run (creates)':44} {t1:9.0f}   created {first.created}")
        print(f"{'digest, second run (idempotent)':44} {t2:9.0f}   created {second.created}")
        print(
            f"\nnotifications stored: {Notification.objects.count()}; people told: "
            f"{len(first.per_user)}; due items: {len(all_due(today))}"
        )
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
