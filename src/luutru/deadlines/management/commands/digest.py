"""luutru digest [--date YYYY-MM-DD] [--dry-run] [--email]: the daily deadlines digest (cron)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from luutru.deadlines.services import run_digest, send_digest_mail, summary_text


class Command(BaseCommand):
    help = (
        "Tạo thông báo cho việc đến hạn hoặc sắp đến hạn (nộp lưu, giữ lại, danh mục hồ sơ, "
        "khắc phục sau kiểm tra) và in bản tổng hợp cho từng người. Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ in, không tạo thông báo, không gửi thư"
        )
        parser.add_argument(
            "--email",
            action="store_true",
            help="gửi bản tổng hợp qua thư điện tử (EMAIL_BACKEND của Django) cho người có địa chỉ",
        )
        parser.add_argument("--quiet", action="store_true", help="chỉ in dòng tổng kết")

    def handle(self, *args, **opts):
        day = None
        if opts["date"]:
            try:
                day = dt.date.fromisoformat(opts["date"])
            except ValueError:
                raise CommandError(
                    f"Ngày “{opts['date']}” không đúng dạng YYYY-MM-DD (ví dụ 2026-02-04)."
                ) from None
        digest = run_digest(day, dry_run=opts["dry_run"])
        if not opts["quiet"]:
            for user, items in sorted(digest.per_user.items(), key=lambda p: p[0].get_username()):
                self.stdout.write(f"===== {user.get_username()} =====")
                self.stdout.write(summary_text(user, items, digest.day, digest.new_keys))
                self.stdout.write("")
        sent = 0
        if opts["email"] and not opts["dry_run"]:
            try:
                sent = send_digest_mail(digest)
            except OSError as exc:
                # The notifications are stored already; only the mail failed.
                raise CommandError(
                    f"Đã tạo {digest.created} thông báo nhưng không gửi được thư điện tử ({exc}). "
                    "Kiểm tra cấu hình EMAIL_BACKEND / EMAIL_HOST, rồi chạy lại lệnh: "
                    "thông báo không bị tạo trùng."
                ) from None
        verb = "sẽ tạo" if opts["dry_run"] else "đã tạo"
        self.stdout.write(
            f"Ngày {digest.day:%d/%m/%Y}: {len(digest.per_user)} người có việc đến hạn; "
            f"{verb} {digest.created} thông báo mới; {digest.resolved} thông báo đã xong"
            + (f"; đã gửi {sent} thư" if opts["email"] and not opts["dry_run"] else "")
            + (" (chạy thử, không ghi gì)." if opts["dry_run"] else ".")
        )
