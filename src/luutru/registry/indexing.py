"""What the search index holds for a document, and when it changes
(``luutru.search.kinds``): registry hands search its documents."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from luutru.core.vn import short_date
from luutru.registry.models import Document
from luutru.search import kinds
from luutru.search.backends.base import IndexDoc
from luutru.search.services import enqueue
from luutru.search.sources import MAX_BODY_CHARS


def _text(doc: Document) -> str:
    try:
        text = doc.text  # capture's DocumentText, when the file was read
    except ObjectDoesNotExist:
        return ""
    return text.text if text else ""


def _rows(ids=None):
    qs = Document.objects.select_related("text", "doc_type").order_by("pk")
    return qs if ids is None else qs.filter(pk__in=ids)


def _build(docs: list[Document]) -> list[IndexDoc]:
    out = []
    for doc in docs:
        body = "\n".join(filter(None, [doc.description, _text(doc)]))
        out.append(
            IndexDoc(
                kind="document",
                obj_id=doc.pk,
                title=doc.subject,
                ident=" ".join(filter(None, [doc.symbol_display, doc.arrival_number])),
                issuer=" ".join(
                    filter(None, [doc.organ_name, doc.type_name, doc.signer_full_name])
                ),
                body=body[:MAX_BODY_CHARS],
                day=doc.issued_date,
                year=doc.issued_date.year if doc.issued_date else None,
                type=doc.type_name or (doc.doc_type.name if doc.doc_type is not None else ""),
                status="",
            )
        )
    return out


def _shown_rows(ids):
    return Document.objects.select_related("org", "text", "doc_type").filter(pk__in=ids)


def _show(doc: Document) -> kinds.Shown:
    return kinds.Shown(
        url=reverse("registry:detail", args=[doc.pk]),
        title=doc.subject or "(chưa có trích yếu)",
        text="\n".join(filter(None, [doc.description, _text(doc)])),
        symbol=doc.symbol_display,
        date=short_date(doc.issued_date),
        org_name=doc.org.name,
        type=doc.type_name or (doc.doc_type.name if doc.doc_type is not None else ""),
        secrecy=doc.secrecy,
        secrecy_label=doc.get_secrecy_display() if doc.secrecy else "",
    )


def _changed(sender, instance, **kwargs):
    enqueue("document", [instance.pk])


def register() -> None:
    kinds.register(
        kinds.Indexed(
            name="document",
            label="Văn bản",
            rows=_rows,
            build=_build,
            show=_show,
            shown_rows=_shown_rows,
        )
    )
    post_save.connect(_changed, sender=Document, dispatch_uid="search-Document-save")
    post_delete.connect(_changed, sender=Document, dispatch_uid="search-Document-delete")
