"""What the access policy judges dossiers and file plans by, and the fact filing
adds to documents: a document is an archive holding while a dossier holding it
(an item not removed) is held by the archive (``luutru.access.kinds``)."""

from django.db.models import Q

from luutru.access import kinds
from luutru.filing.lifecycle import HELD
from luutru.filing.models import Dossier, DossierItem, FilePlan


def dossier_held_q() -> Q:
    return Q(status__in=sorted(HELD))


def document_held_q() -> Q:
    # A subquery, not a join: a document in two dossiers stays one row.
    return Q(
        pk__in=DossierItem.objects.filter(
            removed_at__isnull=True, dossier__status__in=sorted(HELD)
        ).values("document_id")
    )


def register() -> None:
    kinds.register(
        "dossier",
        Dossier,
        owner="owner",
        archived=kinds.Archived(q=dossier_held_q, read=lambda d: d.status in HELD),
    )
    kinds.register("fileplan", FilePlan, secrecy=None)
    kinds.contribute("document", archived=kinds.Archived(q=document_held_q))
