"""``luutru practice MÃ``: make (or give a new class) a province's practice body."""

from django.core.management.base import BaseCommand, CommandError

from luutru.core.errors import RuleViolation
from luutru.demo.practice import build_practice
from luutru.orgs.models import Organization


class Command(BaseCommand):
    help = (
        "Tạo cơ quan thực hành của một tỉnh (nếu chưa có) và thêm một bộ hồ sơ, văn bản mẫu "
        "cho cán bộ mới thực hành cả quy trình. Cơ quan thực hành không tính vào số liệu nào "
        "(tuân thủ, thống kê, bảng điều khiển, mục lục, thu thập OAI-PMH)."
    )

    def add_arguments(self, parser):
        parser.add_argument("province", help="Mã cơ quan cấp tỉnh (ví dụ TU).")

    def handle(self, *args, province, **options):
        org = Organization.objects.filter(code=province, practice=False).first()
        if org is None:
            raise CommandError(f"Không có cơ quan mã “{province}”.")
        try:
            done = build_practice(org)
        except RuleViolation as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            ("Đã tạo" if done.created else "Đã có")
            + f" “{done.org.name}” (mã {done.org.code}); thêm hồ sơ “{done.dossier.title}” và "
            f"{done.documents} văn bản mẫu. Người hướng dẫn: tài khoản "
            f"“{done.trainer.user and done.trainer.user.username}” (quản trị viên đặt mật khẩu). Giao vai trò cho "
            "học viên ở trang của cơ quan thực hành."
        )
