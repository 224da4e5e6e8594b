"""``luutru bundle propose``: proposed dossiers as JSON, for bulk work and measuring.

    luutru bundle propose DIR --org CODE --json OUT.json
        captures DIR's files as ``luutru import`` does (the same command, so a rerun
        finishes the same batch), then groups them: files are paths inside DIR;
    luutru bundle propose --loose --org CODE [--year Y] --json OUT.json
        groups the body's documents in no dossier (document ids).

OUT.json: {"groups": [{"title", "period", "plan_item", "files", "missing",
"confidence", …}], "unassigned": [...]}. Nothing is filed: a person accepts
proposals on the review screen.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from luutru.bundles import facts
from luutru.bundles.grouping import propose
from luutru.bundles.types import Group, Proposal
from luutru.capture.management.commands._common import org_by_code
from luutru.capture.models import ImportBatch
from luutru.registry.queries import loose_documents


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _group_json(g: Group) -> dict:
    return {
        "title": g.title,
        "period": g.period,
        "start": _date(g.start),
        "end": _date(g.end),
        "plan_item": (
            {"id": g.plan_item.id, "code": g.plan_item.code, "title": g.plan_item.title}
            if g.plan_item
            else None
        ),
        "files": list(g.members),
        "missing": [
            {
                "number_symbol": m.number_symbol,
                "date": _date(m.issued_date),
                "issuer": m.issuer,
                "cited_by": list(m.cited_by),
            }
            for m in g.missing
        ],
        "outside_period": list(g.outside_period),
        "confidence": g.confidence,
    }


def proposal_json(proposal: Proposal, unreadable: list[str | int] = ()) -> dict:  # type: ignore[assignment]
    return {
        "groups": [_group_json(g) for g in proposal.groups],
        "unassigned": [*proposal.unassigned, *unreadable],
    }


class Command(BaseCommand):
    help = "Đề xuất lập hồ sơ từ một bó tài liệu rời (thư mục) hoặc từ văn bản chưa vào hồ sơ"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="propose")
        p = sub.add_parser("propose", help="Đề xuất các hồ sơ, ghi ra tệp JSON.")
        p.add_argument("path", nargs="?", help="thư mục tài liệu rời (bỏ trống khi dùng --loose)")
        p.add_argument("--org", required=True, help="mã cơ quan (ví dụ HU1)")
        p.add_argument("--loose", action="store_true", help="văn bản của cơ quan chưa vào hồ sơ")
        p.add_argument("--year", type=int, help="chỉ văn bản của năm này (với --loose)")
        p.add_argument("--json", dest="out", required=True, metavar="OUT.json", help="tệp kết quả")
        p.add_argument(
            "--direction",
            default="internal",
            choices=["internal", "incoming", "outgoing"],
            help="văn bản đến, đi hay nội bộ (khi nhập thư mục, như `luutru import`)",
        )
        p.add_argument("--jobs", type=int, help="số tiến trình nhập (mặc định như `luutru import`)")

    def handle(self, *args, subcommand: str, **options):
        getattr(self, f"do_{subcommand}")(**options)

    def do_propose(self, path, org, loose, year, out, direction, jobs, **_):
        out = Path(out).expanduser()
        if not out.parent.is_dir():
            raise CommandError(f"Không có thư mục “{out.parent}” để ghi kết quả.")
        if loose == bool(path):
            raise CommandError(
                "Cho một thư mục tài liệu rời, hoặc dùng --loose để đề xuất từ các văn bản "
                "của cơ quan chưa vào hồ sơ (không dùng cả hai)."
            )
        if year is not None and not loose:
            raise CommandError("--year chỉ dùng với --loose.")
        organization = org_by_code(org)
        if loose:
            docs = loose_documents(organization)
            if year is not None:
                docs = docs.filter(
                    Q(issued_date__year=year) | Q(issued_date__isnull=True, created_at__year=year)
                )
            started = time.perf_counter()
            doc_facts = facts.from_documents(docs)
            unreadable: list[str | int] = []
        else:
            source = Path(path).expanduser().resolve()
            if not source.is_dir():
                raise CommandError(f"Không tìm thấy thư mục “{path}”.")
            # The import itself, as `luutru import` does it (same batch key: a rerun resumes).
            call_command(
                "import", str(source), org=org, direction=direction, stdout=self.stdout,
                stderr=self.stderr, **({"jobs": jobs} if jobs else {}),
            )  # fmt: skip
            batch = (
                ImportBatch.objects.filter(org=organization, key=f"import:{source}")
                .order_by("-pk")
                .first()
            )
            if batch is None:
                raise CommandError("Không nhập được thư mục này.")
            started = time.perf_counter()
            items = list(batch.items.select_related("batch", "batch__org").order_by("name"))
            doc_facts = facts.from_items(items)
            seen = {f.key for f in doc_facts}
            unreadable = [i.name for i in items if i.name not in seen]
        proposal = propose(doc_facts, facts.plan_items(organization, year))
        data = proposal_json(proposal, unreadable)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        filed = sum(len(g.members) for g in proposal.groups)
        self.stdout.write(
            f"Đề xuất {len(proposal.groups)} hồ sơ gồm {filed} văn bản; "
            f"{len(data['unassigned'])} văn bản chưa xếp được "
            f"({time.perf_counter() - started:.1f} giây). Đã ghi “{out}”."
        )
        self.stdout.write(
            "Chưa có gì được lập: mở trang “Gom văn bản thành hồ sơ” để xem lại và chấp nhận đề xuất."
        )
