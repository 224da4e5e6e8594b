"""``luutru token create USERNAME [--name N]``, ``luutru token revoke …``,
``luutru token list [USERNAME]``: API tokens for the JSON API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from luutru.access.models import ApiToken
from luutru.access.services import create_api_token, revoke_api_tokens
from luutru.core.errors import RuleViolation

ACTOR = "dòng lệnh"


def _user(username: str) -> User:
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không có tài khoản “{username}”.") from None


class Command(BaseCommand):
    help = "Quản lý token truy cập API (cấp mới, thu hồi, liệt kê)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="create|revoke|list")
        create = sub.add_parser(
            "create", help="Cấp token mới cho một tài khoản (chỉ in ra một lần)."
        )
        create.add_argument("username")
        create.add_argument("--name", default="api", help="Tên gợi nhớ của token (mặc định: api).")
        revoke = sub.add_parser(
            "revoke", help="Thu hồi token theo khóa, hoặc mọi token của một tài khoản."
        )
        revoke.add_argument("username", nargs="?")
        revoke.add_argument("--name", help="Chỉ thu hồi token có tên này.")
        revoke.add_argument("--key", help="Thu hồi đúng token có khóa này.")
        listing = sub.add_parser("list", help="Liệt kê token (không in khóa).")
        listing.add_argument("username", nargs="?")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            getattr(self, f"do_{subcommand}")(**options)
        except RuleViolation as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def do_create(self, username: str, name: str, **_: Any) -> None:
        key = create_api_token(ACTOR, _user(username), name)
        self.stdout.write(key)
        self.stderr.write(
            f"Đã cấp token “{name}” cho “{username}”. Khóa trên chỉ hiện một lần: hãy lưu lại ngay. "
            "Gửi kèm mỗi yêu cầu: Authorization: Bearer <khóa>."
        )

    def do_revoke(self, username: str | None, name: str | None, key: str | None, **_: Any) -> None:
        if not username and not key:
            raise CommandError("Hãy ghi tên tài khoản, hoặc --key <khóa> của token cần thu hồi.")
        user = _user(username) if username else None
        count = revoke_api_tokens(ACTOR, user=user, name=name, key=key)
        if count == 0:
            raise CommandError("Không tìm thấy token nào còn hiệu lực khớp với yêu cầu.")
        self.stdout.write(f"Đã thu hồi {count} token.")

    def do_list(self, username: str | None, **_: Any) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if username:
            tokens = tokens.filter(user=_user(username))
        if not tokens:
            self.stdout.write("Chưa có token nào.")
        for t in tokens:
            state = (
                f"đã thu hồi {timezone.localtime(t.revoked_at):%d/%m/%Y}"
                if t.revoked_at
                else "còn hiệu lực"
            )
            used = (
                f"dùng lần cuối {timezone.localtime(t.last_used_at):%d/%m/%Y %H:%M}"
                if t.last_used_at
                else "chưa dùng"
            )
            self.stdout.write(
                f"#{t.pk}  {t.user.username}  {t.name}  cấp {timezone.localtime(t.created_at):%d/%m/%Y}  {state}  {used}"
            )
