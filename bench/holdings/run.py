"""Paper catalogue import benchmark (issue 13, item 5): an inventory of N paper
dossiers in boxes on shelves, from one XLSX, through ``holdings.importer`` (read,
dry run, import, re-import unchanged, re-import with 1 % of rows edited), on a
fresh SQLite database in a temporary folder (or ``--postgres``: the
DATABASE_URL database, whose holdings rows are emptied first).

    nice -n 10 .venv/bin/python bench/holdings/run.py                 # 100,000 rows
    nice -n 10 .venv/bin/python bench/holdings/run.py --rows 2000

Target (2-core machine): 100,000 rows imported in under a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="luutru-bench-holdings-") as tmp:
        os.environ["LUUTRU_DATA"] = tmp
        if not args.postgres:
            os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from luutru.holdings import importer, sample
        from luutru.holdings.models import Box, Inventory, Location, PaperDossier
        from luutru.orgs.models import Kind, Level, Organization
        from luutru.orgs.services import create_org

        if args.postgres:
            PaperDossier.objects.all().delete()
            Box.objects.all().delete()
            Inventory.objects.all().delete()
            Location.objects.all().delete()
        org = Organization.objects.filter(code="BENCHKHO").first() or create_org(
            None,
            code="BENCHKHO",
            name="Tỉnh ủy Bench",
            kind=Kind.PARTY_COMMITTEE,
            level=Level.PROVINCE,
            parent=None,
            valid_from=dt.date(1950, 1, 1),
            issuer_abbrev="TU",
            place="Bench",
            organ_id="000.99.00.T01",
        )
        fonds = org.fonds
        t0 = time.perf_counter()
        data_rows = sample.rows(args.rows, secret_every=50)
        data = sample.xlsx(data_rows)
        made_in = time.perf_counter() - t0
        edited = [list(r) for r in data_rows]
        for r in edited[::100]:
            r[4] = f"{r[4]} (đã chỉnh)"
        data2 = sample.xlsx(edited)
        steps = []

        def step(label, fn):
            t, c = time.perf_counter(), time.process_time()
            result = fn()
            steps.append((label, time.perf_counter() - t, time.process_time() - c, result))
            return result

        rows = step("read the XLSX (python-calamine)", lambda: importer.read_table(data, "m.xlsx"))
        pv = importer.preview(rows)
        step(
            "dry run (check every row, count changes)",
            lambda: importer.dry_run(rows, pv, pv.mapping, fonds, None),
        )
        step("import", lambda: importer.apply(None, data, rows, pv, pv.mapping, fonds, None))
        step(
            "re-import, same file (changes nothing)",
            lambda: importer.apply(None, data, rows, pv, pv.mapping, fonds, None),
        )
        rows2 = importer.read_table(data2, "m.xlsx")
        step(
            "re-import, 1 % of rows edited",
            lambda: importer.apply(None, data2, rows2, pv, pv.mapping, fonds, None),
        )
        counts = (PaperDossier.objects.count(), Box.objects.count(), Location.objects.count())
    load = os.getloadavg()[0]
    print(
        f"holdings import: {args.rows} rows, {len(data) / 1024 / 1024:.1f} MB XLSX made in "
        f"{made_in:.1f} s ({'PostgreSQL' if args.postgres else 'SQLite'}, load average "
        f"{load:.1f} on {os.cpu_count()} CPUs); made {counts[0]} dossiers, {counts[1]} boxes, "
        f"{counts[2]} locations"
    )
    print(f"{'step':<44} {'wall s':>8} {'CPU s':>7}  result")
    for label, seconds, cpu, result in steps:
        extra = ""
        if hasattr(result, "new"):
            extra = f"new {result.new}, changed {result.changed}, same {result.same}"
        if label == "import":
            extra += "  (target < 60 s" + (" ok)" if seconds < 60 else " OVER)")
        print(f"{label:<44} {seconds:>8.1f} {cpu:>7.1f}  {extra}")


if __name__ == "__main__":
    main()
