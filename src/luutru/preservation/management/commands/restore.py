"""``luutru restore DEST [--snapshot NAME]``: bring a backup back onto an empty
installation (database, blobs, secret key), then rebuild the search index.
The restored audit chain is the backed-up one, unchanged: the restore is logged
in ``restores.jsonl`` in the data folder, not as an event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luutru.preservation.backup import BackupError, restore_backup
from luutru.search.services import reindex


class Command(BaseCommand):
    help = (
        "Khôi phục từ bản sao lưu vào một cài đặt trống (thư mục dữ liệu và cơ sở dữ liệu chưa có "
        "gì), rồi dựng lại chỉ mục tìm kiếm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", metavar="NƠI_SAO_LƯU")
        parser.add_argument("--snapshot", default="", help="tên bản sao lưu (mặc định: mới nhất)")

    def _say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def handle(self, *args: Any, dest: str, snapshot: str = "", **options: Any) -> None:
        try:
            restored = restore_backup(dest, snapshot or None, say=self._say)
        except BackupError as e:
            self.stderr.write(str(e))
            raise SystemExit(1) from None
        self.stdout.write(
            f"Đã khôi phục bản sao lưu {restored.name}: cơ sở dữ liệu ({restored.engine}) và "
            f"{restored.blobs} tệp lưu trữ ({restored.bytes} byte)."
        )
        if restored.counts_differ:
            self.stderr.write("Số dòng khác với bản kê khai:")
            for line in restored.counts_differ:
                self.stderr.write(f"  {line}")
            raise SystemExit(1)
        self.stdout.write(
            "Số dòng của mọi bảng khớp với bản kê khai. Đang dựng lại chỉ mục tìm kiếm…"
        )
        # The index is derived and was not copied: rebuild it from the restored
        # records, with no audit event (the chain stays the one backed up; the
        # restore itself is in the data folder's restores.jsonl).
        run = reindex(restart=True, audit=False)
        self.stdout.write(f"Đã dựng lại chỉ mục: {run.indexed} bản ghi.")
        self.stdout.write(
            "Xong. Hãy chạy “luutru fixity” và “luutru audit verify” để xác nhận, "
            "rồi khởi động lại máy chủ (luutru serve)."
        )
