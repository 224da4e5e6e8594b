from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connection, transaction


class PreservationConfig(AppConfig):
    name = "luutru.preservation"
    label = "preservation"
    verbose_name = "Bảo quản, sao lưu"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from luutru.filing.signals import dossier_status_changed  # in ready(): apps are loaded
        from luutru.registry.models import Document

        dossier_status_changed.connect(_dossiers_moved, dispatch_uid="preservation-accepted")
        post_save.connect(_document_saved, sender=Document, dispatch_uid="preservation-document")


def _dossiers_moved(sender: Any, *, new: str, **kwargs: Any) -> None:
    """A dossier accepted into the archive: its documents wait for the worker."""
    from luutru.filing.models import DossierStatus
    from luutru.preservation.tasks import schedule_preservation

    if new != DossierStatus.ARCHIVED:
        return
    # One sweep per transaction, however many dossiers it accepted.
    if any(
        getattr(entry[1], "__name__", "") == "schedule_preservation"
        for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(schedule_preservation)


def _document_saved(
    sender: Any, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """A document's content replaced or destroyed (the disposal releases ``blob``):
    its preservation decision, and a PDF/A copy made from it, go too."""
    if created or (update_fields is not None and "blob" not in update_fields):
        return
    from luutru.preservation.models import PreservationCopy
    from luutru.preservation.services import release_copy

    if (
        PreservationCopy.objects.filter(document_id=instance.pk)
        .exclude(source_sha256=instance.blob_id or "")
        .exists()
    ):
        release_copy(instance)
