"""``luutru orgs import FILE.xlsx [--dry-run]`` and ``luutru orgs export FILE.xlsx``:
the bodies and people of a province from and to a spreadsheet (``orgs/spreadsheet.py``).

The dry run names every row's problem and changes nothing; an import with any
problem changes nothing either; re-running the same file changes nothing."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luutru.core.errors import RuleViolation
from luutru.orgs import spreadsheet


class Command(BaseCommand):
    help = "Nhập, xuất danh sách cơ quan, tổ chức và người dùng bằng tệp Excel."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="import|export")
        imp = sub.add_parser("import", help="Nhập cơ quan và người từ tệp .xlsx theo mẫu.")
        imp.add_argument("file")
        imp.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, liệt kê lỗi từng dòng."
        )
        exp = sub.add_parser("export", help="Xuất cơ quan và người ra tệp .xlsx (cùng mẫu).")
        exp.add_argument("file")

    def handle(self, *args, subcommand: str, **options):
        try:
            getattr(self, f"do_{subcommand}")(**options)
        except RuleViolation as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def do_import(self, file: str, dry_run: bool, **_):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{file}”: {exc.strerror}.") from None
        started = time.perf_counter()
        plan = (spreadsheet.check if dry_run else spreadsheet.apply)(None, data)
        for problem in plan.problems:
            self.stdout.write(str(problem))
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} thêm {len(plan.orgs_new)} cơ quan, sửa {len(plan.orgs_changed)}, "
            f"giữ nguyên {plan.orgs_same}; thêm {len(plan.people_new)} người, "
            f"giữ nguyên {plan.people_same} ({time.perf_counter() - started:.1f} giây)."
        )
        if plan.problems:
            raise CommandError(
                f"Tệp có {len(plan.problems)} lỗi (liệt kê ở trên): chưa nhập gì. "
                "Sửa tệp rồi chạy lại."
            )

    def do_export(self, file: str, **_):
        Path(file).write_bytes(spreadsheet.export())
        self.stdout.write(f"Đã xuất ra “{file}”.")
