"""``luutru fixity``: re-hash every stored blob and report changed or missing bytes."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from luutru.storage.services import check_fixity


def documents_using(sha256: str) -> list[str]:
    """Lines naming the documents whose file is this blob (so the archivist knows what to restore)."""
    from luutru.registry.models import Document

    docs = Document.objects.filter(blob_id=sha256).select_related("org").order_by("org__name", "id")
    lines = []
    for d in docs:
        parts = [f"văn bản #{d.pk}", d.symbol_display, f"“{d.subject[:80]}”", f"– {d.org.name}"]
        lines.append("      " + " ".join(p for p in parts if p))
    return lines


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn: tính lại mã SHA-256 của mọi tệp và báo tệp bị thay đổi hoặc bị mất."

    def handle(self, *args, **options):
        report = check_fixity()
        self.stdout.write(
            f"Đã kiểm tra {report.checked} tệp: {report.ok} nguyên vẹn, "
            f"{len(report.mismatched)} bị thay đổi, {len(report.missing)} bị mất."
        )
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
                users = documents_using(sha)
                self.stderr.write(
                    "\n".join(users) if users else "      (không văn bản nào dùng tệp này)"
                )
        self.stderr.write("Hãy khôi phục các tệp trên từ bản sao lưu rồi chạy lại “luutru fixity”.")
        raise SystemExit(1)
