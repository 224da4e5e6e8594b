"""``luutru audit verify`` checks the hash chain; ``luutru audit tail -n 20``
shows the latest events."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from luutru.audit.models import Event
from luutru.audit.services import Verification, verify


def describe_break(result: Verification) -> str:
    """The Vietnamese sentence naming where the chain breaks."""
    event = (
        Event.objects.filter(seq=result.broken_seq).first()
        if result.broken_seq is not None
        else None
    )
    if event is not None:
        where = f"{event.action}, {event.object_type}:{event.object_id}"
    else:
        where = "sự kiện này không còn trong cơ sở dữ liệu"
    return f"Chuỗi nhật ký bị phá vỡ tại sự kiện số {result.broken_seq} ({where}): {result.reason}"


class Command(BaseCommand):
    help = (
        "Nhật ký hệ thống: kiểm tra tính nguyên vẹn (verify) hoặc xem các sự kiện mới nhất (tail)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="verify|tail")
        sub.add_parser("verify", help="Tính lại toàn bộ chuỗi băm và báo chỗ bị phá vỡ.")
        tail = sub.add_parser("tail", help="In các sự kiện mới nhất.")
        tail.add_argument(
            "-n", type=int, default=20, dest="count", help="Số sự kiện (mặc định 20)."
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "verify":
            self.verify()
        else:
            self.tail(options["count"])

    def verify(self) -> None:
        result = verify()
        if result.ok:
            self.stdout.write(f"Chuỗi nhật ký nguyên vẹn: {result.checked} sự kiện")
            return
        self.stderr.write(describe_break(result))
        self.stderr.write(
            f"Đã kiểm tra đúng {result.checked} sự kiện đầu tiên. "
            "Hãy báo ngay cho quản trị hệ thống và giữ nguyên cơ sở dữ liệu để điều tra."
        )
        raise SystemExit(1)

    def tail(self, count: int) -> None:
        events = list(Event.objects.order_by("-seq")[: max(count, 0)])
        if not events:
            self.stdout.write("Nhật ký chưa có sự kiện nào.")
            return
        for e in reversed(events):
            at = timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S")
            self.stdout.write(
                f"#{e.seq}  {at}  {e.actor_name or 'hệ thống'}  {e.action}  {e.object_type}:{e.object_id}"
            )
