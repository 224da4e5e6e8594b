"""The archive's edges in the dossier's life (registered with filing's lifecycle
in ``ArchiveConfig.ready``): the body submits finished dossiers, the archive
accepts them into its holdings or returns them, the head keeps one back.
Appraisal, transfer and destruction register their edges the same way."""

from __future__ import annotations

from luutru.filing.lifecycle import register
from luutru.filing.models import DossierStatus

# Finished and free to go into a deposit.
DEPOSITABLE = frozenset({DossierStatus.CLOSED, DossierStatus.KEPT_BACK})


def register_archive_edges() -> None:
    register(
        "submit",
        sources=DEPOSITABLE,
        target=DossierStatus.SUBMITTED,
        action="dossier.submit",
        owner="archive",
    )
    register(
        "return",
        sources={DossierStatus.SUBMITTED},
        target=DossierStatus.RETURNED,
        action="dossier.return",
        owner="archive",
    )
    register(
        "accept",
        sources={DossierStatus.SUBMITTED},
        target=DossierStatus.ARCHIVED,
        action="dossier.archive",
        owner="archive",
    )
    register(
        "keep_back",
        sources={DossierStatus.CLOSED},
        target=DossierStatus.KEPT_BACK,
        action="dossier.keep_back",
        owner="archive",
    )
    # Transfers and destructions made before the system existed, recorded so the
    # holdings tell the truth (the workflows with minutes and councils come later
    # as their own edges).
    register(
        "record_transfer",
        sources={DossierStatus.ARCHIVED},
        target=DossierStatus.TRANSFERRED,
        action="dossier.transfer",
        owner="archive",
    )
    register(
        "record_destruction",
        sources={DossierStatus.ARCHIVED},
        target=DossierStatus.DESTROYED,
        action="dossier.destroy",
        owner="archive",
    )
