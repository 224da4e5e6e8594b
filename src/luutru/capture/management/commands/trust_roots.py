"""``luutru trust_roots add FILE…``, ``luutru trust_roots list``,
``luutru trust_roots remove SHA256``: the CA roots signed e-documents are checked against.

Loaded by hand from certificate files (PEM or DER) the administrator obtained
from the certification authority; nothing is fetched from the network."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from luutru.capture.models import TrustedRoot
from luutru.capture.trust import add_root, remove_root
from luutru.core.errors import RuleViolation

ACTOR = "dòng lệnh"


class Command(BaseCommand):
    help = "Quản lý CA gốc tin cậy dùng để kiểm tra chữ ký số của văn bản điện tử."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="add|list|remove")
        add = sub.add_parser("add", help="Nạp chứng thư CA gốc từ tệp PEM hoặc DER.")
        add.add_argument("files", nargs="+")
        sub.add_parser("list", help="Liệt kê CA gốc đang tin cậy.")
        remove = sub.add_parser(
            "remove", help="Thôi tin cậy một CA gốc (theo dấu vân tay SHA-256)."
        )
        remove.add_argument("sha256")

    def handle(self, *args, subcommand: str, **options):
        try:
            getattr(self, f"do_{subcommand}")(**options)
        except RuleViolation as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def do_add(self, files: list[str], **_):
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"Không đọc được tệp “{name}”: {exc.strerror}.") from None
            root, created = add_root(ACTOR, data)
            said = "Đã nạp" if created else "Đã có sẵn"
            self.stdout.write(f"{said} CA gốc “{root.name}” (SHA-256 {root.sha256}).")

    def do_list(self, **_):
        roots = TrustedRoot.objects.filter(active=True)
        if not roots:
            self.stdout.write(
                "Chưa nạp CA gốc nào: mọi chữ ký số sẽ được ghi là “chưa được tin cậy”."
            )
        for r in roots:
            until = f"hết hạn {timezone.localtime(r.not_after):%d/%m/%Y}" if r.not_after else ""
            self.stdout.write(f"{r.sha256}  {r.name}  {until}".rstrip())

    def do_remove(self, sha256: str, **_):
        root = remove_root(ACTOR, sha256)
        self.stdout.write(f"Đã thôi tin cậy CA gốc “{root.name}”.")
