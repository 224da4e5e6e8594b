"""``luutru search "…" --json --user USERNAME``: search from the console."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from luutru.search import access, queries, services
from luutru.search.api import outcome_json


class Command(BaseCommand):
    help = (
        "Tìm văn bản và hồ sơ như người dùng --user được xem (quyền truy cập áp dụng như trên web). "
        "--all: tìm trên mọi bản ghi, chỉ dành cho quản trị viên làm việc trực tiếp trên máy chủ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "query", help="Nội dung tìm; cụm từ đặt trong ngoặc kép: '\"đại hội\"'."
        )
        parser.add_argument("--user", help="Tên đăng nhập của người tìm.")
        parser.add_argument(
            "--all",
            action="store_true",
            help="Không áp dụng quyền truy cập (quản trị trên máy chủ).",
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")
        parser.add_argument("--page", default="1")
        parser.add_argument("--per-page", default="20")
        parser.add_argument("--sort", default="relevance", help="relevance | newest | oldest")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="TÊN=GIÁ_TRỊ",
            help="Lọc, ví dụ --filter year=2020 --filter kind=dossier (lặp lại được).",
        )

    def handle(
        self,
        *args,
        query,
        user=None,
        all=False,
        json=False,
        page="1",
        per_page="20",
        sort="relevance",
        filter=(),
        **options,
    ):
        if not user and not all:
            raise CommandError(
                "Hãy cho biết tìm với quyền của ai: --user TÊN_ĐĂNG_NHẬP. "
                "Quản trị viên trên máy chủ có thể dùng --all để tìm trên mọi bản ghi."
            )
        if user and all:
            raise CommandError("Chỉ dùng một trong hai: --user hoặc --all.")
        who = None
        if user:
            who = get_user_model().objects.filter(username=user).first()
            if who is None:
                raise CommandError(f"Không có người dùng “{user}”.")
        params = QueryDict(mutable=True)
        params["q"] = query
        params["page"], params["per_page"], params["sort"] = page, per_page, sort
        for item in filter:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(
                    f"Điều kiện lọc “{item}” phải có dạng TÊN=GIÁ_TRỊ, ví dụ year=2020."
                )
            params.appendlist(name.strip(), value.strip())
        # The console is no web process: it applies what is queued first, unless
        # the worker holds the writer (then it answers from the last commit).
        services.drain(wait=False)
        outcome = queries.search(who, params, access=access.everything() if all else None)
        data = outcome_json(outcome)
        if json:
            self.stdout.write(_dumps(data))
            return
        for m in outcome.messages:
            self.stderr.write(m)
        self.stdout.write(f"{outcome.total} kết quả (trang {outcome.page}/{outcome.pages}).")
        for r in data["results"]:
            self.stdout.write(
                f"[{r['kind']} {r['id']}] {r['symbol']} {r['date']} {r['title']}  {r['url']}"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
