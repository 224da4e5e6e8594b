"""Disposal's edge in the dossier's life (registered in ``DisposalConfig.ready``):
a dossier in the agency archive, or kept back, is destroyed — only by a
destruction that a decided appraisal ordered (``disposal.services``)."""

from __future__ import annotations

from luutru.filing.lifecycle import register
from luutru.filing.models import DossierStatus

DESTROYABLE = frozenset({DossierStatus.ARCHIVED, DossierStatus.KEPT_BACK})


def register_disposal_edges() -> None:
    register(
        "destroy",
        sources=DESTROYABLE,
        target=DossierStatus.DESTROYED,
        action="dossier.destroy_by_decision",
        owner="disposal",
    )
