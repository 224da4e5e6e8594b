"""``luutru fixity``: re-hash every stored blob and report changed or missing bytes;
report (and with ``--clean`` remove) orphans and leftovers of killed writers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luutru.storage.services import (
    GRACE,
    blob_users,
    check_fixity,
    clean_orphans,
    find_orphans,
)


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn: tính lại mã SHA-256 của mọi tệp và báo tệp bị thay đổi hoặc bị mất."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--clean",
            action="store_true",
            help="dọn tệp không có bản ghi, bản ghi không còn được dùng và tệp tạm bỏ dở",
        )
        parser.add_argument(
            "--grace",
            type=float,
            default=GRACE.total_seconds() / 60,
            help="chỉ tính những thứ cũ hơn bấy nhiêu phút (mặc định 60): "
            "tệp mới hơn có thể đang được ghi",
        )

    def handle(
        self, *args: Any, clean: bool = False, grace: float | None = None, **options: Any
    ) -> None:
        age = GRACE if grace is None else dt.timedelta(minutes=max(grace, 0))
        report = check_fixity()
        self.stdout.write(
            f"Đã kiểm tra {report.checked} tệp: {report.ok} nguyên vẹn, "
            f"{len(report.mismatched)} bị thay đổi, {len(report.missing)} bị mất."
        )
        self._orphans(clean, age)
        if report.healthy:
            self.stdout.write("Mọi tệp đều nguyên vẹn.")
            return
        for title, shas in (
            ("Tệp bị thay đổi nội dung (mã băm không khớp)", report.mismatched),
            ("Tệp bị mất (không tìm thấy trong kho lưu trữ)", report.missing),
        ):
            if not shas:
                continue
            self.stderr.write(f"{title}:")
            for sha in shas:
                self.stderr.write(f"  {sha}")
                users = blob_users(sha)
                self.stderr.write(
                    "\n".join(f"      {line}" for line in users)
                    if users
                    else "      (không văn bản nào dùng tệp này)"
                )
        self.stderr.write("Hãy khôi phục các tệp trên từ bản sao lưu rồi chạy lại “luutru fixity”.")
        raise SystemExit(1)

    def _orphans(self, clean: bool, grace: dt.timedelta) -> None:
        say = self.stdout.write
        minutes = f"{grace.total_seconds() / 60:g}"
        if clean:
            done = clean_orphans("hệ thống", grace)
            say(
                f"Đã dọn: {len(done.files)} tệp không có bản ghi, {len(done.rows)} bản ghi "
                f"không còn được dùng, {len(done.leftovers)} tệp tạm bỏ dở "
                f"(cũ hơn {minutes} phút; không tệp nào đang được dùng bị xóa)."
            )
        found = find_orphans(grace)
        say(
            f"Tệp thừa (cũ hơn {minutes} phút): {len(found.files)} tệp không có bản ghi, "
            f"{len(found.rows)} bản ghi không còn được dùng, {len(found.leftovers)} tệp tạm bỏ dở."
        )
        for title, names in (
            ("Tệp không có bản ghi nào (thường do tiến trình bị dừng khi đang ghi)", found.files),
            ("Bản ghi tệp không còn văn bản hay tài liệu nào dùng", found.rows),
            ("Tệp tạm bỏ dở trong blobs/tmp", found.leftovers),
        ):
            if names:
                say(f"{title}:")
                for name in names[:50]:
                    say(f"  {name}")
                if len(names) > 50:
                    say(f"  … và {len(names) - 50} mục nữa")
        if not found.empty:
            say("Chạy “luutru fixity --clean” để dọn (chỉ dọn những gì không được dùng).")
