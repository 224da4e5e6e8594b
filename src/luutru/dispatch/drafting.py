"""Drafting and approval of outgoing documents: an official drafts (a DOCX or PDF,
its type, subject and "Nơi nhận"), submits it; the head of the body approves it
or returns it with comments. Every uploaded file is kept as a version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.dispatch.models import (
    EDITABLE,
    CorrectionKind,
    DraftVersion,
    Outgoing,
    OutgoingState,
    Recipient,
    Review,
    ReviewDecision,
)
from luutru.filing.changes import change_failures
from luutru.filing.models import Dossier
from luutru.orgs.models import Organization, Role, Secrecy
from luutru.orgs.services import ensure_fonds_open
from luutru.registry.content import inspect_upload
from luutru.registry.models import Direction, Document, Urgency
from luutru.registry.queries import may_add_documents
from luutru.rules.models import DocumentType
from luutru.rules.queries import profile_for
from luutru.storage.services import put_blob_bytes

DRAFT_KINDS = ("pdf", "docx")
SUBJECT_LIMIT = 500
NAME_LIMIT = 200
PURPOSE_LIMIT = 100
COMMENT_LIMIT = 2000
MAX_RECIPIENTS = 200


# ---------------------------------------------------------------- who may


def can_draft(user: Any, org: Organization) -> bool:
    """Officials, clerks and heads working in the body draft its documents."""
    return may_add_documents(user, org)


def can_approve(user: Any, outgoing: Outgoing) -> bool:
    """The head of the issuing body itself approves (not a head elsewhere)."""
    return has_role(user, Role.HEAD, outgoing.org, reach_down=False)


def can_issue(user: Any, outgoing: Outgoing) -> bool:
    """The clerk (văn thư) of the issuing body numbers and issues."""
    return has_role(user, Role.CLERK, outgoing.org, reach_down=False)


def is_drafter(user: Any, outgoing: Outgoing) -> bool:
    return getattr(user, "pk", None) is not None and outgoing.drafter_id == user.pk


# ---------------------------------------------------------------- checks


def _text(
    value: Any, label: str, limit: int, failures: list[str], *, required: bool = False
) -> str:
    text = " ".join(nfc(str(value or "")).split())
    if len(text) > limit:
        failures.append(f"{label} dài {len(text)} ký tự, quá giới hạn {limit} ký tự.")
    if required and not text:
        failures.append(f"Chưa nhập {label.lower()}.")
    return text[:limit]


def _level(value: Any, choices: Any, label: str, failures: list[str]) -> int:
    try:
        n = int(value or 0)
    except (TypeError, ValueError):
        n = -1
    if n not in choices.values:
        failures.append(
            f"{label} “{value}” không hợp lệ; chọn một trong: {', '.join(choices.labels)}."
        )
        return 0
    return n


def _doc_type(org: Organization, value: Any, failures: list[str]) -> DocumentType | None:
    if value in (None, ""):
        failures.append("Chưa chọn tên loại văn bản.")
        return None
    try:
        profile = profile_for(org, timezone.localdate())
    except RuleViolation as exc:
        failures.extend(exc.messages)
        return None
    pk = value.pk if isinstance(value, DocumentType) else value
    try:
        return DocumentType.objects.get(profile=profile, pk=int(pk))
    except (DocumentType.DoesNotExist, TypeError, ValueError):
        failures.append(
            f"Loại văn bản đã chọn không có trong bộ quy tắc “{profile.name}” áp dụng cho “{org.name}”."
        )
        return None


def recipient_rows(
    org: Organization, recipients: Iterable[dict[str, Any]], failures: list[str]
) -> list[Recipient]:
    """The "Nơi nhận" lines, checked: each a body in luutru (``org``: a body or its
    id) or a name of a body outside, with what it receives it for (``purpose``)."""
    rows: list[Recipient] = []
    seen: set[int] = set()
    for n, raw in enumerate(recipients, start=1):
        target = raw.get("org")
        purpose = _text(raw.get("purpose"), f"Nơi nhận thứ {n}: “để …”", PURPOSE_LIMIT, failures)
        name = _text(raw.get("name"), f"Tên nơi nhận thứ {n}", NAME_LIMIT, failures)
        body: Organization | None = None
        if target not in (None, ""):
            body = target if isinstance(target, Organization) else None
            if body is None:
                try:
                    body = Organization.objects.get(pk=int(target))
                except (Organization.DoesNotExist, TypeError, ValueError):
                    failures.append(
                        f"Nơi nhận thứ {n}: không có cơ quan mã “{target}” trong hệ thống."
                    )
                    continue
            if body.pk == org.pk:
                failures.append(
                    f"Nơi nhận thứ {n} là chính “{org.name}”: văn bản đi gửi cơ quan khác; "
                    "bản lưu của cơ quan do văn thư giữ."
                )
                continue
            if not body.is_active:
                failures.append(f"“{body.name}” đã ngừng hoạt động: không gửi văn bản đến được.")
                continue
            if body.pk in seen:
                failures.append(f"“{body.name}” có hai lần trong nơi nhận.")
                continue
            seen.add(body.pk)
            name = name or body.name
        elif not name:
            continue  # an empty line of the form
        rows.append(Recipient(org=body, name=name, purpose=purpose, position=len(rows) + 1))
    if not rows:
        failures.append(
            "Chưa có nơi nhận: chọn cơ quan trong hệ thống hoặc ghi tên cơ quan ngoài hệ thống."
        )
    if len(rows) > MAX_RECIPIENTS:
        failures.append(f"Nhiều nhất {MAX_RECIPIENTS} nơi nhận cho một văn bản.")
    return rows


def _file_failures(content: bytes | None, filename: str) -> tuple[list[str], str]:
    if not content:
        return ["Chưa chọn tệp dự thảo (DOCX hoặc PDF)."], ""
    facts = inspect_upload(content, filename, settings.LUUTRU_MAX_UPLOAD_BYTES)
    if facts.failures:
        return list(facts.failures), ""
    if facts.kind not in DRAFT_KINDS:
        return [f"Tệp dự thảo “{filename}” phải là tài liệu Word (DOCX) hoặc PDF."], ""
    return [], facts.mime


def _dossier_failures(actor: Any, org: Organization, dossier: Dossier | None) -> list[str]:
    if dossier is None:
        return []
    failures = []
    if dossier.org_id != org.pk:
        failures.append("Hồ sơ đã chọn thuộc cơ quan khác: chọn một hồ sơ của cơ quan ban hành.")
    failures.extend(change_failures(actor, dossier))
    return failures


def _answers_failures(actor: Any, org: Organization, document: Document | None) -> list[str]:
    if document is None:
        return []
    if document.org_id != org.pk or document.direction != Direction.INCOMING:
        return ["Văn bản được trả lời phải là văn bản đến của cùng cơ quan."]
    if not can_view(actor, document, "document"):
        return ["Bạn không có quyền xem văn bản đến đã chọn."]
    return []


def _clean_fields(
    actor: Any, org: Organization, fields: dict[str, Any], failures: list[str]
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "doc_type": _doc_type(org, fields.get("doc_type"), failures),
        "subject": _text(
            fields.get("subject"), "Trích yếu nội dung", SUBJECT_LIMIT, failures, required=True
        ),
        "secrecy": _level(fields.get("secrecy"), Secrecy, "Độ mật", failures),
        "urgency": _level(fields.get("urgency"), Urgency, "Độ khẩn", failures),
        "signer_full_name": _text(fields.get("signer_full_name"), "Người ký", 50, failures),
        "signer_position": _text(fields.get("signer_position"), "Chức vụ người ký", 100, failures),
    }
    person = getattr(actor, "person", None)
    if person is not None and clean["secrecy"] > person.clearance:
        failures.append(
            f"Bạn chỉ được tiếp cận tài liệu đến độ “{Secrecy(person.clearance).label}”, "
            f"không thể soạn văn bản độ “{Secrecy(clean['secrecy']).label}”."
        )
    return clean


def _snapshot(o: Outgoing) -> dict[str, Any]:
    return {
        "state": o.state,
        "doc_type": o.doc_type_id,
        "subject": o.subject,
        "secrecy": o.secrecy,
        "urgency": o.urgency,
        "dossier": o.dossier_id,
        "answers": o.answers_id,
        "recipients": [str(r) for r in o.recipients.all()],
    }


def _lock(outgoing: Outgoing) -> Outgoing:
    return (
        Outgoing.objects.select_for_update(of=("self",)).select_related("org").get(pk=outgoing.pk)
    )


# ---------------------------------------------------------------- writes


def create_draft(
    actor: Any,
    org: Organization,
    *,
    fields: dict[str, Any],
    recipients: Iterable[dict[str, Any]],
    content: bytes | None,
    filename: str,
    dossier: Dossier | None = None,
    answers: Document | None = None,
    corrects: Document | None = None,
    correction_kind: str = "",
) -> Outgoing:
    """Start an outgoing document: its first version, type, subject, "Nơi nhận",
    and (optionally) the dossier its registered copy goes into and the incoming
    document it answers. Refuses with every reason; nothing is kept then."""
    failures: list[str] = []
    if not can_draft(actor, org):
        failures.append(
            f"Bạn không làm việc tại “{org.name}” nên không soạn văn bản đi của cơ quan này."
        )
    try:
        ensure_fonds_open(org)
    except RuleViolation as exc:
        failures.extend(exc.messages)
    clean = _clean_fields(actor, org, fields, failures)
    rows = recipient_rows(org, recipients, failures)
    file_failures, mime = _file_failures(content, filename)
    failures.extend(file_failures)
    failures.extend(_dossier_failures(actor, org, dossier))
    failures.extend(_answers_failures(actor, org, answers))
    if correction_kind not in CorrectionKind.values:
        failures.append("Kiểu sửa văn bản không hợp lệ (đính chính hoặc thay thế).")
    if corrects is not None:
        if corrects.org_id != org.pk or corrects.direction != Direction.OUTGOING:
            failures.append("Chỉ đính chính, thay thế văn bản đi của chính cơ quan.")
        elif not correction_kind:
            failures.append("Chọn kiểu sửa: đính chính hay văn bản thay thế.")
    RuleViolation.check(failures)
    assert content is not None
    with transaction.atomic():
        blob = put_blob_bytes(content, mime)
        o = Outgoing.objects.create(
            org=org,
            drafter=actor,
            dossier=dossier,
            answers=answers,
            corrects=corrects,
            correction_kind=correction_kind if corrects is not None else "",
            **clean,
        )
        for r in rows:
            r.outgoing = o
        Recipient.objects.bulk_create(rows)
        DraftVersion.objects.create(
            outgoing=o, number=1, blob=blob, filename=filename[:255], uploaded_by=actor
        )
        record(
            actor, "outgoing.draft", o, after={**_snapshot(o), "version": 1, "blob": blob.sha256}
        )
    return o


def update_draft(
    actor: Any,
    outgoing: Outgoing,
    *,
    fields: dict[str, Any],
    recipients: Iterable[dict[str, Any]],
    content: bytes | None = None,
    filename: str = "",
    note: str = "",
    dossier: Dossier | None = None,
) -> Outgoing:
    """The drafter changes a draft not yet submitted (or returned): the fields,
    "Nơi nhận", and with a file, a new version (the earlier ones stay)."""
    failures: list[str] = []
    org = outgoing.org
    clean = _clean_fields(actor, org, fields, failures)
    rows = recipient_rows(org, recipients, failures)
    note = _text(note, "Ghi chú của bản dự thảo", 500, failures)
    mime = ""
    if content:
        file_failures, mime = _file_failures(content, filename)
        failures.extend(file_failures)
    failures.extend(_dossier_failures(actor, org, dossier))
    with transaction.atomic():
        o = _lock(outgoing)
        if not is_drafter(actor, o):
            failures.append("Chỉ người soạn thảo mới sửa được dự thảo này.")
        if o.state not in EDITABLE:
            failures.append(
                f"Dự thảo đang ở trạng thái “{o.get_state_display()}”: không sửa được. "
                "Chỉ sửa khi đang soạn hoặc bị trả lại."
            )
        RuleViolation.check(failures)
        before = _snapshot(o)
        for key, value in clean.items():
            setattr(o, key, value)
        o.dossier = dossier
        o.save()
        o.recipients.all().delete()
        for r in rows:
            r.outgoing = o
        Recipient.objects.bulk_create(rows)
        version = None
        if content:
            last = o.versions.order_by("-number").first()
            version = DraftVersion.objects.create(
                outgoing=o,
                number=(last.number if last else 0) + 1,
                blob=put_blob_bytes(content, mime),
                filename=filename[:255],
                note=note,
                uploaded_by=actor,
            )
        record(
            actor,
            "outgoing.update",
            o,
            before=before,
            after={**_snapshot(o), **({"version": version.number} if version else {})},
        )
    return o


def submit(actor: Any, outgoing: Outgoing, *, at: dt.datetime | None = None) -> Outgoing:
    """The drafter sends the draft to the head for approval (``at``: when, for records
    entered afterwards; now by default)."""
    with transaction.atomic():
        o = _lock(outgoing)
        failures = []
        if not is_drafter(actor, o):
            failures.append("Chỉ người soạn thảo mới trình duyệt được dự thảo này.")
        if o.state not in EDITABLE:
            failures.append(
                f"Dự thảo đang ở trạng thái “{o.get_state_display()}”: không trình duyệt lại được."
            )
        version = o.latest_version()
        if version is None:
            failures.append("Dự thảo chưa có tệp nội dung.")
        RuleViolation.check(failures)
        assert version is not None
        o.state = OutgoingState.SUBMITTED
        o.save(update_fields=["state", "updated_at"])
        Review.objects.create(
            outgoing=o,
            version=version,
            decision=ReviewDecision.SUBMITTED,
            by=actor,
            at=at or timezone.now(),
        )
        record(actor, "outgoing.submit", o, after={"state": o.state, "version": version.number})
    return o


def _review(
    actor: Any, outgoing: Outgoing, decision: str, comment: str, at: dt.datetime | None
) -> Outgoing:
    failures: list[str] = []
    comment = _text(comment, "Ý kiến", COMMENT_LIMIT, failures)
    if decision == ReviewDecision.RETURNED and not comment:
        failures.append("Khi trả lại dự thảo, hãy ghi ý kiến: cần sửa gì.")
    with transaction.atomic():
        o = _lock(outgoing)
        if not can_approve(actor, o):
            failures.append(
                f"Chỉ lãnh đạo của “{o.org.name}” mới duyệt văn bản đi của cơ quan này."
            )
        elif not can_view(actor, o, "outgoing"):
            failures.append("Bạn không được tiếp cận độ mật của dự thảo này.")
        if o.state != OutgoingState.SUBMITTED:
            failures.append(
                f"Dự thảo đang ở trạng thái “{o.get_state_display()}”, không phải chờ duyệt."
            )
        RuleViolation.check(failures)
        version = o.latest_version()
        assert version is not None  # submitted drafts have one
        before = o.state
        if decision == ReviewDecision.APPROVED:
            o.state = OutgoingState.APPROVED
            o.approved_by = actor
            o.approved_at = at or timezone.now()
        else:
            o.state = OutgoingState.RETURNED
        o.save()
        Review.objects.create(
            outgoing=o,
            version=version,
            decision=decision,
            comment=comment,
            by=actor,
            at=at or timezone.now(),
        )
        record(
            actor,
            "outgoing.approve" if decision == ReviewDecision.APPROVED else "outgoing.return",
            o,
            before={"state": before},
            after={"state": o.state, "version": version.number, "comment": comment},
        )
    return o


def approve(
    actor: Any, outgoing: Outgoing, comment: str = "", *, at: dt.datetime | None = None
) -> Outgoing:
    """The head of the body approves the latest version for issuing."""
    return _review(actor, outgoing, ReviewDecision.APPROVED, comment, at)


def return_draft(
    actor: Any, outgoing: Outgoing, comment: str, *, at: dt.datetime | None = None
) -> Outgoing:
    """The head returns the draft to its drafter with what to change."""
    return _review(actor, outgoing, ReviewDecision.RETURNED, comment, at)
