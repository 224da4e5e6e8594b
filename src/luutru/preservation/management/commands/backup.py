"""``luutru backup DEST``: a consistent snapshot (database + blobs) to a second
location; ``luutru backup verify DEST [--snapshot NAME]``: re-hash what its manifest lists."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luutru.preservation.backup import BackupError, create_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Sao lưu: “luutru backup NƠI_SAO_LƯU” chép cơ sở dữ liệu và các tệp lưu trữ (chỉ tệp mới) "
        "sang nơi khác; “luutru backup verify NƠI_SAO_LƯU” kiểm tra lại bản sao lưu mới nhất."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "words",
            nargs="+",
            metavar="[verify] NƠI_SAO_LƯU",
            help="thư mục sao lưu (một ổ đĩa khác, một thư mục chia sẻ đã gắn vào máy)",
        )
        parser.add_argument(
            "--snapshot", default="", help="với verify: tên bản sao lưu (mặc định: mới nhất)"
        )

    def handle(self, *args: Any, words: list[str], snapshot: str = "", **options: Any) -> None:
        if len(words) == 2 and words[0] == "verify":
            self._verify(words[1], snapshot)
        elif len(words) == 1:
            self._backup(words[0])
        else:
            self.stderr.write(
                "Cách dùng: luutru backup NƠI_SAO_LƯU  hoặc  luutru backup verify NƠI_SAO_LƯU"
            )
            raise SystemExit(2)

    def _say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def _backup(self, dest: str) -> None:
        try:
            result = create_backup(dest, say=self._say)
        except BackupError as e:
            self.stderr.write(str(e))
            raise SystemExit(1) from None
        self.stdout.write(
            f"Đã sao lưu vào {result.path}: {result.files} tệp, {result.total_bytes} byte "
            f"(chép mới {result.blobs_copied} tệp lưu trữ, {result.bytes_copied} byte; "
            f"{result.blobs_present} tệp đã có sẵn ở nơi sao lưu)."
        )
        for title, shas in (
            ("Tệp bị mất ở kho chính, không có trong bản sao lưu", result.missing_at_source),
            ("Tệp bị thay đổi ở kho chính, không chép", result.damaged_at_source),
        ):
            if shas:
                self.stderr.write(f"{title}:")
                for sha in shas:
                    self.stderr.write(f"  {sha}")
        if not result.complete:
            self.stderr.write(
                "Bản sao lưu chưa đủ: chạy “luutru fixity” để tìm và khôi phục các tệp trên."
            )
            raise SystemExit(1)
        self.stdout.write(f"Kiểm tra lại bất cứ lúc nào: luutru backup verify {dest}")

    def _verify(self, dest: str, snapshot: str) -> None:
        try:
            report = verify_backup(dest, snapshot or None)
        except BackupError as e:
            self.stderr.write(str(e))
            raise SystemExit(1) from None
        if report.ok:
            self.stdout.write(
                f"Bản sao lưu {report.name} nguyên vẹn: {report.checked} tệp, "
                f"{report.total_bytes} byte."
            )
            return
        for title, names in (
            ("Tệp bị mất", report.missing),
            ("Tệp bị thay đổi nội dung (mã băm hoặc kích thước không khớp)", report.changed),
            ("Tệp kê khai có vấn đề", report.problems),
        ):
            if names:
                self.stderr.write(f"{title}:")
                for name in names:
                    self.stderr.write(f"  {name}")
        self.stderr.write(
            f"Bản sao lưu {report.name} KHÔNG nguyên vẹn. Hãy sao lưu lại ngay "
            "(luutru backup …) và dùng một bản sao lưu khác nếu cần khôi phục."
        )
        raise SystemExit(1)
