"""Issuing an approved outgoing document, and what may follow: the clerk gives it
the next number of the body's series (Party: issuer × type × term; State: issuer ×
year, rules ``number_style``), the issue date and the signed PDF (verified
offline by capture's pyHanko check); it becomes a registry document with
direction outgoing, goes to its recipients, and its registered copy is filed
into the drafter's dossier. Recall and correction leave both documents linked;
an issued number is never given again."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.capture import signatures
from luutru.capture.trust import active_roots, store_findings
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.desk import services as desk
from luutru.desk.models import Arrival, ArrivalState
from luutru.dispatch import network
from luutru.dispatch.drafting import can_issue, is_drafter
from luutru.dispatch.models import (
    CorrectionKind,
    DocumentLink,
    LinkKind,
    Outgoing,
    OutgoingState,
)
from luutru.filing.changes import active_items, change_failures
from luutru.filing.contents import add_document_to_dossier
from luutru.filing.models import Dossier
from luutru.orgs.models import Organization, Role, Secrecy
from luutru.registry.content import inspect_upload
from luutru.registry.models import Direction, Document
from luutru.registry.services import allocate_number, create_document
from luutru.registry.signals import document_entered
from luutru.rules.book import rulebook
from luutru.rules.models import DocumentType


@dataclass
class Issued:
    """An issued document and what to tell the clerk."""

    outgoing: Outgoing
    warnings: list[str] = field(default_factory=list)


def symbol_for(org: Organization, doc_type: DocumentType, number: int, day: dt.date) -> str:
    """How the number is written: Party "05-CV/VPTU" (no colon after "Số"),
    State "05/QĐ-UBND" (a State công văn: "05/UBND"); numbers below 10 with a 0."""
    issuer = org.issuer_abbrev
    text = f"{number:02d}"
    if rulebook().number_style(org, day) == "state":
        tail = issuer if doc_type.abbrev in ("", "CV") else f"{doc_type.abbrev}-{issuer}"
        return f"{text}/{tail}"
    return f"{text}-{doc_type.abbrev}/{issuer}"


def _issue_failures(o: Outgoing, day: dt.date, today: dt.date) -> list[str]:
    failures = []
    if o.state != OutgoingState.APPROVED:
        failures.append(
            f"Văn bản đang ở trạng thái “{o.get_state_display()}”: chỉ phát hành văn bản "
            "lãnh đạo đã duyệt."
        )
    if day > today:
        failures.append(f"Ngày ban hành {day:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y}).")
    if o.approved_at is not None and day < timezone.localtime(o.approved_at).date():
        failures.append(
            f"Ngày ban hành {day:%d/%m/%Y} trước ngày lãnh đạo duyệt "
            f"({timezone.localtime(o.approved_at):%d/%m/%Y})."
        )
    if not o.org.issuer_abbrev:
        failures.append(
            f"“{o.org.name}” chưa có chữ viết tắt tên cơ quan ban hành: quản trị viên cần "
            "khai báo trước khi cấp số."
        )
    if not o.doc_type.abbrev:
        failures.append(
            f"Loại “{o.doc_type.name}” chưa có chữ viết tắt trong bộ quy tắc: quản trị viên "
            "cần bổ sung trước khi cấp số."
        )
    return failures


def _signed_pdf(
    content: bytes | None, filename: str
) -> tuple[list[str], list[signatures.Finding], list[str]]:
    """(failures, findings, warnings) of the signed file the clerk uploads."""
    if not content:
        return ["Chưa chọn tệp PDF đã ký của văn bản."], [], []
    facts = inspect_upload(content, filename, settings.LUUTRU_MAX_UPLOAD_BYTES)
    if facts.failures:
        return list(facts.failures), [], []
    if facts.kind != "pdf":
        return (
            [
                f"Bản phát hành “{filename}” phải là tệp PDF đã ký (chữ ký số hoặc bản giấy đã ký, đóng dấu được quét)."
            ],
            [],
            [],
        )
    findings = signatures.verify_pdf(content, active_roots())
    bad = [f.summary() for f in findings if f.verdict in signatures.NEEDS_REVIEW]
    if bad:
        return ["Chữ ký số của tệp không hợp lệ, không phát hành được:", *bad], findings, []
    warnings = []
    if not findings:
        warnings.append(
            "Tệp không có chữ ký số: hệ thống ghi nhận đây là bản giấy đã ký, đóng dấu được quét."
        )
    else:
        warnings.extend(f.summary() for f in findings if f.verdict == signatures.Verdict.UNTRUSTED)
    return [], findings, warnings


def issue(
    actor: Any,
    outgoing: Outgoing,
    *,
    content: bytes | None,
    filename: str,
    issued_date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Issued:
    """The clerk issues an approved document: number, date, signed PDF, the registry
    document, delivery to every recipient, the registered copy into the drafter's
    dossier. One transaction: a refusal leaves no number used and nothing changed.
    ``at``: when it was issued, for records entered afterwards (now by default)."""
    moment = at or timezone.now()
    today = timezone.localdate()
    day = issued_date or timezone.localdate(moment)
    failures: list[str] = []
    if not can_issue(actor, outgoing):
        failures.append(
            f"Chỉ văn thư của “{outgoing.org.name}” mới cấp số và phát hành văn bản của cơ quan này."
        )
    file_failures, findings, warnings = _signed_pdf(content, filename)
    failures.extend(file_failures)
    RuleViolation.check(failures)
    assert content is not None
    with transaction.atomic():
        o = (
            Outgoing.objects.select_for_update(of=("self",))
            .select_related("org", "doc_type")
            .get(pk=outgoing.pk)
        )
        RuleViolation.check(_issue_failures(o, day, today))
        number = allocate_number(
            o.org, o.doc_type, day, secret=o.secrecy > Secrecy.NONE, actor=actor
        )
        symbol = symbol_for(o.org, o.doc_type, number, day)
        doc, doc_warnings = create_document(
            actor,
            o.org,
            content=io.BytesIO(content),
            filename=filename,
            metadata={
                "doc_type": o.doc_type_id,
                "symbol": symbol,
                "issued_date": day,
                "subject": o.subject,
                "organ_name": o.org.name,
                "place": o.org.place,
                "signer_full_name": o.signer_full_name,
                "signer_position": o.signer_position,
                "secrecy": o.secrecy,
                "urgency": o.urgency,
                "description": _description(o),
            },
            direction=Direction.OUTGOING,
        )
        warnings.extend(doc_warnings)
        if findings:
            store_findings(actor, doc, findings)
        o.document = doc
        o.state = OutgoingState.ISSUED
        o.issued_by = actor
        o.issued_at = moment
        o.save()
        record(
            actor,
            "outgoing.issue",
            o,
            after={
                "state": o.state,
                "document": doc.pk,
                "symbol": doc.symbol_display,
                "number": number,
                "issued_date": day.isoformat(),
                "signatures": [f.verdict for f in findings],
            },
        )
        if o.corrects_id is not None:
            _link_correction(actor, o, doc)
        warnings.extend(network.deliver(o, content, filename, findings, moment))
        warnings.extend(_file_registered_copy_now(o, doc))
        # Their text is read in the background (search, suggestions), as for any entry.
        for entered in (doc, *network.received_copies(o)):
            document_entered.send(sender=Document, document=entered)
    return Issued(o, warnings)


def _description(o: Outgoing) -> str:
    if o.corrects is not None:
        kind = "Đính chính" if o.correction_kind == CorrectionKind.CORRECTION else "Thay thế"
        return f"{kind} văn bản số {o.corrects.symbol_display}."[:500]
    return ""


def _link_correction(actor: Any, o: Outgoing, doc: Document) -> None:
    original = o.corrects
    assert original is not None
    kind = (
        LinkKind.CORRECTION
        if o.correction_kind == CorrectionKind.CORRECTION
        else LinkKind.REPLACEMENT
    )
    DocumentLink.objects.create(
        document=original,
        other=doc,
        kind=kind,
        by=actor,
        reason=f"{kind.label} bằng văn bản số {doc.symbol_display}",
    )
    if kind == LinkKind.REPLACEMENT:
        replaced = Outgoing.objects.select_for_update().filter(document=original).first()
        if replaced is not None and replaced.state == OutgoingState.ISSUED:
            replaced.state = OutgoingState.REPLACED
            replaced.save(update_fields=["state", "updated_at"])
            network.announce(
                replaced, f"Văn bản đã được thay thế bằng văn bản số {doc.symbol_display}."
            )
    record(
        actor,
        f"outgoing.{kind}",
        original,
        after={"by_document": doc.pk, "symbol": doc.symbol_display},
    )


# ---------------------------------------------------------------- into the dossier


def _file_registered_copy_now(o: Outgoing, doc: Document) -> list[str]:
    """File the issued document into the dossier its drafter chose (after the incoming
    document it answers); when that cannot be done, it waits in the drafter's list."""
    if o.dossier_id is None:
        return [
            "Người soạn chưa chọn hồ sơ: văn bản nằm trong danh sách “cần đưa vào hồ sơ” của họ."
        ]
    dossier = Dossier.objects.get(pk=o.dossier_id)
    try:
        with transaction.atomic():
            if not _finish_answered(o, doc, dossier):
                file_into(o.drafter, dossier, o.answers, doc)
    except RuleViolation as exc:
        return [
            f"Chưa đưa được văn bản vào hồ sơ “{dossier.file_notation}”: {' '.join(exc.messages)} "
            "Văn bản chờ trong danh sách “cần đưa vào hồ sơ” của người soạn."
        ]
    return [f"Văn bản đã vào hồ sơ “{dossier.file_notation} – {dossier.title}” của người soạn."]


def _finish_answered(o: Outgoing, doc: Document, dossier: Dossier) -> bool:
    """When the drafter leads the handling of the incoming document this answers, the
    handling ends with this answer (the desk files both, in order); True if it did."""
    if o.answers_id is None:
        return False
    arrival = Arrival.objects.filter(document_id=o.answers_id).first()
    if arrival is None or arrival.state == ArrivalState.DONE:
        return False
    try:
        with transaction.atomic():
            desk.finish(
                o.drafter,
                arrival,
                answer=doc,
                dossier=dossier,
                note=f"Đã phát hành văn bản trả lời số {doc.symbol_display}.",
            )
    except RuleViolation:
        return False  # someone else leads it: only the filing is the drafter's
    return True


def file_into(actor: Any, dossier: Dossier, answered: Document | None, doc: Document) -> None:
    """Put the incoming document answered (if not there yet) and then ``doc`` into ``dossier``."""
    present = set(active_items(dossier).values_list("document_id", flat=True))
    for d in (answered, doc):
        if d is not None and d.pk not in present:
            add_document_to_dossier(actor, dossier, d)


def file_registered_copy(actor: Any, outgoing: Outgoing, dossier: Dossier) -> Outgoing:
    """The drafter files an issued document waiting in their list into an open dossier."""
    failures = []
    if not is_drafter(actor, outgoing):
        failures.append("Chỉ người soạn thảo văn bản mới đưa bản lưu vào hồ sơ của mình.")
    if outgoing.document is None:
        failures.append("Văn bản chưa phát hành: chưa có bản để lưu vào hồ sơ.")
    if dossier.org_id != outgoing.org_id:
        failures.append("Hồ sơ đã chọn thuộc cơ quan khác.")
    failures.extend(change_failures(actor, dossier))
    RuleViolation.check(failures)
    assert outgoing.document is not None
    with transaction.atomic():
        file_into(actor, dossier, outgoing.answers, outgoing.document)
        Outgoing.objects.filter(pk=outgoing.pk).update(dossier=dossier)
    outgoing.refresh_from_db()
    return outgoing


# ---------------------------------------------------------------- recall


def can_recall(user: Any, outgoing: Outgoing) -> bool:
    """The head of the issuing body decides a recall."""
    return has_role(user, Role.HEAD, outgoing.org, reach_down=False)


def recall(actor: Any, outgoing: Outgoing, reason: str) -> Outgoing:
    """Recall (thu hồi) an issued document: it is frozen, its number stays used (the
    gap is recorded), recipients in luutru are told. Needs the head and a reason."""
    failures = []
    reason = clean_reason(reason)
    if not reason:
        failures.append("Hãy ghi lý do thu hồi văn bản.")
    with transaction.atomic():
        o = (
            Outgoing.objects.select_for_update(of=("self",))
            .select_related("org", "document")
            .get(pk=outgoing.pk)
        )
        if not can_recall(actor, o):
            failures.append(
                f"Chỉ lãnh đạo của “{o.org.name}” mới quyết định thu hồi văn bản của cơ quan này."
            )
        elif not can_view(actor, o, "outgoing"):
            failures.append("Bạn không được tiếp cận độ mật của văn bản này.")
        if o.state != OutgoingState.ISSUED:
            failures.append(
                f"Văn bản đang ở trạng thái “{o.get_state_display()}”: chỉ thu hồi văn bản đã phát hành."
            )
        RuleViolation.check(failures)
        assert o.document is not None
        o.state = OutgoingState.RECALLED
        o.save(update_fields=["state", "updated_at"])
        DocumentLink.objects.create(
            document=o.document, kind=LinkKind.RECALL, reason=reason, by=actor
        )
        record(
            actor,
            "outgoing.recall",
            o,
            before={"state": OutgoingState.ISSUED},
            after={
                "state": o.state,
                "document": o.document_id,
                "symbol": o.document.symbol_display,
                "reason": reason,
                "number_kept": o.document.code_number,
            },
        )
        network.announce(o, f"Văn bản đã bị thu hồi: {reason}")
    return o


def correction_failures(actor: Any, outgoing: Outgoing) -> list[str]:
    """Why ``actor`` may not start a correction or replacement of ``outgoing``."""
    failures = []
    if outgoing.state != OutgoingState.ISSUED:
        failures.append(
            "Chỉ đính chính, thay thế văn bản đã phát hành (chưa bị thu hồi, thay thế)."
        )
    if not (
        is_drafter(actor, outgoing) or has_role(actor, Role.HEAD, outgoing.org, reach_down=False)
    ):
        failures.append(
            "Người soạn văn bản hoặc lãnh đạo cơ quan mới soạn văn bản đính chính, thay thế."
        )
    return failures
