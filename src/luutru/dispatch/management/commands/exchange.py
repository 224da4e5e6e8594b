"""``luutru exchange import FILE --org CODE``: register an exchange package made by
another luutru installation (or any system writing the documented format,
``dispatch/schemas/exchange-package.schema.json``) in a body's incoming series.
``luutru exchange export ID [--out FILE]``: write the package of an issued
outgoing document, for a body outside this installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.dispatch.models import Outgoing
from luutru.dispatch.network import export_package, import_package
from luutru.orgs.models import Organization

ACTOR = "dòng lệnh"


class Command(BaseCommand):
    help = (
        "Trao đổi văn bản với cơ quan ngoài hệ thống bằng gói trao đổi (ZIP: PDF và tệp thông tin)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="import|export")
        load = sub.add_parser("import", help="Vào sổ văn bản đến một gói trao đổi.")
        load.add_argument("file")
        load.add_argument("--org", required=True, help="Mã cơ quan nhận (ví dụ VPTU).")
        save = sub.add_parser("export", help="Ghi gói trao đổi của một văn bản đi đã phát hành.")
        save.add_argument("id", type=int, help="Mã văn bản đi (số trong địa chỉ /van-ban-di/…/).")
        save.add_argument(
            "--out", default="", help="Tệp ZIP ghi ra (mặc định: tên gói trong thư mục hiện tại)."
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            getattr(self, f"do_{subcommand}")(**options)
        except RuleViolation as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def do_import(self, file: str, org: str, **_: Any) -> None:
        body = Organization.objects.filter(code=org).first()
        if body is None:
            raise CommandError(f"Không có cơ quan mã “{org}” trong hệ thống.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{file}”: {exc.strerror}.") from None
        arrival = import_package(None, body, data)
        doc = arrival.document
        at = timezone.localtime(arrival.received_at)
        self.stdout.write(
            f"Đã vào sổ đến của {body.name}: số đến {arrival.number_display}, {at:%H:%M %d/%m/%Y}; "
            f"văn bản {doc.symbol_display} của {doc.organ_name}: {doc.subject} (mã văn bản {doc.pk})."
        )

    def do_export(self, id: int, out: str, **_: Any) -> None:
        o = Outgoing.objects.select_related("org", "document").filter(pk=id).first()
        if o is None:
            raise CommandError(f"Không có văn bản đi mã {id}.")
        name, data = export_package(ACTOR, o)
        path = Path(out or name)
        path.write_bytes(data)
        self.stdout.write(f"Đã ghi gói trao đổi {path} ({len(data)} byte).")
