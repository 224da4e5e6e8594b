"""``luutru demo``: load the demo province into an empty database."""

from django.core.management.base import BaseCommand

from luutru.capture.pipeline import extract_document_text
from luutru.demo import people
from luutru.demo.scenario import build_demo
from luutru.demo.tree import (
    COMMUNE_COUNT,
    DISTRICT_COUNT,
    GRASSROOTS_CELLS,
    GRASSROOTS_COMMITTEES,
    GRASSROOTS_COUNT,
    SOCIO_POLITICAL_COUNT,
)
from luutru.orgs.models import Organization
from luutru.registry.models import Document
from luutru.search.services import refresh_index

DESCRIPTION = (
    f"Nạp tỉnh mẫu (dữ liệu giả định, cố định, sinh từ hạt giống 2025): Tỉnh ủy với các cơ quan "
    f"tham mưu, {DISTRICT_COUNT} đảng bộ cấp huyện, {COMMUNE_COUNT} đảng bộ xã, phường, thị trấn, "
    f"{GRASSROOTS_COUNT} tổ chức cơ sở đảng và {SOCIO_POLITICAL_COUNT} tổ chức chính trị - xã hội cấp "
    "tỉnh; việc kết thúc hoạt động cấp huyện ngày 30/6/2025; tài khoản mọi vai trò; danh mục hồ sơ "
    "2024–2026; hồ sơ ở mọi trạng thái; văn bản PDF; nộp lưu. Lưu ý: báo cáo gốc ghi 508 tổ chức cơ "
    "sở đảng gồm 256 đảng bộ cơ sở và 352 chi bộ cơ sở (cộng lại là 608, mâu thuẫn); tỉnh mẫu giữ "
    f"tổng số {GRASSROOTS_COUNT} và {GRASSROOTS_COMMITTEES} đảng bộ cơ sở, nên có {GRASSROOTS_CELLS} "
    "chi bộ cơ sở. Chỉ nạp vào cơ sở dữ liệu chưa có cơ quan, tổ chức nào."
)


class Command(BaseCommand):
    help = DESCRIPTION

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Chỉ in danh sách tài khoản dùng thử và mật khẩu; không thay đổi dữ liệu.",
        )
        parser.add_argument(
            "--small",
            action="store_true",
            help="Giữ nguyên cây tổ chức và mọi trạng thái hồ sơ nhưng ít văn bản hơn (dùng cho kiểm thử).",
        )

    def handle(self, *args, accounts=False, small=False, **options):
        if accounts:
            self.stdout.write(people.accounts_table())
            return
        existing = Organization.objects.count()
        if existing:
            self.stdout.write(
                f"Cơ sở dữ liệu đã có {existing} cơ quan, tổ chức: không nạp tỉnh mẫu để tránh trộn lẫn "
                "với dữ liệu đang có. Muốn xem tỉnh mẫu, hãy dùng một thư mục dữ liệu mới "
                "(biến môi trường LUUTRU_DATA) rồi chạy lại “luutru migrate” và “luutru demo”."
            )
            return
        self.stdout.write("Đang nạp tỉnh mẫu" + (" (bản rút gọn)" if small else "") + "…")
        result = build_demo(small=small, progress=self.stdout.write)
        self._make_searchable()
        self.stdout.write(
            f"Đã nạp tỉnh mẫu trong {result['seconds']} giây (CPU {result['cpu_seconds']} giây): "
            f"{result['documents']} văn bản PDF "
            f"(tạo PDF mất {result['pdf_seconds']} giây)."
        )
        for warning in result["warnings"]:
            self.stdout.write(f"Cảnh báo của hệ thống khi nhập văn bản mẫu: {warning}")
        self.stdout.write(
            "Xem số liệu: luutru stats. Xem tài khoản dùng thử: luutru demo --accounts."
        )

    def _make_searchable(self) -> None:
        """Text of the demo's PDFs, then the search index: found at once by content too."""
        ids = list(Document.objects.filter(blob__isnull=False).values_list("pk", flat=True))
        for pk in ids:
            extract_document_text(pk, inline_ocr=False)
        refresh_index()
        self.stdout.write(f"Đã trích nội dung và lập chỉ mục tìm kiếm cho {len(ids)} văn bản.")
