"""``luutru compliance_facts [--rebuild]``: bring the derived compliance facts up to date."""

import time

from django.core.management.base import BaseCommand

from luutru.compliance.facts import ensure_current, rebuild_all
from luutru.compliance.models import DossierFacts, OrgYearFacts


class Command(BaseCommand):
    help = (
        "Cập nhật số liệu dẫn xuất của trang tuân thủ theo nhật ký thay đổi (tự chạy khi xem số "
        "liệu). --rebuild: tính lại toàn bộ từ hồ sơ, văn bản (sau khi nạp dữ liệu hàng loạt "
        "không qua nghiệp vụ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Tính lại toàn bộ.")

    def handle(self, *args, rebuild: bool = False, **options):
        started = time.perf_counter()
        version = rebuild_all() if rebuild else ensure_current()
        self.stdout.write(
            f"Số liệu tuân thủ đã cập nhật (phiên bản {version}): "
            f"{DossierFacts.objects.count()} hồ sơ, {OrgYearFacts.objects.count()} dòng "
            f"cơ quan × năm, trong {time.perf_counter() - started:.1f} giây."
        )
