"""``luutru import PATH --org CODE [--report FILE.jsonl]``: bring a folder or a ZIP
bundle in, with progress; the report has one JSON object per file (``capture.report``).

Rerunning the same command after an interruption (Ctrl+C, ``kill -9``, power
cut) finishes the same batch: files already in are not taken twice, and no
document is created twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luutru.capture import bundle, services
from luutru.capture import report as import_report
from luutru.capture.management.commands._common import bar, org_by_code
from luutru.capture.models import ItemState, Source
from luutru.capture.runner import default_jobs, run_batch
from luutru.core.errors import RuleViolation


class Command(BaseCommand):
    help = "Nhập hàng loạt một thư mục hoặc một tệp ZIP tài liệu vào phông của một cơ quan"

    def add_arguments(self, parser):
        parser.add_argument("path", help="thư mục hoặc tệp .zip")
        parser.add_argument("--org", required=True, help="mã cơ quan (ví dụ VPTU)")
        parser.add_argument(
            "--direction", default="internal", choices=["internal", "incoming", "outgoing"]
        )
        parser.add_argument(
            "--jobs", type=int, default=default_jobs(), help="số tiến trình (mặc định: số lõi)"
        )
        parser.add_argument(
            "--report",
            metavar="FILE.jsonl",
            help="ghi báo cáo: mỗi tệp một dòng JSON (đọc được gì, độ tin cậy, trạng thái)",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="chỉ lưu tệp và giao phần còn lại cho `luutru worker`",
        )

    def handle(self, path, org, direction, jobs, background, report=None, **options):
        source = Path(path).expanduser().resolve()
        if not source.exists():
            raise CommandError(f"Không tìm thấy “{path}”.")
        report_path = Path(report).expanduser() if report else None
        if report_path is not None and not report_path.parent.is_dir():
            raise CommandError(f"Không có thư mục “{report_path.parent}” để ghi báo cáo.")
        if report_path is not None and background:
            raise CommandError(
                "--report cần chờ xử lý xong: bỏ --background, hoặc chạy lại lệnh sau khi "
                "`luutru worker` làm xong để lấy báo cáo."
            )
        organization = org_by_code(org)
        key = f"import:{source}"
        batch = services.find_unfinished(organization, key)
        resumed = batch is not None
        try:
            if batch is None:
                batch = services.start_batch(
                    None,
                    organization,
                    source=Source.IMPORT,
                    label=source.name,
                    direction=direction,
                    key=key,
                )
        except RuleViolation as exc:
            raise CommandError(" ".join(exc.messages)) from None
        say = self.stdout.write
        say(
            ("Tiếp tục" if resumed else "Bắt đầu")
            + f" đợt nhập {batch.pk} “{source.name}” vào {organization.name}"
        )

        notes: list[str] = []
        if not batch.sealed:
            try:
                if source.is_dir():
                    total = bundle.count_folder(source)
                    files = bundle.from_folder(source)
                else:
                    with bundle.open_zip(source) as zf:
                        total = sum(1 for i in zf.infolist() if not i.is_dir())
                    files = bundle.from_zip(source)

                seen = {"n": 0}

                def stored(item):
                    seen["n"] += 1
                    if seen["n"] % 50 == 0 or seen["n"] == total:
                        say(f"  lưu và nhận dạng tệp: {seen['n']}/{total}")

                services.add_files(batch, files, progress=stored)
            except RuleViolation as exc:
                notes.extend(exc.messages)
                for m in exc.messages:
                    self.stderr.write(m)
            services.seal(batch, notes)

        if background:
            n = services.enqueue(batch)
            say(f"Đã giao {n} tệp cho tiến trình nền (`luutru worker`).")
            return

        last = {"line": ""}

        def show(counts):
            line = bar(counts)
            if line != last["line"]:
                say(line)
                sys.stdout.flush()
                last["line"] = line

        counts = run_batch(batch, jobs=max(1, jobs), progress=show)
        say(
            f"Xong đợt nhập {batch.pk}: {counts['done']} văn bản vào sổ, "
            f"{counts['review']} cần xem lại, {counts['duplicate']} trùng, "
            f"{counts['failed']} không nhận."
        )
        for item in batch.items.filter(state__in=[ItemState.FAILED, ItemState.REVIEW]).order_by(
            "state", "name"
        )[:200]:
            say(f"  [{item.get_state_display()}] {item.name}: {item.reason}")
        if counts["review"]:
            say("Mở trang “Nhập tài liệu” để xem lại và xác nhận các tệp cần xem lại.")
        if report_path is not None:
            with report_path.open("w", encoding="utf-8") as out:
                n = import_report.write_jsonl(batch.items.all(), out)
            say(f"Đã ghi báo cáo {n} tệp vào {report_path}.")
