"""What the fixity report says of a lost or changed blob that documents use:
registered with storage (which sits below the registry and names no app)."""

from __future__ import annotations

from luutru.registry.models import Document
from luutru.storage.services import register_blob_users


def documents_using(sha256: str) -> list[str]:
    """Lines naming the documents whose file is this blob (so the archivist knows what to restore)."""
    docs = Document.objects.filter(blob_id=sha256).select_related("org").order_by("org__name", "id")
    lines = []
    for d in docs:
        parts = [f"văn bản #{d.pk}", d.symbol_display, f"“{d.subject[:80]}”", f"– {d.org.name}"]
        lines.append(" ".join(p for p in parts if p))
    return lines


def register() -> None:
    register_blob_users(documents_using)
