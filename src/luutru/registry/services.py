"""Registry writes: taking documents in, correcting their metadata, numbering,
and reading their content (reads of secret material are events too).

Metadata dicts use the names of ``Document`` (NĐ 30 App. VI): ``doc_type``
(a ``rules.DocumentType`` or its id), ``symbol`` ("12-NQ/TU"; "Số: 12-NQ/TU"
is accepted), ``issued_date`` (a date or "dd/mm/yyyy"), ``organ_name``,
``subject``, ``signer_full_name``, ``signer_position``, ``page_amount``,
``secrecy``, ``urgency``, ``description``; what the header prints as printed:
``issuer``, ``issuer_parent``, ``place``; and on entry ``citations`` (the
documents it cites, see ``citations.store_citations``). Missing keys are
treated as empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import PurePath
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from luutru.access.policy import Denied, can_view, require_view
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.core.vn import nfc
from luutru.orgs.models import Organization, Secrecy, Term
from luutru.orgs.services import ensure_fonds_open
from luutru.registry import citations, queries, secrecy
from luutru.registry.content import UploadFacts, inspect_upload
from luutru.registry.models import Direction, Document, NumberSeries, Urgency
from luutru.registry.notation import STATE_STYLE, parse_symbol
from luutru.registry.signals import document_secrecy_changed
from luutru.rules.book import rulebook
from luutru.rules.models import DocumentType, RuleProfile
from luutru.rules.queries import profile_for
from luutru.storage.models import Blob
from luutru.storage.services import open_blob, put_blob_bytes

DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

# Dossier states in which the documents of a dossier may still be corrected.
EDITABLE_DOSSIER_STATES = ("open", "returned")

TEXT_LIMITS = {
    "subject": ("Trích yếu nội dung", 500),
    "organ_name": ("Tác giả văn bản (cơ quan ban hành)", 200),
    "issuer": ("Cơ quan ban hành (như in trên văn bản)", 200),
    "issuer_parent": ("Cơ quan cấp trên (như in trên văn bản)", 200),
    "place": ("Địa danh", 100),
    "signer_full_name": ("Người ký", 50),
    "signer_position": ("Chức vụ người ký", 100),
    "description": ("Ghi chú", 500),
}
AUDITED_FIELDS = (
    "doc_type_id",
    "type_name",
    "code_number",
    "code_notation",
    "issued_date",
    "organ_name",
    "issuer",
    "issuer_parent",
    "place",
    "subject",
    "signer_full_name",
    "signer_position",
    "page_amount",
    "secrecy",
    "urgency",
    "description",
)


# ---------------------------------------------------------------- validation


def parse_day(value) -> dt.date:
    """A date from a date, "dd/mm/yyyy" or "yyyy-mm-dd"; ValueError in Vietnamese otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = nfc(str(value or "")).strip()
    if m := DMY.fullmatch(text):
        d, mo, y = m.groups()
    elif m := YMD.fullmatch(text):
        y, mo, d = m.groups()
    else:
        m = None
    if m:
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            raise ValueError(f"Ngày văn bản “{text}” không có thật.") from None
    raise ValueError(f"Ngày văn bản “{text}” không đúng dạng ngày/tháng/năm (ví dụ 04/02/2025).")


# ``registering_many``: the rules read once for the documents of one transaction.
_RULES_READ: ContextVar[dict | None] = ContextVar("registry_rules_read", default=None)


@contextmanager
def registering_many() -> Iterator[None]:
    """Check the documents created inside against the rules read once (the
    profile, its types and abbreviations, the number style), not once per
    document. Use it inside the one transaction that registers them (capture's
    chunks): those are the rules that transaction sees."""
    token = _RULES_READ.set({})
    try:
        yield
    finally:
        _RULES_READ.reset(token)


def _rules_read(key: tuple, read: Callable[[], Any]) -> Any:
    memo = _RULES_READ.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()  # a refusal (RuleViolation) is not kept: the next one asks again
    return memo[key]


def _doc_type(org: Organization, value, profile: RuleProfile) -> DocumentType | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, DocumentType) else value

    def read() -> DocumentType | None:
        try:
            return DocumentType.objects.filter(profile=profile).get(pk=int(pk))
        except (DocumentType.DoesNotExist, ValueError, TypeError):
            return None

    return _rules_read(("type", profile.pk, str(pk)), read)


def _choice(value, choices, label: str, failures: list[str]) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        number = -1
    if number not in choices.values:
        failures.append(
            f"{label} “{value}” không hợp lệ; chọn một trong: {', '.join(choices.labels)}."
        )
        return 0
    return number


def validate_metadata(
    actor,
    org: Organization,
    metadata: dict,
    *,
    direction: str = Direction.INTERNAL,
    today: dt.date | None = None,
) -> tuple[dict, list[str], list[str]]:
    """Check metadata against the org's rule profile; return (clean fields,
    failures, warnings). Every failure is listed, not only the first."""
    today = today or timezone.localdate()
    failures: list[str] = []
    warnings: list[str] = []
    clean: dict = {}

    for key, (label, limit) in TEXT_LIMITS.items():
        raw = nfc(str(metadata.get(key) or "")).strip()
        text = raw if key == "description" else " ".join(raw.split())
        if len(text) > limit:
            failures.append(f"{label} dài {len(text)} ký tự, quá giới hạn {limit} ký tự.")
        clean[key] = text
    if not clean["subject"]:
        failures.append("Chưa nhập trích yếu nội dung văn bản.")
    if not clean["organ_name"]:
        if direction == Direction.INCOMING:
            failures.append("Văn bản đến cần ghi tác giả (cơ quan ban hành).")
        else:
            clean["organ_name"] = org.name

    try:
        profile = _rules_read(("profile", org.pk, today), lambda: profile_for(org, today))
    except RuleViolation as exc:
        failures.extend(exc.messages)
        profile = None

    doc_type = _doc_type(org, metadata.get("doc_type"), profile) if profile else None
    if profile and doc_type is None:
        if metadata.get("doc_type") in (None, ""):
            failures.append("Chưa chọn tên loại văn bản.")
        else:
            failures.append(
                f"Loại văn bản đã chọn không có trong bộ quy tắc “{profile.name}” áp dụng cho “{org.name}”."
            )
    clean["doc_type"] = doc_type
    clean["type_name"] = doc_type.name if doc_type else ""

    symbol = nfc(str(metadata.get("symbol") or "")).strip()
    clean["code_number"], clean["code_notation"] = "", ""
    if symbol and profile:
        # The body's own style is the rules' (State for a State body); a State
        # body's document received by anyone is in State style too (a Tỉnh ủy
        # receives the UBND's "125/UBND-VP").
        own_style = _rules_read(
            ("style", org.pk, today), lambda: rulebook().number_style(org, today)
        )
        state = own_style == "state" or (
            direction == Direction.INCOMING and STATE_STYLE.match(symbol) is not None
        )
        foreign = state and own_style != "state"
        by_system = state and (foreign or profile.fonds_system == "state")
        types = DocumentType.objects.filter(
            **({"profile__fonds_system": "state"} if by_system else {"profile": profile})
        )
        type_abbrevs = _rules_read(
            ("type_abbrevs", by_system, profile.pk),
            lambda: set(types.exclude(abbrev="").values_list("abbrev", flat=True)),
        )
        issuer_abbrevs = None
        if not state:
            issuer_abbrevs = _rules_read(
                ("issuer_abbrevs", profile.pk),
                lambda: set(profile.issuers.values_list("abbrev", flat=True)) or None,
            )
        try:
            parsed = parse_symbol(
                symbol,
                type_abbrevs=type_abbrevs,
                issuer_abbrevs=issuer_abbrevs,
                style="state" if state else "party",
            )
        except ValueError as exc:
            failures.append(str(exc))
        else:
            clean["code_number"], clean["code_notation"] = parsed.number, parsed.notation
            warnings.extend(parsed.warnings)
            if (
                doc_type
                and doc_type.abbrev
                and parsed.type_abbrev
                and not foreign
                and (parsed.type_abbrev != doc_type.abbrev)
            ):
                failures.append(
                    f"Số, ký hiệu “{symbol}” ghi loại “{parsed.type_abbrev}” "
                    f"nhưng loại văn bản đã chọn là {doc_type.name} ({doc_type.abbrev}). "
                    "Hãy sửa cho khớp."
                )

    issued = metadata.get("issued_date")
    clean["issued_date"] = None
    if issued in (None, ""):
        failures.append("Chưa nhập ngày tháng văn bản.")
    else:
        try:
            day = parse_day(issued)
        except ValueError as exc:
            failures.append(str(exc))
        else:
            clean["issued_date"] = day
            if day > today:
                failures.append(
                    f"Ngày văn bản {day:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y}). "
                    "Hãy kiểm tra lại ngày ghi trên văn bản."
                )
            if direction != Direction.INCOMING:
                if day < org.valid_from:
                    failures.append(
                        f"Ngày văn bản {day:%d/%m/%Y} trước ngày “{org.name}” bắt đầu hoạt động "
                        f"({org.valid_from:%d/%m/%Y})."
                    )
                if org.valid_to is not None and day > org.valid_to:
                    failures.append(
                        f"Ngày văn bản {day:%d/%m/%Y} sau ngày “{org.name}” kết thúc hoạt động "
                        f"({org.valid_to:%d/%m/%Y})."
                    )

    clean["secrecy"] = _choice(metadata.get("secrecy"), Secrecy, "Độ mật", failures)
    clean["urgency"] = _choice(metadata.get("urgency"), Urgency, "Độ khẩn", failures)
    person = getattr(actor, "person", None) if actor is not None else None
    if person is not None and clean["secrecy"] > person.clearance:
        failures.append(
            f"Bạn chỉ được tiếp cận tài liệu đến độ “{Secrecy(person.clearance).label}”, "
            f"không thể nhập văn bản độ “{Secrecy(clean['secrecy']).label}”. "
            "Hãy chuyển văn bản cho người có thẩm quyền."
        )

    pages = metadata.get("page_amount")
    clean["page_amount"] = None
    if pages not in (None, ""):
        try:
            pages = int(pages)
        except (TypeError, ValueError):
            failures.append(f"Số trang “{pages}” phải là một số nguyên dương.")
        else:
            if not 1 <= pages <= 999:
                failures.append(f"Số trang {pages} không hợp lệ (từ 1 đến 999).")
            else:
                clean["page_amount"] = pages
    return clean, failures, warnings


def _same_number_warning(clean: dict, exclude_pk: int | None = None) -> list[str]:
    if not (clean["code_number"] and clean["code_notation"]):
        return []
    others = Document.objects.filter(
        code_number=clean["code_number"],
        code_notation=clean["code_notation"],
        organ_name=clean["organ_name"],
    )
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if not others.exists():
        return []
    # No title here: the other document may be one the user may not open.
    return [
        f"Đã có văn bản khác cùng số, ký hiệu {clean['code_number']}-{clean['code_notation']} "
        f"của {clean['organ_name']}. Hãy kiểm tra để tránh nhập trùng một văn bản hai lần."
    ]


def _snapshot(doc: Document) -> dict:
    return {f: getattr(doc, f) for f in AUDITED_FIELDS}


# ---------------------------------------------------------------- documents


def create_document(
    actor,
    org: Organization,
    *,
    content: BinaryIO,
    filename: str,
    metadata: dict,
    direction: str = Direction.INTERNAL,
    stored: tuple[Blob, UploadFacts] | None = None,
) -> tuple[Document, list[str]]:
    """Take one file and its metadata into ``org``'s records; return the document
    and warnings. Refuses (changing nothing) with every reason in Vietnamese.
    ``stored``: the blob already holding ``content`` and what ``inspect_upload``
    found for it (capture's intake): not inspected nor stored again."""
    failures: list[str] = []
    if direction not in Direction.values:
        failures.append(f"Loại văn bản “{direction}” không hợp lệ (đến, đi hoặc nội bộ).")
    if actor is not None and not queries.may_add_documents(actor, org):
        failures.append(
            f"Bạn không làm việc tại “{org.name}” nên không thể thêm văn bản vào phông của cơ quan này."
        )
    try:
        ensure_fonds_open(org)
    except RuleViolation as exc:
        failures.extend(exc.messages)

    max_bytes = settings.LUUTRU_MAX_UPLOAD_BYTES
    data = content.read(max_bytes + 1)
    facts = stored[1] if stored else inspect_upload(data, filename, max_bytes)
    failures.extend(facts.failures)

    clean, meta_failures, warnings = validate_metadata(actor, org, metadata, direction=direction)
    failures.extend(meta_failures)
    RuleViolation.check(failures)

    if facts.page_amount is not None:
        if (
            clean["page_amount"]
            and clean["page_amount"] != facts.page_amount
            and facts.kind == "pdf"
        ):
            warnings.append(
                f"Số trang đã nhập ({clean['page_amount']}) khác số trang của tệp PDF "
                f"({facts.page_amount}); hệ thống ghi theo tệp: {facts.page_amount} trang."
            )
        if facts.kind == "pdf" or not clean["page_amount"]:
            clean["page_amount"] = facts.page_amount
    warnings.extend(_same_number_warning(clean))

    with transaction.atomic():
        # The bytes are written and fsynced before the row that names them commits.
        blob = stored[0] if stored else put_blob_for(data, facts.mime)
        # Most files are new: a bare look first, the bodies only when there are some.
        same = Document.objects.filter(blob=blob)
        same_bytes = list(same.select_related("org").order_by("pk")[:5]) if same.exists() else []
        doc = Document.objects.create(
            org=org,
            direction=direction,
            blob=blob,
            created_by=actor if _is_user(actor) else None,
            original_filename=PurePath(filename).name[:255],
            **clean,
        )
        cited = citations.store_citations(actor, doc, metadata.get("citations") or ())
        record(
            actor,
            "document.create",
            doc,
            after={
                **_snapshot(doc),
                "direction": direction,
                "blob": blob.sha256,
                "filename": doc.original_filename,
                **({"citations": [c.number_symbol for c in cited]} if cited else {}),
            },
        )
        citations.link_citing(actor, doc)
    if same_bytes:
        warnings.append(_same_bytes_warning(actor, same_bytes))
    return doc, warnings


def put_blob_for(data: bytes, mime: str):
    return put_blob_bytes(data, mime)


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _same_bytes_warning(actor, same: list[Document]) -> str:
    visible = [d for d in same if actor is not None and can_view(actor, d)]
    if visible:
        names = "; ".join(
            f"“{d.symbol_display or d.subject[:60]}” ({d.org.name})" for d in visible[:3]
        )
        where = f"văn bản đã có: {names}"
    else:
        where = "một văn bản đã có trong hệ thống"
    return (
        f"Nội dung tệp này giống hệt {where}. Tệp chỉ được lưu một lần; văn bản mới dùng chung tệp đó. "
        "Nếu là cùng một văn bản, nên đưa văn bản cũ vào hồ sơ thay vì nhập lại."
    )


def update_document_metadata(
    actor, document: Document, metadata: dict, *, reason: str = ""
) -> Document:
    """Correct a document's metadata (same checks as on entry); refused while it
    sits in a dossier that is closed, deposited or archived. Lowering its secrecy
    needs clearance for the current level, the head's role and a ``reason``."""
    if actor is not None and not queries.can_edit_document(actor, document):
        raise Denied("Bạn không có quyền sửa văn bản này.")
    current = {
        "doc_type": document.doc_type_id,
        "symbol": document.symbol_display,
        "issued_date": document.issued_date,
        "organ_name": document.organ_name,
        "issuer": document.issuer,
        "issuer_parent": document.issuer_parent,
        "place": document.place,
        "subject": document.subject,
        "signer_full_name": document.signer_full_name,
        "signer_position": document.signer_position,
        "page_amount": document.page_amount,
        "secrecy": document.secrecy,
        "urgency": document.urgency,
        "description": document.description,
    }
    merged = {**current, **metadata}
    failures: list[str] = []
    locked = (
        document.dossier_items.filter(removed_at__isnull=True)
        .exclude(dossier__status__in=EDITABLE_DOSSIER_STATES)
        .select_related("dossier")
    )
    for item in locked:
        failures.append(
            f"Văn bản nằm trong hồ sơ “{item.dossier.file_notation}” đang ở trạng thái "
            f"“{item.dossier.get_status_display()}”: không được sửa. "
            "Muốn sửa, hồ sơ phải được mở lại (hoặc bị trả lại) trước."
        )
    if document.in_holdings and not failures:
        failures.append("Văn bản đã thuộc kho lưu trữ: không được sửa thông tin.")
    clean, meta_failures, _ = validate_metadata(
        actor, document.org, merged, direction=document.direction
    )
    failures.extend(meta_failures)
    if "secrecy" in clean:
        failures.extend(
            secrecy.lowering_failures(
                actor, document.org, document.secrecy, clean["secrecy"], reason
            )
        )
    RuleViolation.check(failures)
    with transaction.atomic():
        doc = Document.objects.select_for_update().get(pk=document.pk)
        before = _snapshot(doc)
        # Checked again on the locked row: another request may have raised it meanwhile.
        RuleViolation.check(
            secrecy.lowering_failures(actor, doc.org, doc.secrecy, clean["secrecy"], reason)
        )
        for key, value in clean.items():
            setattr(doc, key, value)
        doc.save()
        after = _snapshot(doc)
        changed = [k for k in AUDITED_FIELDS if before[k] != after[k]]
        record(
            actor,
            "document.update",
            doc,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
        if before["secrecy"] != after["secrecy"]:
            _secrecy_changed(actor, doc, before["secrecy"], after["secrecy"], reason)
    return doc


def _secrecy_changed(actor, doc: Document, before: int, after: int, reason: str) -> None:
    """Audit a lowering with its reason and tell the stages above (filing derives
    its dossiers' levels); call inside the transaction of the change."""
    if after < before:
        record(
            actor,
            "document.secrecy_lowered",
            doc,
            before={"secrecy": before},
            after={"secrecy": after, "reason": clean_reason(reason)},
        )
    document_secrecy_changed.send(
        sender=Document, document=doc, before=before, after=after, actor=actor
    )


def read_document_content(actor, document: Document) -> BinaryIO:
    """Open a document's bytes for ``actor``; reading secret material is recorded."""
    require_view(actor, document, "document")
    if document.blob is None:
        raise RuleViolation("Văn bản này chưa có tệp nội dung.")
    stream = open_blob(document.blob)
    if document.secrecy > Secrecy.NONE:
        record(
            actor,
            "document.read",
            document,
            after={
                "secrecy": document.secrecy,
                "blob": document.blob_id,
            },
        )
    return stream


# ---------------------------------------------------------------- numbering


def series_key(
    org: Organization, doc_type: DocumentType, day: dt.date, *, secret: bool = False
) -> str:
    """The number series a new document of ``doc_type`` by ``org`` on ``day`` is
    numbered from, as the profile's numbering scope says."""
    profile = profile_for(org, day)
    scope = profile.numbering_scope
    if scope == RuleProfile.NumberingScope.PARTY_TERM:
        term = term_on(org, day)
        type_key = doc_type.abbrev or f"t{doc_type.pk}"
        key = f"party_term:{org.pk}:{type_key}:{term.pk}"
    elif scope == RuleProfile.NumberingScope.STATE_ANNUAL:
        key = f"state_annual:{org.pk}:{day.year}"
    else:
        raise RuleViolation(
            f"Bộ quy tắc “{profile.name}” đánh số theo đại hội: hãy cấp số trong hồ sơ đại hội, "
            "chức năng này chưa hỗ trợ cấp số tự động."
        )
    if secret and profile.secret_series == RuleProfile.SecretSeries.SEPARATE:
        key += ":secret"
    return key


def term_on(org: Organization, day: dt.date) -> Term:
    """The term valid on ``day`` of ``org`` or, for a body it set up, of the nearest
    committee above it."""
    ids = [int(p) for p in org.path.split(".") if p] or [org.pk]
    terms = (
        Term.objects.filter(org_id__in=ids, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("org")
    )
    by_org = {t.org_id: t for t in terms}
    for oid in reversed(ids):
        if oid in by_org:
            return by_org[oid]
    raise RuleViolation(
        f"Chưa khai báo nhiệm kỳ của “{org.name}” (hoặc cấp ủy trên) có hiệu lực vào ngày "
        f"{day:%d/%m/%Y}: văn bản của Đảng được đánh số theo nhiệm kỳ. "
        "Đề nghị quản trị viên bổ sung nhiệm kỳ trong mục Tổ chức."
    )


def allocate_number(
    org: Organization, doc_type: DocumentType, day: dt.date, *, secret: bool = False, actor=None
) -> int:
    """Give the next number of the series for (org, type, day); a number is never reused."""
    ensure_fonds_open(org)
    key = series_key(org, doc_type, day, secret=secret)
    with transaction.atomic():
        NumberSeries.objects.get_or_create(scope_key=key)
        series = NumberSeries.objects.select_for_update().get(scope_key=key)
        series.last += 1
        series.save(update_fields=["last"])
        record(
            actor,
            "number.allocate",
            series,
            org_id=org.pk,
            after={"scope_key": key, "number": series.last},
        )
    return series.last


def arrival_series_key(org: Organization, year: int, *, secret: bool = False) -> str:
    """The incoming series of ``org`` for ``year``: one continuous run through the
    year, paper and electronic alike; secret documents in a series of their own
    (DOMAIN §2: sổ văn bản mật đến)."""
    return f"arrival:{org.pk}:{year}" + (":secret" if secret else "")


def number_arrival(actor, document: Document, day: dt.date, *, secret: bool = False) -> int:
    """Give ``document`` (incoming, not yet numbered) the next arrival number of its
    body's series for ``day``'s year and write its arrival number and date. Call
    inside the caller's transaction: if it rolls back, so does the number, so the
    series has no gap."""
    failures = []
    if document.direction != Direction.INCOMING:
        failures.append("Chỉ văn bản đến mới được cấp số đến.")
    if document.arrival_number:
        failures.append(f"Văn bản đã có số đến {document.arrival_number}.")
    RuleViolation.check(failures)
    ensure_fonds_open(document.org, day)
    key = arrival_series_key(document.org, day.year, secret=secret)
    with transaction.atomic():
        NumberSeries.objects.get_or_create(scope_key=key)
        series = NumberSeries.objects.select_for_update().get(scope_key=key)
        series.last += 1
        series.save(update_fields=["last"])
        Document.objects.filter(pk=document.pk).update(
            arrival_number=str(series.last), arrival_date=day
        )
        document.arrival_number, document.arrival_date = str(series.last), day
        record(
            actor,
            "document.arrival_number",
            document,
            after={"scope_key": key, "arrival_number": series.last, "arrival_date": day},
        )
    return series.last
