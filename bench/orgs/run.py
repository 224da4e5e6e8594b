"""Organization import benchmark (issue 13, item 1): a province of N bodies and M
people from one spreadsheet, through ``luutru orgs import`` (dry run, import,
re-run), on a fresh SQLite database in a temporary folder.

    .venv/bin/python bench/orgs/run.py                 # 700 bodies, 5,000 people (the issue's size)
    .venv/bin/python bench/orgs/run.py --orgs 200 --people 1000

Target (2-core machine): 700 bodies and 5,000 people imported in under a minute.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

ROLES = ["Cán bộ, chuyên viên", "Văn thư", "Lãnh đạo", "Lưu trữ viên"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Phúc", "Tâm"]


def workbook(orgs: int, people: int) -> bytes:
    from openpyxl import Workbook

    from luutru.orgs import spreadsheet

    wb = Workbook()
    ws = wb.active
    ws.title = spreadsheet.ORG_SHEET
    ws.append(spreadsheet.ORG_COLUMNS)
    ws.append(
        [
            "T",
            "Tỉnh ủy Bình An",
            "",
            "party_committee",
            "province",
            "",
            "03/02/1948",
            "",
            "",
            "",
            "Phông Đảng",
            "TU",
            "Bình An",
        ]
    )
    codes = ["T"]
    districts = max(1, orgs // 22)
    for d in range(districts):
        code = f"H{d:02d}"
        ws.append(
            [
                code,
                f"Huyện ủy số {d}",
                "",
                "district_committee",
                "district",
                "T",
                "01/01/1976",
                "",
                "",
                "",
                "Phông Đảng",
                "HU",
                f"Huyện {d}",
            ]
        )
        codes.append(code)
    n = 0
    while len(codes) < orgs:
        parent = f"H{n % districts:02d}"
        code = f"X{n:04d}"
        ws.append(
            [
                code,
                f"Đảng ủy xã số {n}",
                "",
                "commune_party",
                "commune",
                parent,
                "01/01/1990",
                "",
                "",
                "",
                "Phông Đảng",
                "ĐU",
                f"Xã {n}",
            ]
        )
        codes.append(code)
        n += 1
    ps = wb.create_sheet(spreadsheet.PEOPLE_SHEET)
    ps.append(spreadsheet.PEOPLE_COLUMNS)
    for i in range(people):
        name = f"{SURNAMES[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 12]} {i}"
        ps.append(
            [
                name,
                codes[i % len(codes)],
                "Văn phòng" if i % 3 else "",
                "Chuyên viên",
                ROLES[i % 4],
                "Thường",
                f"u{i:05d}" if i % 2 else "",
                "01/01/2024",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=700)
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="luutru-bench-orgs-") as tmp:
        os.environ["LUUTRU_DATA"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from luutru.audit.models import Event
        from luutru.audit.services import verify
        from luutru.orgs import spreadsheet
        from luutru.orgs.models import Membership, Organization

        data = workbook(args.orgs, args.people)
        rows = []
        for label, run in (
            ("dry run (check every row)", lambda: spreadsheet.check(None, data)),
            ("import", lambda: spreadsheet.apply(None, data)),
            ("re-run of the same file (changes nothing)", lambda: spreadsheet.apply(None, data)),
            ("export", spreadsheet.export),
        ):
            t0, c0 = time.perf_counter(), time.process_time()
            result = run()
            rows.append((label, time.perf_counter() - t0, time.process_time() - c0, result))
        made = (Organization.objects.count(), Membership.objects.count())
        events, chain = Event.objects.count(), verify()
    load = os.getloadavg()[0]
    print(
        f"orgs import: {args.orgs} bodies, {args.people} people, {len(data) / 1024:.0f} KB "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs); made {made[0]} bodies, "
        f"{made[1]} roles"
    )
    print(f"{'step':<44} {'wall s':>8} {'CPU s':>8}  target")
    for label, seconds, cpu, _ in rows:
        target = "< 60 s" if label == "import" else ""
        ok = (" ok" if seconds < 60 else " OVER") if target else ""
        print(f"{label:<44} {seconds:>8.1f} {cpu:>8.1f}  {target}{ok}")
    print(f"audit events {events}, chain verified: {chain.ok} ({chain.checked} checked)")


if __name__ == "__main__":
    main()
