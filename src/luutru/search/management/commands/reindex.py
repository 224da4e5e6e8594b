"""``luutru reindex``: rebuild the full-text index from the records."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand

from luutru.search import kinds, services
from luutru.search.models import ReindexRun


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm kiếm từ văn bản và hồ sơ trong cơ sở dữ liệu. Tiến độ in ra stderr; "
        "nếu lần chạy trước bị ngắt, lần này chạy tiếp từ chỗ đã dừng (dùng --restart để làm lại từ đầu)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--restart", action="store_true", help="Bỏ lần chạy dở, dựng lại từ đầu."
        )
        parser.add_argument(
            "--chunk", type=int, default=500, help="Số bản ghi đọc mỗi lần (mặc định 500)."
        )
        parser.add_argument(
            "--commit-every",
            type=int,
            default=20_000,
            help="Ghi chỉ mục sau mỗi bấy nhiêu bản ghi (mặc định 20000).",
        )

    def handle(self, *args, restart=False, chunk=500, commit_every=20_000, **options):
        unfinished = ReindexRun.objects.filter(finished_at__isnull=True).first()
        if unfinished and not restart:
            self.stderr.write(
                f"Chạy tiếp lần dựng chỉ mục bắt đầu {unfinished.started_at:%d/%m/%Y %H:%M} "
                f"(đã xong {unfinished.indexed} bản ghi, đến {_label(unfinished.kind)} số {unfinished.last_id})."
            )
        started = time.monotonic()
        last = [0.0]

        def progress(kind: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 1 or done >= total:
                last[0] = now
                end = "\n" if done >= total else ""
                self.stderr.write(f"\r  {_label(kind)}: {done}/{total}", ending=end)
                sys.stderr.flush()

        run = services.reindex(
            restart=restart, chunk_size=chunk, commit_every=commit_every, progress=progress
        )
        elapsed = time.monotonic() - started
        self.stdout.write(f"Đã dựng lại chỉ mục: {run.indexed} bản ghi trong {elapsed:.1f} giây.")


def _label(kind: str) -> str:
    return kinds.get(kind).label.lower() if kind in kinds.names() else kind
