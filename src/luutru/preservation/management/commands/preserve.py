"""``luutru preserve``: what the worker does on its schedule, run now in this
process (identification and PDF/A copies of accepted documents; with
``--fixity`` one whole fixity pass, chunk by chunk); ``--schedule`` only queues
the worker's tasks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luutru.preservation import services
from luutru.preservation.tasks import schedule_preservation


class Command(BaseCommand):
    help = (
        "Bảo quản tài liệu đã nộp lưu: định danh định dạng (PRONOM) và tạo bản PDF/A "
        "(hoặc ghi nhận giữ nguyên bản gốc); --fixity chạy một lần kiểm tra tính toàn vẹn; "
        "--schedule đặt lịch cho tiến trình nền."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="chỉ đặt lịch cho tiến trình nền"
        )
        parser.add_argument(
            "--fixity", action="store_true", help="chạy hết một lần kiểm tra tính toàn vẹn"
        )
        parser.add_argument(
            "--chunk", type=int, default=services.FIXITY_CHUNK_BLOBS, help="số tệp mỗi phần"
        )

    def handle(
        self,
        *args: Any,
        schedule: bool = False,
        fixity: bool = False,
        chunk: int = 0,
        **options: Any,
    ) -> None:
        if schedule:
            schedule_preservation()
            self.stdout.write("Đã đặt lịch bảo quản và kiểm tra tính toàn vẹn cho tiến trình nền.")
            return
        if fixity:
            while True:
                part = services.fixity_chunk(max_blobs=max(chunk, 1))
                if part.finished:
                    break
            run = part.run
            self.stdout.write(
                f"Đã kiểm tra {run.checked} tệp ({run.checked_bytes} byte) trong "
                f"{run.seconds:.1f} giây: {run.ok} nguyên vẹn, {run.failed} lỗi."
            )
            if run.failed:
                raise SystemExit(1)
            return
        total, last = 0, 0
        while True:
            done, more, last = services.preserve_pending(after=last)
            total += done
            if not more:
                break
        self.stdout.write(
            f"Đã xử lý {total} tài liệu; còn chờ {services.pending_documents().count()}."
        )
