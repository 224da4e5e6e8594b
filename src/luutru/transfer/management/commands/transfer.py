"""``luutru transfer``: the transfer to the historical archive from the console.

* ``build --org CODE --user NAME``: the agency archive builds the package of the
  body's dossiers due (or ``--dossier ID`` …), optionally signed (``--sign KEY.pem``);
* ``verify PKG``: check a package (bag, signature, schemas, checksums) and say why
  it is not intact, naming each file; changes nothing;
* ``import PKG --user NAME``: the historical archive receives it (checked first);
  ``--accept`` accepts it at once, refusing ``--refuse N=lý do`` dossiers;
  ``--answer FILE`` writes the answer for the sender;
* ``answer FILE --user NAME``: the agency archive imports the answer (custody moves).
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luutru.core.errors import RuleViolation
from luutru.orgs.models import Organization
from luutru.transfer import services
from luutru.transfer.verify import verify


def _user(name: str) -> Any:
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise CommandError(f"Không có người dùng “{name}”.")
    return user


def _org(code: str) -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise CommandError(f"Không có cơ quan mã “{code}”.")
    return org


def _package_dir(path: Path) -> Path:
    """A bag folder as given, or a .tar of one unpacked (safely) into the inbox."""
    if path.is_dir():
        return path
    if path.is_file() and tarfile.is_tarfile(path):
        target = Path(tempfile.mkdtemp(prefix="goi-", dir=_mk(services.inbox())))
        with tarfile.open(path) as tar:
            tar.extractall(target, filter="data")
        inner = [p for p in target.iterdir() if p.is_dir()]
        return inner[0] if len(inner) == 1 and not (target / "bagit.txt").exists() else target
    raise CommandError(f"“{path}” không phải thư mục gói hay tệp .tar của gói.")


def _mk(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


class Command(BaseCommand):
    help = "Nộp lưu vào Lưu trữ lịch sử: lập gói (build), kiểm tra (verify), tiếp nhận (import), nhập trả lời (answer)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="subcommand", required=True, metavar="build|verify|import|answer"
        )
        b = sub.add_parser("build", help="Lập gói nộp lưu các hồ sơ đến hạn của một cơ quan.")
        b.add_argument("--org", required=True, help="Mã cơ quan (phông).")
        b.add_argument("--user", required=True, help="Lưu trữ viên lập gói.")
        b.add_argument("--dossier", type=int, action="append", help="Chỉ các hồ sơ này (số hiệu).")
        b.add_argument("--receiver", default="", help="Tên Lưu trữ lịch sử nhận.")
        b.add_argument("--out", type=Path, help="Thư mục ghi gói.")
        b.add_argument("--sign", type=Path, help="Khóa riêng Ed25519 (PEM) để ký bảng kê.")
        v = sub.add_parser("verify", help="Kiểm tra một gói; không thay đổi gì.")
        v.add_argument("package", type=Path)
        v.add_argument("--json", action="store_true")
        i = sub.add_parser("import", help="Tiếp nhận gói vào Lưu trữ lịch sử.")
        i.add_argument("package", type=Path)
        i.add_argument("--user", required=True)
        i.add_argument(
            "--org",
            help="Mã cơ quan của Lưu trữ lịch sử (mặc định: nơi người dùng là lưu trữ viên).",
        )
        i.add_argument("--accept", action="store_true", help="Nhận ngay (trừ các hồ sơ --refuse).")
        i.add_argument("--refuse", action="append", default=[], metavar="N=LÝ DO")
        i.add_argument("--answer", type=Path, help="Ghi tệp trả lời cho bên giao.")
        a = sub.add_parser("answer", help="Nhập trả lời của Lưu trữ lịch sử.")
        a.add_argument("file", type=Path)
        a.add_argument("--user", required=True)

    def handle(self, *args: Any, subcommand: str, **o: Any) -> None:
        try:
            getattr(self, f"do_{subcommand}")(**o)
        except RuleViolation as e:
            for m in e.messages or [str(e)]:
                self.stderr.write(m)
            raise SystemExit(1) from None

    def do_build(self, **o: Any) -> None:
        sign = services.signer_from_pem(o["sign"].read_bytes()) if o.get("sign") else None
        t = services.build_transfer(
            _user(o["user"]),
            _org(o["org"]),
            dossier_ids=o.get("dossier"),
            receiver_name=o.get("receiver") or "",
            out_dir=o.get("out"),
            sign=sign,
        )
        out = (o.get("out") or services.outbox()) / t.package_id
        self.stdout.write(
            f"Đã lập gói {t.package_id}: {t.items.count()} hồ sơ, {t.file_count} tệp, "
            f"{t.byte_count} byte{' (đã ký)' if t.signed else ''}.\n{out}"
        )

    def do_verify(self, **o: Any) -> None:
        report = verify(_package_dir(o["package"]))
        if o.get("json"):
            self.stdout.write(
                json.dumps(
                    {
                        "package_id": report.package_id,
                        "intact": report.intact,
                        "problems": report.all_problems(),
                        "warnings": report.warnings,
                        "signature": report.signature,
                        "files": report.file_count,
                        "dossiers": len(report.dossiers),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            for w in report.warnings:
                self.stdout.write(f"Lưu ý: {w}")
            if report.signature:
                self.stdout.write(report.signature)
            if report.intact:
                self.stdout.write(
                    f"Gói {report.package_id} toàn vẹn: {report.file_count} tệp, "
                    f"{len(report.dossiers)} hồ sơ."
                )
            for p in report.all_problems():
                self.stderr.write(p)
        if not report.intact:
            raise SystemExit(1)

    def do_import(self, **o: Any) -> None:
        user = _user(o["user"])
        org = _org(o["org"]) if o.get("org") else None
        p = services.receive(user, _package_dir(o["package"]), org)
        self.stdout.write(f"Gói {p.package_id}: {p.get_status_display()}.")
        for rd in p.dossiers.all():
            if rd.reasons:
                self.stdout.write(f"- {rd.file_code}: " + "; ".join(rd.reasons))
        if o.get("accept") and p.status == p.Status.VERIFIED:
            refusals = {}
            for item in o["refuse"]:
                n, _, reason = item.partition("=")
                if not n.strip().isdigit():
                    raise CommandError(f"--refuse cần dạng N=lý do, không phải “{item}”.")
                refusals[int(n)] = reason
            services.decide(user, p, refusals)
            p.refresh_from_db()
            self.stdout.write(f"Đã trả lời: {p.get_status_display()}.")
        if o.get("answer"):
            p.refresh_from_db()
            if p.status == p.Status.VERIFIED:
                raise CommandError("Gói chưa được quyết định nhận hay từ chối: chưa có trả lời.")
            o["answer"].write_bytes(services.answer_json(p))
            self.stdout.write(f"Đã ghi trả lời vào {o['answer']}.")
        if p.status == p.Status.REFUSED:
            raise SystemExit(2)

    def do_answer(self, **o: Any) -> None:
        answer = services.parse_answer(o["file"].read_bytes())
        t = services.apply_answer(_user(o["user"]), answer)
        self.stdout.write(f"Gói {t.package_id}: {t.get_status_display()}.")
        for it in t.items.select_related("dossier"):
            line = f"- {it.dossier.file_code}: {it.get_outcome_display()}"
            if it.reasons:
                line += " (" + "; ".join(it.reasons) + ")"
            self.stdout.write(line)
