"""``luutru compliance_facts [--rebuild]``: bring the derived compliance facts up to date now."""

import time

from django.core.management.base import BaseCommand

from luutru.compliance.models import DossierFacts, OrgYearFacts
from luutru.compliance.refresh import rebuild_all, refresh_facts


class Command(BaseCommand):
    help = (
        "Cập nhật ngay số liệu dẫn xuất của trang tuân thủ cho các cơ quan có hồ sơ, văn bản "
        "thay đổi (việc tiến trình nền vẫn tự làm sau mỗi thay đổi). --rebuild: tính lại toàn bộ "
        "từ hồ sơ, văn bản (sau khi nạp dữ liệu hàng loạt không qua nghiệp vụ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Tính lại toàn bộ.")

    def handle(self, *args, rebuild: bool = False, **options):
        started = time.perf_counter()
        done = rebuild_all() if rebuild else refresh_facts()
        scope = "mọi cơ quan" if done.bodies is None else f"{done.bodies} cơ quan"
        self.stdout.write(
            f"Số liệu tuân thủ đã cập nhật ({scope}; phiên bản {done.token[:12]}): "
            f"{DossierFacts.objects.count()} hồ sơ, {OrgYearFacts.objects.count()} dòng "
            f"cơ quan × năm, trong {time.perf_counter() - started:.1f} giây."
        )
