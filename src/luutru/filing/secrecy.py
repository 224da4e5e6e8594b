"""A dossier's secrecy, derived from its documents (DOMAIN §7: a dossier is at least as
secret as its most secret document).

``Dossier.secrecy`` = max(``declared_secrecy``, the levels of the documents still in it),
recomputed whenever a document is added or removed and whenever a document's own level
changes (the registry's ``document_secrecy_changed`` signal, connected in ``apps.ready``:
the registry does not know dossiers). Every change of the derived level is audited.
"""

from __future__ import annotations

from django.db.models import Max

from luutru.audit.services import Actor, record
from luutru.filing.models import Dossier, DossierItem
from luutru.registry.models import Document
from luutru.registry.signals import document_secrecy_changed


def documents_level(dossier: Dossier) -> int:
    """The level of the most secret document still in ``dossier`` (0 when empty)."""
    top = DossierItem.objects.filter(dossier_id=dossier.pk, removed_at__isnull=True).aggregate(
        m=Max("document__secrecy")
    )["m"]
    return top or 0


def derive_dossier_secrecy(
    actor: Actor, dossier: Dossier, *, cause: str, document: Document | None = None
) -> int:
    """Set ``dossier.secrecy`` to max(declared, its documents); audit a change.
    Call inside the transaction of the change, with ``dossier`` locked or fresh."""
    derived = max(dossier.declared_secrecy, documents_level(dossier))
    if derived != dossier.secrecy:
        before = dossier.secrecy
        dossier.secrecy = derived
        # save() (not update()) so that the search index hears of the new level.
        dossier.save(update_fields=["secrecy", "updated_at"])
        record(
            actor,
            "dossier.secrecy",
            dossier,
            before={"secrecy": before},
            after={
                "secrecy": derived,
                "declared_secrecy": dossier.declared_secrecy,
                "cause": cause,
                "document": getattr(document, "pk", None),
            },
        )
    return derived


def on_document_secrecy_changed(
    sender: object,
    *,
    document: Document,
    before: int,
    after: int,
    actor: Actor = None,
    **kwargs: object,
) -> None:
    """Receiver of ``registry.signals.document_secrecy_changed``: every dossier holding
    the document follows, in the transaction that changed it."""
    ids = DossierItem.objects.filter(document_id=document.pk, removed_at__isnull=True).values(
        "dossier_id"
    )
    for dossier in Dossier.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        derive_dossier_secrecy(actor, dossier, cause="document_secrecy", document=document)


def connect() -> None:
    document_secrecy_changed.connect(
        on_document_secrecy_changed, dispatch_uid="filing-dossier-secrecy"
    )
