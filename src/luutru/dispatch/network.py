"""An issued document on its way: to bodies in luutru over the network (it arrives
in each one's incoming queue, registered with its arrival number, metadata and
signature verdict: nobody types it again), and to bodies outside as an exchange
package (a ZIP with the PDF and ``metadata.json``, described by
``schemas/exchange-package.schema.json``) that another luutru installation
imports (``luutru exchange import FILE --org CODE``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from django.db import transaction
from django.utils import timezone

from luutru.audit.services import record
from luutru.capture import signatures
from luutru.capture.trust import active_roots, store_findings
from luutru.core.errors import RuleViolation
from luutru.desk import services as desk
from luutru.desk.models import Arrival, Channel
from luutru.dispatch.models import Delivery, DeliveryState, Outgoing, Recipient
from luutru.orgs.models import Organization, Secrecy
from luutru.registry.models import Document
from luutru.registry.signals import document_entered
from luutru.rules.models import DocumentType
from luutru.rules.queries import profile_for
from luutru.storage.services import open_blob

SCHEMA_PATH = Path(__file__).with_name("schemas") / "exchange-package.schema.json"
PACKAGE_FORMAT = "luutru-exchange-package"
METADATA_NAME = "metadata.json"
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
SECRET_NOT_SENT = (
    "Văn bản mật không gửi qua mạng: chuyển bằng đường cơ yếu hoặc bản giấy theo quy định "
    "bảo vệ bí mật nhà nước."
)


# ---------------------------------------------------------------- metadata


def _type_in(org: Organization, type_name: str, abbrev: str, day: dt.date) -> DocumentType | None:
    """The recipient's own document type for the sender's (by abbreviation, then name)."""
    try:
        profile = profile_for(org, day)
    except RuleViolation:
        return None
    types = DocumentType.objects.filter(profile=profile)
    return (abbrev and types.filter(abbrev=abbrev).first()) or types.filter(name=type_name).first()


def metadata_of(doc: Document, recipients: list[Recipient]) -> dict[str, Any]:
    """The package's ``document`` part: NĐ 30/2020 App. VI names of an outgoing document."""
    return {
        "TypeName": doc.type_name,
        "TypeAbbrev": doc.doc_type.abbrev if doc.doc_type is not None else "",
        "CodeNumber": doc.code_number,
        "CodeNotation": doc.code_notation,
        "Symbol": doc.symbol_display,
        "IssuedDate": doc.issued_date.isoformat() if doc.issued_date else None,
        "OrganName": doc.organ_name,
        "Place": doc.place,
        "Subject": doc.subject,
        "Language": doc.language,
        "PageAmount": doc.page_amount,
        "Description": doc.description,
        "SignerInfo": {"Position": doc.signer_position, "FullName": doc.signer_full_name},
        "To": [
            {"OrganId": (r.org.organ_id if r.org is not None else ""), "OrganName": r.name}
            for r in recipients
        ],
        "Priority": {"Urgency": doc.urgency, "Secrecy": doc.secrecy},
        "IssuedAmount": len(recipients) + 1,
        "DueDate": doc.due_date.isoformat() if doc.due_date else None,
    }


def fields_for(org: Organization, meta: dict[str, Any]) -> dict[str, Any]:
    """The registry fields of the copy ``org`` receives, from the package metadata."""
    day = (
        dt.date.fromisoformat(meta["IssuedDate"])
        if meta.get("IssuedDate")
        else timezone.localdate()
    )
    doc_type = _type_in(org, meta.get("TypeName", ""), meta.get("TypeAbbrev", ""), day)
    signer = meta.get("SignerInfo") or {}
    return {
        "doc_type": doc_type.pk if doc_type is not None else None,
        "symbol": meta.get("Symbol", ""),
        "issued_date": day,
        "organ_name": meta.get("OrganName", ""),
        "issuer": meta.get("OrganName", ""),
        "place": meta.get("Place", ""),
        "subject": meta.get("Subject", ""),
        "signer_full_name": signer.get("FullName", ""),
        "signer_position": signer.get("Position", ""),
        "page_amount": meta.get("PageAmount"),
        "secrecy": (meta.get("Priority") or {}).get("Secrecy", 0),
        "urgency": (meta.get("Priority") or {}).get("Urgency", 0),
        "description": meta.get("Description", ""),
    }


# ---------------------------------------------------------------- the network


def _receive(
    org: Organization,
    meta: dict[str, Any],
    content: bytes,
    filename: str,
    *,
    sender: str,
    source: object | None,
    actor: Any = None,
    at: dt.datetime | None = None,
) -> Arrival:
    """Register the copy in ``org``'s incoming series with the verdict on its
    signatures as the receiving side checks them."""
    arrival = desk.receive(
        actor,
        org,
        fields=fields_for(org, meta),
        content=content,
        filename=filename,
        channel=Channel.ELECTRONIC,
        sender=sender,
        urgency=(meta.get("Priority") or {}).get("Urgency", 0),
        source=source,
        received_at=at,
    )
    if found := signatures.verify_pdf(content, active_roots()):
        store_findings(None, arrival.document, found)
    return arrival


def deliver(
    o: Outgoing,
    content: bytes,
    filename: str,
    findings: list[signatures.Finding],
    at: dt.datetime | None = None,
) -> list[str]:
    """Send the issued document to each recipient; return what to tell the clerk.
    A recipient that cannot take it now (closed fonds, no matching type) gets a
    failed delivery row with the reason: the issue itself stands."""
    assert o.document is not None
    recipients = list(o.recipients.select_related("org"))
    meta = metadata_of(o.document, recipients)
    said: list[str] = []
    sent = 0
    for r in recipients:
        if r.org is None:
            Delivery.objects.create(
                recipient=r,
                document=o.document,
                state=DeliveryState.PACKAGED,
                detail="Ngoài hệ thống: tải gói trao đổi (PDF và tệp thông tin) để gửi.",
            )
            continue
        if o.secrecy > Secrecy.NONE:
            Delivery.objects.create(
                recipient=r, document=o.document, state=DeliveryState.FAILED, detail=SECRET_NOT_SENT
            )
            continue
        try:
            with transaction.atomic():
                arrival = _receive(
                    r.org, meta, content, filename, sender=o.org.name, source=o, at=at
                )
        except RuleViolation as exc:
            reason = " ".join(exc.messages)
            Delivery.objects.create(
                recipient=r, document=o.document, state=DeliveryState.FAILED, detail=reason
            )
            said.append(f"Chưa gửi được đến “{r.name}”: {reason}")
            continue
        Delivery.objects.create(
            recipient=r,
            document=o.document,
            state=DeliveryState.DELIVERED,
            received_document=arrival.document,
            arrival_number=arrival.number_display,
            received_at=arrival.received_at,
        )
        sent += 1
        record(
            None,
            "outgoing.deliver",
            o,
            after={
                "to": r.org_id,
                "document": arrival.document_id,
                "arrival": arrival.number_display,
            },
        )
    if sent:
        said.insert(
            0, f"Đã gửi qua mạng đến {sent} cơ quan trong hệ thống; văn bản đã vào sổ đến của họ."
        )
    return said


def received_copies(o: Outgoing) -> list[Document]:
    """The incoming documents the recipients in luutru registered for ``o``."""
    return [
        d.received_document
        for d in Delivery.objects.filter(
            recipient__outgoing=o, received_document__isnull=False
        ).select_related("received_document")
        if d.received_document is not None
    ]


def announce(o: Outgoing, text: str) -> None:
    """Tell the bodies that received ``o`` over the network that it was recalled or
    replaced: each delivery row says so, and the event is in the recipient's log."""
    for d in Delivery.objects.filter(recipient__outgoing=o).select_related("recipient"):
        if d.state == DeliveryState.DELIVERED and d.received_document_id is not None:
            record(
                None,
                "incoming.recall_notice",
                d.received_document,
                org_id=d.recipient.org_id,
                after={"from": o.org_id, "text": text},
            )
        d.state = DeliveryState.RECALLED if "thu hồi" in text else d.state
        d.detail = (
            d.detail + "\n" if d.detail else ""
        ) + f"{timezone.localdate():%d/%m/%Y}: {text}"
        d.save(update_fields=["state", "detail", "updated_at"])


# ---------------------------------------------------------------- packages


@cache
def package_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def export_package(actor: Any, o: Outgoing) -> tuple[str, bytes]:
    """The exchange package of an issued document: (file name, ZIP bytes)."""
    failures = []
    if o.document is None:
        failures.append("Văn bản chưa phát hành: chưa có gói trao đổi.")
    elif o.secrecy > Secrecy.NONE:
        failures.append(SECRET_NOT_SENT)
    RuleViolation.check(failures)
    doc = o.document
    assert doc is not None and doc.blob is not None
    with open_blob(doc.blob) as f:
        content = f.read()
    name = PurePosixPath(doc.original_filename or "van-ban.pdf").name
    sha256 = hashlib.sha256(content).hexdigest()
    meta: dict[str, Any] = {
        "format": PACKAGE_FORMAT,
        "version": 1,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "sender": {"OrganId": o.org.organ_id, "OrganName": o.org.name},
        "document": metadata_of(doc, list(o.recipients.select_related("org"))),
        "file": {
            "name": name,
            "sha256": sha256,
            "size": len(content),
            "mime": doc.blob.mime,
        },
        "signatures": [
            {
                "verdict": s.verdict,
                "signer": s.signer,
                "issuer": s.issuer,
                "signing_time": s.signing_time.isoformat() if s.signing_time else None,
            }
            for s in doc.signatures.all()
        ],
    }
    jsonschema.validate(meta, package_schema())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(METADATA_NAME, json.dumps(meta, ensure_ascii=False, indent=2))
        z.writestr(f"van-ban/{name}", content)
    record(actor, "outgoing.package", o, after={"document": doc.pk, "sha256": sha256})
    slug = doc.symbol_display.replace("/", "-") or f"van-ban-{doc.pk}"
    return f"goi-trao-doi-{slug}.zip", buffer.getvalue()


def read_package(data: bytes) -> tuple[dict[str, Any], bytes]:
    """(metadata, PDF bytes) of a package, checked: a ZIP, valid metadata, the file
    whole (its SHA-256 as stated). RuleViolation in Vietnamese otherwise."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise RuleViolation("Gói trao đổi quá lớn (tối đa 100 MB).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = json.loads(z.read(METADATA_NAME).decode("utf-8"))
            jsonschema.validate(meta, package_schema())
            name = meta["file"]["name"]
            content = z.read(f"van-ban/{name}")
    except zipfile.BadZipFile:
        raise RuleViolation("Tệp không phải gói trao đổi (không phải tệp ZIP).") from None
    except KeyError as exc:
        raise RuleViolation(f"Gói trao đổi thiếu phần {exc}: không nhận được.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RuleViolation(
            "Tệp thông tin metadata.json của gói không đọc được (không phải JSON UTF-8)."
        ) from None
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "gốc"
        raise RuleViolation(
            f"Tệp thông tin của gói không đúng mẫu ở “{where}”: {exc.message}"
        ) from None
    if hashlib.sha256(content).hexdigest() != meta["file"]["sha256"]:
        raise RuleViolation(
            "Tệp văn bản trong gói đã bị thay đổi (mã SHA-256 không khớp): không nhận."
        )
    if (meta["document"].get("Priority") or {}).get("Secrecy", 0):
        raise RuleViolation(SECRET_NOT_SENT)
    return meta, content


def import_package(actor: Any, org: Organization, data: bytes) -> Arrival:
    """Register a package from another installation in ``org``'s incoming series
    (``actor`` None: the system, as ``luutru exchange import`` does)."""
    meta, content = read_package(data)
    with transaction.atomic():
        arrival = _receive(
            org,
            meta["document"],
            content,
            meta["file"]["name"],
            sender=meta["sender"]["OrganName"],
            source=None,
            actor=actor,
        )
        document_entered.send(sender=Document, document=arrival.document)
        record(
            actor,
            "incoming.package_import",
            arrival.document,
            org_id=org.pk,
            after={"sha256": meta["file"]["sha256"], "sender": meta["sender"]["OrganName"]},
        )
    return arrival
