"""``luutru holdings import FILE --fonds CODE [--inventory N] [--dry-run]``: a paper
inventory (mục lục hồ sơ) from an XLSX or DOCX table (``holdings/importer.py``),
with the column mapping remembered for that layout, else guessed from its headers.
The dry run names every bad row and changes nothing; so does an import with any."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luutru.core.errors import RuleViolation
from luutru.holdings import importer
from luutru.orgs.models import Fonds


class Command(BaseCommand):
    help = "Nhập mục lục hồ sơ tài liệu giấy từ tệp Excel (.xlsx) hoặc Word (.docx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="import")
        imp = sub.add_parser("import", help="Nhập mục lục hồ sơ vào một phông.")
        imp.add_argument("file")
        imp.add_argument("--fonds", required=True, help="Mã phông nhận mục lục.")
        imp.add_argument(
            "--inventory", type=int, help="Mục lục số, nếu tệp không có cột mục lục số."
        )
        imp.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, liệt kê lỗi từng dòng."
        )

    def handle(self, *args, subcommand: str, **options):
        try:
            self.do_import(**options)
        except RuleViolation as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def do_import(self, file: str, fonds: str, inventory: int | None, dry_run: bool, **_):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{file}”: {exc.strerror}.") from None
        f = Fonds.objects.filter(code=fonds).first()
        if f is None:
            raise CommandError(f"Không có phông mã “{fonds}”.")
        started = time.perf_counter()
        rows = importer.read_table(data, file)
        pv = importer.preview(rows)
        if dry_run:
            plan = importer.dry_run(rows, pv, pv.mapping, f, inventory)
        else:
            try:
                plan = importer.apply(None, data, rows, pv, pv.mapping, f, inventory)
            except RuleViolation as exc:
                plan = importer.Plan(problems=list(exc.messages))
        for problem in plan.problems:
            self.stdout.write(problem)
        if plan.problems:
            raise CommandError(
                f"Tệp có {len(plan.problems)} lỗi (liệt kê ở trên): chưa nhập gì. "
                "Sửa tệp rồi chạy lại."
            )
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} thêm {plan.new} hồ sơ, sửa {plan.changed}, giữ nguyên {plan.same}; "
            f"thêm {plan.boxes_new} hộp, {plan.locations_new} vị trí "
            f"({time.perf_counter() - started:.1f} giây)."
        )
