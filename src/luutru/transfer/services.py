"""Transfer to the historical archive: the sender builds a package of the
dossiers due; the receiver imports it, checks it and answers per dossier; the
answer brings custody back to the sender's dossiers.

How custody moves (one design for two installations and for one):

1. The agency archive builds the package (``build_transfer``): the dossiers
   stay ``archived``; their transfer items wait for the answer.
2. The historical archive imports it (``receive``): every checksum and every
   XML file is checked; a package that is not intact is refused as a whole,
   naming each bad file; an intact one waits for the archivist's decision.
3. The archivist accepts it, refusing some dossiers with a reason if need be
   (``decide``); the files of the package are kept in the receiver's blob
   store; the answer (``answer_of``: JSON, one line per dossier) is given back.
4. The agency archive imports the answer (``apply_answer``): accepted dossiers
   move ``archived → transferred`` (the ``transfer`` edge, owned here), refused
   ones stay ``archived`` with the reasons. When both archives run on the same
   installation, step 3 applies the answer at once (no file to carry).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access.policy import has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.disposal import queries as disposal_queries
from luutru.filing.lifecycle import HELD, transition
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.queries import documents_in_order
from luutru.orgs.models import Organization, Role, Secrecy
from luutru.rules import book
from luutru.rules.models import RetentionRule
from luutru.storage.models import Blob
from luutru.storage.services import open_blob, put_blob
from luutru.transfer import package as pkg
from luutru.transfer.models import (
    PackageCheck,
    ReceivedDossier,
    ReceivedFile,
    ReceivedPackage,
    Transfer,
    TransferItem,
)
from luutru.transfer.verify import Progress, verify

Actor = User | AnonymousUser | None
log = logging.getLogger(__name__)


def outbox() -> Path:
    """Where built packages are written (one folder per package)."""
    return Path(settings.DATA_DIR) / "nop-luu-lich-su" / "di"


def inbox() -> Path:
    """Where the historical archive puts the packages it is given (one folder each)."""
    return Path(settings.DATA_DIR) / "nop-luu-lich-su" / "den"


# ---------------------------------------------------------------- who


def may_transfer(actor: Actor, org: Organization) -> bool:
    """An archivist of the body or of the archive above it builds its transfers."""
    return has_role(actor, Role.ARCHIVIST, org)


def receiving_orgs(actor: Actor) -> list[Organization]:
    """The bodies whose archive ``actor`` serves as archivist (a historical archive
    receives in the name of its body)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    today = timezone.localdate()
    return list(
        Organization.objects.filter(
            Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today),
            memberships__person__user_id=int(actor.pk or 0),
            memberships__role=Role.ARCHIVIST,
            memberships__valid_from__lte=today,
        ).distinct()
    )


def _require(ok: bool, text: str) -> None:
    if not ok:
        raise RuleViolation(text)


# ---------------------------------------------------------------- what is due


def _archived_on(d: Dossier) -> dt.date | None:
    return timezone.localdate(d.archived_at) if d.archived_at else None


def why_not_due(d: Dossier, today: dt.date | None = None) -> list[str]:
    """Why dossier ``d`` may not go to the historical archive now (empty: it may)."""
    today = today or timezone.localdate()
    reasons = []
    label = f"Hồ sơ {d.file_notation} ({d.file_catalog})"
    if d.status != DossierStatus.ARCHIVED:
        reasons.append(
            f"{label} đang ở trạng thái “{d.get_status_display()}”: chỉ hồ sơ đang ở lưu trữ "
            "cơ quan mới nộp vào Lưu trữ lịch sử."
        )
    if d.retention.period != RetentionRule.Period.PERMANENT:
        reasons.append(
            f"{label} có thời hạn bảo quản {d.retention.label}: chỉ hồ sơ bảo quản vĩnh viễn "
            "mới nộp vào Lưu trữ lịch sử."
        )
    if d.secrecy > Secrecy.NONE:
        reasons.append(
            f"{label} còn độ mật “{Secrecy(d.secrecy).label}”: tài liệu mật chỉ nộp lưu sau "
            "khi được giải mật (Luật Lưu trữ 2024)."
        )
    due = book.transfer_due(d.org, _archived_on(d))
    if d.pk in decided_for_transfer(d.org):
        pass  # the appraisal council's decision makes it due whatever the delay
    elif due is None:
        reasons.append(f"{label} chưa có ngày vào lưu trữ cơ quan hoặc chưa có bộ quy tắc áp dụng.")
    elif due > today:
        reasons.append(
            f"{label} chưa đến hạn nộp vào Lưu trữ lịch sử (đến hạn ngày {due:%d/%m/%Y}; "
            f"{book.rulebook().basis('transfer_due', d.org) or 'theo bộ quy tắc'})."
        )
    if TransferItem.objects.filter(dossier=d, outcome=TransferItem.Outcome.PENDING).exists():
        reasons.append(f"{label} đã ở trong một gói đang chờ Lưu trữ lịch sử trả lời.")
    return reasons


def due_dossiers(org: Organization, today: dt.date | None = None) -> list[Dossier]:
    """The body's dossiers due at the historical archive: in its agency archive,
    permanent, not secret, past the transfer delay of the rule book or decided for
    transfer by an appraisal, in no package awaiting an answer."""
    today = today or timezone.localdate()
    candidates = (
        Dossier.objects.filter(
            org=org,
            status=DossierStatus.ARCHIVED,
            secrecy=Secrecy.NONE,
            retention__period=RetentionRule.Period.PERMANENT,
            archived_at__isnull=False,
        )
        .exclude(transfer_items__outcome=TransferItem.Outcome.PENDING)
        .select_related("retention", "org", "creator")
        .order_by("file_catalog", "file_notation", "pk")
    )
    decided = decided_for_transfer(org)
    return [
        d
        for d in candidates
        if d.pk in decided or ((due := book.transfer_due(org, _archived_on(d))) and due <= today)
    ]


def decided_for_transfer(org: Organization) -> set[int]:
    """The body's dossiers an appraisal decision sends to the historical archive."""
    return set(disposal_queries.decided(org).values_list("dossier_id", flat=True))


def transfers_of(org_ids: Iterable[int]) -> QuerySet[Transfer]:
    return Transfer.objects.filter(org_id__in=list(org_ids)).select_related("org")


# ---------------------------------------------------------------- the package


def _clip(value: Any, n: int) -> Any:
    return value[:n] if isinstance(value, str) else value


def _document_meta(ordinal: int, doc: Any) -> dict[str, Any]:
    return {
        "DocOrdinal": ordinal,
        "Direction": doc.direction,
        "TypeName": _clip(doc.type_name or (doc.doc_type.name if doc.doc_type_id else ""), 100),
        "CodeNumber": doc.code_number,
        "CodeNotation": _clip(doc.code_notation, 30),
        "IssuedDate": doc.issued_date.isoformat() if doc.issued_date else None,
        "OrganName": _clip(doc.organ_name, 200),
        "Subject": _clip(doc.subject, 500),
        "Language": _clip(doc.language, 30),
        "PageAmount": doc.page_amount,
        "Description": doc.description or None,
        "SignerInfo": {
            "Position": _clip(doc.signer_position, 100),
            "FullName": _clip(doc.signer_full_name, 50),
        },
        "Priority": {"Urgency": doc.urgency, "Secrecy": doc.secrecy},
        "DueDate": doc.due_date.isoformat() if doc.due_date else None,
        "ArrivalDate": doc.arrival_date.isoformat() if doc.arrival_date else None,
        "ArrivalNumber": doc.arrival_number or None,
    }


def _dossier_entry(d: Dossier) -> pkg.DossierEntry:
    docs = documents_in_order(d)
    key = d.file_code
    folder = pkg.safe_name(f"{d.file_catalog}-{d.file_notation}")
    entries = []
    blobs = Blob.objects.in_bulk([doc.blob_id for doc in docs if doc.blob_id])  # one query
    for n, doc in enumerate(docs, start=1):
        f = None
        blob: Blob | None = blobs.get(doc.blob_id) if doc.blob_id else None
        if blob is not None:
            name = pkg.safe_name(doc.original_filename or f"van-ban-{n}", 60)
            f = pkg.FileEntry(
                path=f"{folder}/{n:03d}-{name}",
                sha256=blob.sha256,
                size=blob.size,
                mime=blob.mime,
                original_name=doc.original_filename or name,
                open=functools.partial(open_blob, blob),
            )
        entries.append(pkg.DocEntry(meta=_document_meta(n, doc), file=f))
    meta = {
        "FileCode": {
            "OrganId": d.org.organ_id,
            "FileCatalog": d.file_catalog,
            "FileNotation": d.file_notation,
        },
        "Title": d.title,
        "Maintenance": _clip(d.retention.label, 30),
        "Rights": _clip(d.rights or "Không hạn chế", 30),
        "Creator": _clip(d.creator.full_name, 30),
        "Language": _clip(d.language, 50),
        "StartDate": d.start_date.isoformat() if d.start_date else None,
        "EndDate": d.end_date.isoformat() if d.end_date else None,
        "DocTotal": len(docs),
        "PageTotal": min(sum(doc.page_amount or 0 for doc in docs), 9999),
        "Description": d.description or None,
        "AccessLevel": str(Secrecy(d.secrecy).label),
    }
    return pkg.DossierEntry(key=key, meta=meta, documents=entries)


def _fonds_meta(org: Organization, dossier_total: int) -> dict[str, Any]:
    fonds = getattr(org, "fonds", None)
    return {
        "FondsCode": _clip(fonds.code if fonds else org.code, 20),
        "FondsName": _clip(fonds.name if fonds else org.name, 255),
        "OrganId": org.organ_id,
        "OrganName": org.name,
        "Status": "đóng" if fonds is not None and fonds.status == "closed" else "mở",
        "StartYear": fonds.start_year if fonds and fonds.start_year else None,
        "EndYear": fonds.closed_on.year if fonds and fonds.closed_on else None,
        "DossierTotal": dossier_total,
        "Language": fonds.language if fonds else "Tiếng Việt",
        "Note": (fonds.note or None) if fonds else None,
    }


def historical_archive_name(org: Organization) -> str:
    """Default receiver: the historical archive of the province the body belongs to."""
    top = org
    while top.parent_id is not None:
        top = top.parent  # type: ignore[assignment]
    return f"Kho Lưu trữ {top.name}"


Signer = Callable[[bytes], tuple[bytes, bytes]]


def signer_from_pem(pem: bytes) -> Signer:
    """A detached Ed25519 signature with the archive's private key (PEM, unencrypted)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise RuleViolation("Khóa ký gói phải là khóa Ed25519 (PEM, không mật khẩu).")
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return lambda data: (key.sign(data), public)


def build_transfer(
    actor: User,
    org: Organization,
    *,
    dossier_ids: Iterable[int] | None = None,
    receiver_name: str = "",
    out_dir: Path | None = None,
    sign: Signer | None = None,
) -> Transfer:
    """Build the package of ``org``'s dossiers due (or of the ones named, each of
    which must be due) and record the transfer awaiting the receiver's answer."""
    _require(
        may_transfer(actor, org),
        f"Chỉ lưu trữ viên của “{org.name}” hoặc của lưu trữ cấp trên mới lập gói nộp lưu "
        "vào Lưu trữ lịch sử.",
    )
    if dossier_ids is None:
        dossiers = due_dossiers(org)
        _require(
            bool(dossiers),
            f"“{org.name}” chưa có hồ sơ nào đến hạn nộp vào Lưu trữ lịch sử "
            "(hồ sơ vĩnh viễn, không mật, đã qua thời hạn kể từ khi vào lưu trữ cơ quan).",
        )
    else:
        ids = list(dict.fromkeys(dossier_ids))
        _require(bool(ids), "Chưa chọn hồ sơ nào để nộp lưu.")
        found = {
            d.pk: d
            for d in Dossier.objects.filter(pk__in=ids, org=org).select_related(
                "retention", "org", "creator"
            )
        }
        missing = [i for i in ids if i not in found]
        _require(not missing, f"Không có hồ sơ số {missing} của “{org.name}”.")
        dossiers = [found[i] for i in ids]
        reasons = [r for d in dossiers for r in why_not_due(d)]
        if reasons:
            raise RuleViolation(*reasons)
    now = timezone.now()
    spec = pkg.Spec(
        package_id=f"uuid-{uuid.uuid4()}",
        created=now,
        sender_name=org.name,
        sender_organ_id=org.organ_id,
        receiver_name=receiver_name or historical_archive_name(org),
        fonds=_fonds_meta(org, Dossier.objects.filter(org=org, status__in=sorted(HELD)).count()),
        dossiers=[_dossier_entry(d) for d in dossiers],
        label=f"Nộp lưu {org.name} {now:%d/%m/%Y}",
    )
    directory = out_dir or outbox()
    directory.mkdir(parents=True, exist_ok=True)
    built = pkg.write_package(spec, directory, sign=sign)
    with transaction.atomic():
        t = Transfer.objects.create(
            org=org,
            package_id=spec.package_id,
            receiver_name=spec.receiver_name,
            file_count=built.file_count,
            byte_count=built.byte_count,
            manifest_sha256=built.manifest_sha256,
            signed=built.signed,
            created_by=actor,
        )
        TransferItem.objects.bulk_create(
            TransferItem(transfer=t, dossier=d, position=n) for n, d in enumerate(dossiers, 1)
        )
        record(
            actor,
            "transfer.build",
            t,
            after={
                "package": spec.package_id,
                "dossiers": [d.pk for d in dossiers],
                "files": built.file_count,
                "bytes": built.byte_count,
                "manifest_sha256": built.manifest_sha256,
                "signed": built.signed,
            },
        )
    return t


def package_path(t: Transfer) -> Path:
    return outbox() / t.package_id


# ---------------------------------------------------------------- receiving


def receive(
    actor: User,
    path: Path,
    org: Organization | None = None,
    *,
    progress: Progress | None = None,
    check: PackageCheck | None = None,
) -> ReceivedPackage:
    """Import the package at ``path`` into the historical archive of ``org``: check it;
    an intact one waits for the archivist's decision, one that is not is refused
    (every dossier, with the files at fault named). Never changes anything else.
    ``check``: the worker's row, given the package in the same transaction."""
    orgs = receiving_orgs(actor)
    org = org or (orgs[0] if orgs else None)
    _require(
        org is not None and org in orgs,
        "Chỉ lưu trữ viên của Lưu trữ lịch sử mới tiếp nhận gói nộp lưu.",
    )
    assert org is not None
    path = Path(path)
    _require(path.is_dir(), f"Không có thư mục gói “{path}”.")
    report = verify(path, progress)
    if not report.package_id:
        raise RuleViolation(*(report.problems or [f"“{path.name}” không phải gói nộp lưu."]))
    already = (
        ReceivedPackage.objects.filter(org=org, package_id=report.package_id)
        .exclude(status=ReceivedPackage.Status.REFUSED)
        .first()
    )
    if already is not None and report.intact and _files_missing(already):
        # An import interrupted while keeping the files: finish it.
        if check is not None:
            PackageCheck.objects.filter(pk=check.pk).update(result=already)
        _keep_files(already, path, progress)
        return already
    _require(
        already is None,
        f"Gói {report.package_id} đã được tiếp nhận trước đây: không nhận lại lần nữa.",
    )
    intact = report.intact
    first = (report.all_problems() or [""])[0]
    with transaction.atomic():
        p = ReceivedPackage.objects.create(
            org=org,
            package_id=report.package_id,
            sender_name=report.sender_name[:200],
            sender_organ_id=report.sender_organ_id[:13],
            fonds_name=report.fonds_name[:255],
            status=ReceivedPackage.Status.VERIFIED if intact else ReceivedPackage.Status.REFUSED,
            problems=report.problems + [f"(chưa kiểm tra) {w}" for w in report.warnings],
            file_count=report.file_count,
            byte_count=report.byte_count,
            signature=report.signature[:200],
            received_by=actor,
        )
        for n, info in enumerate(report.dossiers, start=1):
            reasons = list(info.problems)
            if not intact and not reasons:
                reasons = [f"Cả gói bị từ chối vì gói không toàn vẹn: {first}"]
            rd = ReceivedDossier.objects.create(
                package=p,
                position=n,
                file_code=info.key[:40],
                title=info.title[:500],
                start_date=info.start_date,
                end_date=info.end_date,
                maintenance=info.maintenance[:30],
                doc_total=info.doc_total,
                page_total=info.page_total,
                metadata=info.metadata,
                outcome=ReceivedDossier.Outcome.PENDING
                if intact
                else ReceivedDossier.Outcome.REFUSED,
                reasons=reasons,
            )
            ReceivedFile.objects.bulk_create(
                ReceivedFile(dossier=rd, path=f.path[:500], sha256=f.sha256, size=f.size)
                for f in info.files
            )
        record(
            actor,
            "transfer.receive",
            p,
            after={
                "package": p.package_id,
                "intact": intact,
                "problems": report.all_problems()[:50],
                "warnings": report.warnings,
                "dossiers": len(report.dossiers),
                "files": report.file_count,
                "signature": report.signature,
            },
        )
        if check is not None:
            PackageCheck.objects.filter(pk=check.pk).update(result=p)
    if intact:
        _keep_files(p, path, progress)
    else:
        _answer_locally(actor, p)
    return p


def _files_missing(p: ReceivedPackage) -> bool:
    return ReceivedFile.objects.filter(dossier__package=p, blob__isnull=True).exists()


KEEPING = "Lưu các tệp vào kho lưu trữ"


def _keep_files(p: ReceivedPackage, path: Path, progress: Progress | None = None) -> None:
    """Copy the package's content files into this installation's blob store (checked
    again on the way in: the store names them by SHA-256)."""
    todo = list(ReceivedFile.objects.filter(dossier__package=p, blob__isnull=True))
    for n, f in enumerate(todo, start=1):
        if progress is not None:
            progress(KEEPING, n - 1, len(todo))
        with (path / "data" / f.path).open("rb") as src:
            blob = put_blob(src, "application/octet-stream")
        if blob.sha256 != f.sha256:
            raise RuleViolation(f"Tệp data/{f.path} thay đổi trong khi tiếp nhận: làm lại.")
        f.blob = blob
        f.save(update_fields=["blob"])
    if progress is not None:
        progress(KEEPING, len(todo), len(todo))


def decide(
    actor: User, p: ReceivedPackage, refusals: dict[int, str] | None = None
) -> dict[str, Any]:
    """Accept the checked package's dossiers, refusing those in ``refusals`` (position →
    reason); returns the answer for the sender."""
    refusals = refusals or {}
    _require(
        p.org in receiving_orgs(actor),
        "Chỉ lưu trữ viên của Lưu trữ lịch sử nhận gói mới quyết định nhận hay từ chối.",
    )
    _require(
        p.status == ReceivedPackage.Status.VERIFIED,
        f"Gói {p.package_id} đã được trả lời hoặc bị từ chối: không quyết định lại.",
    )
    _require(
        not _files_missing(p),
        f"Việc tiếp nhận gói {p.package_id} bị ngắt khi đang lưu tệp: hãy tiếp nhận lại gói "
        "(hệ thống lưu tiếp các tệp còn thiếu) rồi mới quyết định.",
    )
    positions = set(p.dossiers.values_list("position", flat=True))
    unknown = sorted(set(refusals) - positions)
    _require(not unknown, f"Gói không có hồ sơ thứ tự {unknown}.")
    blank = sorted(n for n, r in refusals.items() if not (r or "").strip())
    _require(not blank, f"Hãy ghi lý do từ chối hồ sơ thứ tự {blank}.")
    with transaction.atomic():
        p = ReceivedPackage.objects.select_for_update().get(pk=p.pk)
        _require(p.status == ReceivedPackage.Status.VERIFIED, "Gói đã được trả lời.")
        for rd in p.dossiers.all():
            if rd.position in refusals:
                rd.outcome = ReceivedDossier.Outcome.REFUSED
                rd.reasons = [refusals[rd.position].strip()[:500]]
            else:
                rd.outcome = ReceivedDossier.Outcome.ACCEPTED
                rd.reasons = []
            rd.save(update_fields=["outcome", "reasons"])
        record(
            actor,
            "transfer.decide",
            p,
            after={
                "package": p.package_id,
                "refused": {str(k): v for k, v in refusals.items()},
                "accepted": len(positions) - len(refusals),
            },
        )
    return _answer_locally(actor, p)


def _answer_locally(actor: User, p: ReceivedPackage) -> dict[str, Any]:
    """Mark the package answered; when its sender is this installation, apply the
    answer to the sender's transfer at once."""
    with transaction.atomic():
        ReceivedPackage.objects.filter(pk=p.pk).update(
            status=p.status
            if p.status == ReceivedPackage.Status.REFUSED
            else ReceivedPackage.Status.ANSWERED,
            answered_at=timezone.now(),
        )
        p.refresh_from_db()
        answer = answer_of(p)
        if Transfer.objects.filter(package_id=p.package_id, answered_at__isnull=True).exists():
            apply_answer(actor, answer, same_installation=True)
    return answer


def answer_of(p: ReceivedPackage) -> dict[str, Any]:
    """The receiver's answer: per dossier, accepted or refused with the reasons."""
    return {
        "format": "luutru-transfer-answer/1",
        "package_id": p.package_id,
        "receiver": p.org.name,
        "answered_at": (p.answered_at or timezone.now()).isoformat(),
        "package_problems": p.problems,
        "dossiers": [
            {"file_code": rd.file_code, "outcome": rd.outcome, "reasons": rd.reasons}
            for rd in p.dossiers.all()
        ],
    }


def answer_json(p: ReceivedPackage) -> bytes:
    return json.dumps(answer_of(p), ensure_ascii=False, indent=1).encode()


# ---------------------------------------------------------------- the answer comes back


def parse_answer(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RuleViolation("Tệp trả lời không đọc được (không phải JSON UTF-8).") from None
    ok = (
        isinstance(data, dict)
        and data.get("format") == "luutru-transfer-answer/1"
        and isinstance(data.get("package_id"), str)
        and isinstance(data.get("dossiers"), list)
        and all(
            isinstance(d, dict)
            and isinstance(d.get("file_code"), str)
            and d.get("outcome") in ("accepted", "refused")
            and isinstance(d.get("reasons", []), list)
            for d in data["dossiers"]
        )
    )
    _require(ok, "Tệp trả lời không đúng mẫu trả lời của Lưu trữ lịch sử.")
    return data


def apply_answer(
    actor: User, answer: dict[str, Any], *, same_installation: bool = False
) -> Transfer:
    """Apply the receiver's answer to the transfer it names: accepted dossiers move
    archived → transferred; refused ones stay archived with the reasons."""
    t = Transfer.objects.filter(package_id=answer.get("package_id", "")).first()
    _require(t is not None, f"Không có gói nộp lưu mã {answer.get('package_id')} ở đây.")
    assert t is not None
    _require(
        same_installation or may_transfer(actor, t.org),
        f"Chỉ lưu trữ viên của “{t.org.name}” mới nhập trả lời của Lưu trữ lịch sử.",
    )
    _require(t.answered_at is None, f"Gói {t.package_id} đã nhận trả lời trước đây.")
    by_code = {d["file_code"]: d for d in answer["dossiers"]}
    with transaction.atomic():
        t = Transfer.objects.select_for_update().get(pk=t.pk)
        _require(t.answered_at is None, f"Gói {t.package_id} đã nhận trả lời trước đây.")
        items = list(t.items.select_related("dossier", "dossier__org"))
        accepted: list[Dossier] = []
        for it in items:
            got = by_code.get(it.dossier.file_code)
            if got is not None and got["outcome"] == "accepted":
                it.outcome = TransferItem.Outcome.ACCEPTED
                it.reasons = []
                accepted.append(it.dossier)
            else:
                it.outcome = TransferItem.Outcome.REFUSED
                it.reasons = (
                    [str(r)[:500] for r in got.get("reasons", [])]
                    if got is not None
                    else ["Trả lời của Lưu trữ lịch sử không nhắc đến hồ sơ này."]
                ) or ["Lưu trữ lịch sử từ chối (không ghi lý do)."]
            it.save(update_fields=["outcome", "reasons"])
        locked = list(Dossier.objects.select_for_update().filter(pk__in=[d.pk for d in accepted]))
        if locked:
            transition(
                actor,
                locked,
                "transfer",
                after={"package": t.package_id, "receiver": answer.get("receiver", "")},
            )
        t.status = (
            Transfer.Status.ACCEPTED
            if len(accepted) == len(items)
            else Transfer.Status.REFUSED
            if not accepted
            else Transfer.Status.PARTLY
        )
        t.answered_at = timezone.now()
        t.save(update_fields=["status", "answered_at"])
        record(
            actor,
            "transfer.answer",
            t,
            after={
                "package": t.package_id,
                "accepted": [d.pk for d in accepted],
                "refused": [it.dossier_id for it in items if it.outcome == "refused"],
                "same_installation": same_installation,
            },
        )
    return t


# ---------------------------------------------------------------- checks by the worker

# A package of at most this many files is validated for its sender inside the
# request (a second or two); a larger one, and every package received, by the worker.
INLINE_FILES = 200
PROGRESS_EVERY_S = 0.5  # the check's row is written at most this often


def start_validation(actor: User, t: Transfer, *, inline_files: int = INLINE_FILES) -> PackageCheck:
    """Check the built package of ``t`` before it leaves (bag, signature, schemas,
    checksums): inside the request when small, else by the worker."""
    _require(
        may_transfer(actor, t.org),
        f"Chỉ lưu trữ viên của “{t.org.name}” mới kiểm tra gói nộp lưu của cơ quan này.",
    )
    path = package_path(t)
    _require(
        path.is_dir(),
        f"Không còn thư mục gói {t.package_id} ở {outbox()}: không kiểm tra được.",
    )
    check = _new_check(actor, PackageCheck.Kind.VALIDATE, t.org, path, transfer=t)
    if t.file_count <= inline_files:
        run_check(check.pk)
        check.refresh_from_db()
    else:
        _enqueue(check)
    return check


def start_receiving(actor: User, path: Path, org: Organization | None = None) -> PackageCheck:
    """Queue the import of the package at ``path`` into the historical archive of
    ``org`` (``receive``, run by the worker: reading 5,000 files takes minutes)."""
    orgs = receiving_orgs(actor)
    org = org or (orgs[0] if orgs else None)
    _require(
        org is not None and org in orgs,
        "Chỉ lưu trữ viên của Lưu trữ lịch sử mới tiếp nhận gói nộp lưu.",
    )
    assert org is not None
    _require(Path(path).is_dir(), f"Không có thư mục gói “{Path(path).name}”.")
    running = PackageCheck.objects.filter(
        kind=PackageCheck.Kind.RECEIVE,
        folder=str(path),
        state__in=[PackageCheck.State.QUEUED, PackageCheck.State.RUNNING],
    ).first()
    if running is not None:
        return running  # asked twice (a double click): one import
    check = _new_check(actor, PackageCheck.Kind.RECEIVE, org, Path(path))
    _enqueue(check)
    return check


def _new_check(
    actor: User,
    kind: str,
    org: Organization,
    path: Path,
    transfer: Transfer | None = None,
) -> PackageCheck:
    with transaction.atomic():
        check = PackageCheck.objects.create(
            kind=kind, org=org, folder=str(path), transfer=transfer, requested_by=actor
        )
        record(
            actor,
            f"transfer.check.{kind}",
            check,
            org_id=org.pk,
            after={"folder": path.name, "transfer": transfer.pk if transfer else None},
        )
    return check


def _enqueue(check: PackageCheck) -> None:
    from luutru.transfer.tasks import check_package  # the task module imports this one

    transaction.on_commit(lambda: check_package.enqueue(check.pk))


def _progress_writer(check_id: int) -> Progress:
    last_at, last_phase = 0.0, ""

    def progress(phase: str, done: int, total: int) -> None:
        nonlocal last_at, last_phase
        now = time.monotonic()
        if phase == last_phase and now - last_at < PROGRESS_EVERY_S and done < total:
            return
        last_at, last_phase = now, phase
        PackageCheck.objects.filter(pk=check_id).update(phase=phase, done=done, total=total)

    return progress


def run_check(check_id: int) -> str:
    """The worker's task: check (and, for ``receive``, import) the package; the row
    reaches ``done`` or ``failed`` whatever happens. Run again after a crash, it
    carries on (an import that kept some files keeps the rest)."""
    check = (
        PackageCheck.objects.select_related("org", "requested_by", "result")
        .filter(pk=check_id)
        .first()
    )
    if check is None or not check.working:
        return check.state if check else "gone"
    PackageCheck.objects.filter(pk=check.pk).update(state=PackageCheck.State.RUNNING)
    progress = _progress_writer(check.pk)
    path = Path(check.folder)
    fields: dict[str, Any]
    try:
        if check.kind == PackageCheck.Kind.VALIDATE:
            report = verify(path, progress)
            problems = report.all_problems() or (
                [] if report.package_id else [f"“{path.name}” không phải gói nộp lưu."]
            )
            fields = {"intact": not problems, "problems": [*problems, *report.warnings]}
        else:
            if check.result is not None and not _files_missing(check.result):
                p = check.result  # done before a crash, only the row was left behind
            else:
                p = receive(check.requested_by, path, check.org, progress=progress, check=check)
            p.refresh_from_db()
            bad = [*p.problems, *(r for d in p.dossiers.all() for r in d.reasons)]
            fields = {
                "result": p,
                "intact": p.status != ReceivedPackage.Status.REFUSED,
                "problems": bad if p.status == ReceivedPackage.Status.REFUSED else p.problems,
            }
        fields["state"] = PackageCheck.State.DONE
    except RuleViolation as e:
        fields = {"state": PackageCheck.State.FAILED, "problems": e.messages or [str(e)]}
    except Exception as e:  # the page must reach an end, never stall; the log keeps the trace
        log.exception("package check %s failed", check.pk)
        fields = {
            "state": PackageCheck.State.FAILED,
            "problems": [
                f"Lỗi khi kiểm tra gói ({type(e).__name__}: {e}). Hãy báo quản trị viên; "
                "không có gì thay đổi ngoài các tệp đã lưu."
            ],
        }
    PackageCheck.objects.filter(pk=check.pk).update(finished_at=timezone.now(), **fields)
    return str(fields["state"])
