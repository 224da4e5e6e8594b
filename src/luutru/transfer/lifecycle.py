"""The transfer's edge in the dossier's life (registered with filing's lifecycle in
``TransferConfig.ready``): a dossier leaves the agency archive for the historical
archive only when the historical archive's answer says it accepted it."""

from __future__ import annotations

from luutru.filing.lifecycle import register
from luutru.filing.models import DossierStatus


def register_transfer_edges() -> None:
    register(
        "transfer",
        sources={DossierStatus.ARCHIVED},
        target=DossierStatus.TRANSFERRED,
        action="dossier.transfer",
        owner="transfer",
    )
