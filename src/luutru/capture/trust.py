"""The CA roots trusted for signed e-documents, and the verdicts kept per document.

The administrator loads roots by hand (``luutru trust_roots add FILE``); the
pipeline reads the active ones and stores what ``signatures`` found.
"""

from __future__ import annotations

from django.db import transaction

from luutru.audit.services import record
from luutru.capture import signatures
from luutru.capture.models import DocumentSignature, TrustedRoot
from luutru.core.errors import RuleViolation


def active_roots() -> list[bytes]:
    return [
        bytes(der) for der in TrustedRoot.objects.filter(active=True).values_list("der", flat=True)
    ]


@transaction.atomic
def add_root(actor, data: bytes) -> tuple[TrustedRoot, bool]:
    """Trust the CA certificate ``data`` (PEM or DER); return it and whether it is new."""
    try:
        facts = signatures.root_facts(data)
    except ValueError as exc:
        raise RuleViolation(str(exc)) from None
    root, created = TrustedRoot.objects.get_or_create(
        sha256=facts["sha256"],
        defaults={
            "name": facts["name"][:255],
            "subject": facts["subject"],
            "der": facts["der"],
            "not_after": facts["not_after"],
        },
    )
    if not created and root.active:
        return root, False
    if not created:
        root.active = True
        root.save(update_fields=["active"])
    record(
        actor,
        "signature.root_add",
        root,
        after={"name": root.name, "subject": root.subject, "sha256": root.sha256},
    )
    return root, True


@transaction.atomic
def remove_root(actor, sha256: str) -> TrustedRoot:
    """Stop trusting a root (kept, inactive, so past events still name it)."""
    sha256 = sha256.strip().lower().replace(":", "")
    root = TrustedRoot.objects.select_for_update().filter(sha256=sha256, active=True).first()
    if root is None:
        raise RuleViolation(f"Không có CA gốc đang tin cậy với dấu vân tay {sha256}.")
    root.active = False
    root.save(update_fields=["active"])
    record(actor, "signature.root_remove", root, before={"name": root.name, "sha256": root.sha256})
    return root


def store_findings(actor, document, findings: list[signatures.Finding]) -> None:
    """Keep the signatures found on ``document`` (replacing an earlier check) and
    write the audit event; call inside the transaction that registers it."""
    DocumentSignature.objects.filter(document=document).delete()
    DocumentSignature.objects.bulk_create(
        DocumentSignature(
            document=document,
            position=n,
            verdict=f.verdict,
            field_name=f.field_name[:255],
            signer=f.signer[:255],
            signer_subject=f.signer_subject,
            issuer=f.issuer[:255],
            serial=f.serial[:80],
            cert_sha256=f.cert_sha256,
            signing_time=f.signing_time,
            intact=f.intact,
            trusted=f.trusted,
            whole_file=f.whole_file,
            detail=" ".join(f.reasons),
        )
        for n, f in enumerate(findings)
    )
    record(
        actor,
        "document.signatures_checked",
        document,
        after={
            "verdict": signatures.worst(f.verdict for f in findings),
            "signatures": [{"signer": f.signer, "verdict": f.verdict} for f in findings],
        },
    )
