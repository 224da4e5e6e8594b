"""The forms of appraisal and destruction (issue 14): the list of records of no
further value (danh mục tài liệu hết giá trị), the head's decision, and the
destruction minutes (biên bản hủy tài liệu hết giá trị) with the manifest of
every removed file by SHA-256 and the manifest's own digest.

Their wording follows the steps of 879/VTLTNN-NVĐP (DOMAIN §5; the forms' exact
layout is not in DOMAIN: default, configurable — verify)."""

from __future__ import annotations

import io
import os

from django.conf import settings
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.archive.documents import HIDDEN_TITLE, dossier_dates
from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date
from luutru.disposal.models import Appraisal, Destruction, Outcome
from luutru.disposal.queries import manifest_lines
from luutru.forms.layout import Block, Form, Para, Row, Signature, Signatures, Table
from luutru.forms.parts import fonds_mark, issuer_lines, marks, secrecy_mark, today

LIST_COLUMNS = [
    "Số TT",
    "Số, ký hiệu hồ sơ",
    "Tiêu đề hồ sơ",
    "Thời gian tài liệu",
    "Thời hạn bảo quản",
    "Lý do hủy",
    "Ghi chú",
]
BASIS = "Căn cứ Công văn 879/VTLTNN-NVĐP ngày 19/12/2006 về hướng dẫn tổ chức tiêu hủy tài liệu hết giá trị;"


def _name(user) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person else (user.get_username() if user else "")


def _destroy_items(appraisal: Appraisal):
    items = appraisal.items.select_related("dossier", "dossier__retention").order_by(
        "dossier__file_catalog", "dossier__file_notation", "pk"
    )
    if appraisal.status == Appraisal.Status.DECIDED:
        return [i for i in items if i.decision == Outcome.DESTROY]
    return [i for i in items if i.proposal == Outcome.DESTROY]


def _list_table(user, items) -> tuple[Table, int]:
    rows, secrecy = [], 0
    for n, item in enumerate(items, start=1):
        d = item.dossier
        visible = can_view(user, d)
        if visible:
            secrecy = max(secrecy, d.secrecy)
        rows.append(
            Row(
                [
                    n,
                    f"{d.file_catalog}/{d.file_notation}",
                    d.title if visible else HIDDEN_TITLE,
                    dossier_dates(d),
                    d.retention.label,
                    item.reason,
                    "",
                ]
            )
        )
    table = Table(LIST_COLUMNS, [6, 14, 50, 22, 12, 40, 12], rows, empty_note="Không có hồ sơ nào.")
    return table, secrecy


def disposal_list(user, appraisal: Appraisal) -> Form:
    """Danh mục tài liệu hết giá trị: the dossiers proposed (or decided) for destruction."""
    items = _destroy_items(appraisal)
    table, secrecy = _list_table(user, items)
    org = appraisal.org
    draft = (
        ""
        if appraisal.status == Appraisal.Status.DECIDED
        else "DỰ THẢO – chưa có quyết định của lãnh đạo."
    )
    return Form(
        slug=f"danh-muc-tai-lieu-het-gia-tri-{appraisal.year}-{appraisal.number}",
        title="DANH MỤC TÀI LIỆU HẾT GIÁ TRỊ",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(today(), org.place),
        subtitle=[
            f"Phông: {appraisal.fonds.name}",
            f"Đợt xác định giá trị {appraisal.number}/{appraisal.year}",
        ],
        marks=marks(secrecy_mark(secrecy), fonds_mark(org), draft),
        secrecy=secrecy,
        blocks=[
            table,
            Para(f"Danh mục này gồm {count_words(len(items), 'hồ sơ')}.", bold=True),
            Signatures([Signature("NGƯỜI LẬP", _name(appraisal.created_by))]),
        ],
        landscape=True,
    )


def decision(user, appraisal: Appraisal) -> Form:
    """Quyết định về việc hủy tài liệu hết giá trị (and what else the head decided)."""
    org = appraisal.org
    items = list(appraisal.items.select_related("dossier"))
    destroy = [i for i in items if i.decision == Outcome.DESTROY]
    transfer = [i for i in items if i.decision == Outcome.TRANSFER]
    keep = [i for i in items if i.decision == Outcome.KEEP]
    chair = appraisal.members.filter(role="chair").select_related("user__person").first()
    day = timezone.localdate(appraisal.decided_at) if appraisal.decided_at else None
    blocks: list[Block] = [
        Para(BASIS, italic=True),
        Para(
            "Xét đề nghị của Hội đồng xác định giá trị tài liệu"
            + (f" (Chủ tịch Hội đồng: {_name(chair.user)})" if chair else "")
            + " và ý kiến của các thành viên Hội đồng;",
            italic=True,
        ),
        Para("QUYẾT ĐỊNH:", bold=True, align="center"),
        Para(
            f"Điều 1. Hủy {count_words(len(destroy), 'hồ sơ')} tài liệu hết giá trị của phông "
            f"“{appraisal.fonds.name}” theo Danh mục tài liệu hết giá trị kèm theo."
        ),
    ]
    n = 2
    if transfer:
        blocks.append(
            Para(
                f"Điều {n}. Nộp lưu vào Lưu trữ lịch sử {count_words(len(transfer), 'hồ sơ')} "
                "bảo quản vĩnh viễn: " + ", ".join(i.dossier.file_notation for i in transfer) + "."
            )
        )
        n += 1
    if keep:
        blocks.append(
            Para(
                f"Điều {n}. Tiếp tục bảo quản {count_words(len(keep), 'hồ sơ')} với thời hạn mới: "
                + "; ".join(f"{i.dossier.file_notation}: {i.new_years} năm" for i in keep)
                + "."
            )
        )
        n += 1
    blocks += [
        Para(
            f"Điều {n}. Việc hủy tài liệu điện tử do hai người xác nhận trong hệ thống; "
            "lập biên bản hủy kèm bảng kê mã SHA-256 của từng tệp bị xóa. Thông tin mô tả hồ sơ, "
            "quyết định này và biên bản hủy được bảo quản vĩnh viễn."
        ),
        Signatures([Signature("LÃNH ĐẠO CƠ QUAN", _name(appraisal.decided_by))]),
    ]
    table, secrecy = _list_table(user, destroy)
    blocks += [Para("DANH MỤC TÀI LIỆU HẾT GIÁ TRỊ KÈM THEO", bold=True, align="center"), table]
    return Form(
        slug=f"quyet-dinh-huy-tai-lieu-{appraisal.year}-{appraisal.number}",
        title="QUYẾT ĐỊNH",
        issuer=issuer_lines(org),
        number=f"Số {appraisal.decision_number}" if appraisal.decision_number else "",
        place_date=long_date(day, org.place) if day else "",
        subtitle=["Về việc hủy tài liệu hết giá trị"],
        marks=marks(
            secrecy_mark(secrecy),
            "" if appraisal.status == Appraisal.Status.DECIDED else "DỰ THẢO – chưa quyết định.",
        ),
        secrecy=secrecy,
        blocks=blocks,
    )


def destruction_minutes(user, appraisal: Appraisal) -> Form:
    """Biên bản hủy tài liệu hết giá trị, with the SHA-256 manifest of the removed files."""
    org = appraisal.org
    destruction = Destruction.objects.filter(appraisal=appraisal).first()
    done = destruction is not None and destruction.status == Destruction.Status.DONE
    confirmations = (
        list(destruction.confirmations.select_related("user__person")) if destruction else []
    )
    files = list(destruction.files.select_related("dossier")) if destruction else []
    removed = [f for f in files if f.removed]
    kept = [f for f in files if not f.removed]
    dossiers = sorted({f.dossier.file_notation for f in files})
    day = (
        timezone.localdate(destruction.done_at)
        if done and destruction and destruction.done_at
        else None
    )
    lines = manifest_lines(destruction) if done and destruction else []
    blocks: list[Block] = [
        Para(BASIS, italic=True),
        Para(
            f"Căn cứ Quyết định số {appraisal.decision_number} của {org.name} về việc hủy tài liệu "
            "hết giá trị;",
            italic=True,
        ),
        Para(f"Hôm nay, {long_date(day) if day else '……'}, tại {org.name}, chúng tôi gồm:"),
        *[
            Para(
                f"- {_name(c.user)}, {getattr(getattr(c.user, 'person', None), 'position', '') or 'người xác nhận hủy'}."
            )
            for c in confirmations
        ],
        Para(
            f"Đã tiến hành hủy tài liệu điện tử hết giá trị của phông “{appraisal.fonds.name}”: "
            f"{count_words(len(dossiers), 'hồ sơ')} ({', '.join(dossiers) or 'không có'}), "
            f"{count_words(len(removed), 'tệp')} bị xóa khỏi kho lưu trữ, không khôi phục được. "
            "Thông tin mô tả của hồ sơ và văn bản được giữ lại."
        ),
        Para("BẢNG KÊ MÃ SHA-256 CỦA CÁC TỆP ĐÃ XÓA", bold=True, align="center"),
        Table(
            ["Số TT", "Hồ sơ / tệp", "Dung lượng (byte)", "Mã SHA-256"],
            [6, 40, 12, 50],
            [
                Row([n, f"{parts[2]}", parts[1], parts[0]])
                for n, parts in enumerate((line.split("  ", 2) for line in lines), start=1)
            ],
            empty_note="Không có tệp nào bị xóa.",
        ),
        Para(
            "Mã SHA-256 của bảng kê: " + (destruction.manifest_sha256 if destruction else ""),
            bold=True,
        ),
    ]
    if kept:
        blocks += [
            Para("Tệp được giữ lại (văn bản còn được dùng ở hồ sơ chưa hủy):", bold=True),
            Table(
                ["Số TT", "Hồ sơ / tệp", "Mã SHA-256", "Lý do giữ lại"],
                [6, 30, 50, 30],
                [
                    Row([n, f"{f.dossier.file_notation}/{f.name}", f.sha256, f.kept_reason])
                    for n, f in enumerate(kept, start=1)
                ],
            ),
        ]
    blocks.append(
        Signatures(
            [Signature("NGƯỜI XÁC NHẬN HỦY", _name(c.user)) for c in confirmations]
            or [Signature("NGƯỜI HỦY")]
        )
    )
    return Form(
        slug=f"bien-ban-huy-tai-lieu-{appraisal.year}-{appraisal.number}",
        title="BIÊN BẢN",
        issuer=issuer_lines(org),
        place_date=long_date(day, org.place) if day else "",
        subtitle=["Về việc hủy tài liệu hết giá trị"],
        marks=marks("" if done else "DỰ THẢO – tài liệu chưa bị hủy."),
        blocks=blocks,
        landscape=True,
    )


def signing_key() -> tuple[str, bytes] | None:
    """The archive's key for signing destruction minutes, if one is configured:
    a PKCS#12 file (``LUUTRU_SIGNING_P12``) and its passphrase
    (``LUUTRU_SIGNING_PASSWORD``). The signature is optional; the manifest is not."""
    path = getattr(settings, "LUUTRU_SIGNING_P12", None) or os.environ.get("LUUTRU_SIGNING_P12")
    if not path:
        return None
    secret = getattr(settings, "LUUTRU_SIGNING_PASSWORD", None) or os.environ.get(
        "LUUTRU_SIGNING_PASSWORD", ""
    )
    return str(path), str(secret).encode()


def sign_minutes(pdf: bytes) -> bytes:
    """Sign the minutes' PDF with the archive's key (pyHanko), offline; unchanged
    when no key is configured. A key that cannot be read is refused in Vietnamese."""
    key = signing_key()
    if key is None:
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # lazy: heavy
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(pfx_file=key[0], passphrase=key[1] or None)
    if signer is None:
        raise RuleViolation(
            "Không đọc được khóa ký của lưu trữ (LUUTRU_SIGNING_P12): biên bản chưa được ký. "
            "Đề nghị quản trị viên kiểm tra tệp khóa và mật khẩu."
        )
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
        signers.PdfSignatureMetadata(field_name="BienBanHuy", reason="Biên bản hủy tài liệu"),
        signer=signer,
    )
    return out.getvalue()
