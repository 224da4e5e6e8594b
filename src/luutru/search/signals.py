"""Every change that alters what the index holds queues the object (in the
changing transaction, so the queue cannot miss a committed change)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from luutru.search.services import enqueue


def _document_changed(sender, instance, **kwargs):
    enqueue("document", [instance.pk])
    # Dossiers are found by their documents' subjects.
    from luutru.filing.models import DossierItem

    if kwargs.get("signal") is post_save and instance.pk:
        enqueue(
            "dossier",
            DossierItem.objects.filter(document_id=instance.pk).values_list(
                "dossier_id", flat=True
            ),
        )


def _text_changed(sender, instance, **kwargs):
    enqueue("document", [instance.document_id])


def _dossier_changed(sender, instance, **kwargs):
    enqueue("dossier", [instance.pk])
    if kwargs.get("signal") is post_save:
        # Accepting a dossier marks its documents as holdings with a bulk
        # update (no signal of their own): re-read them too.
        from luutru.filing.models import DossierItem

        enqueue(
            "document",
            DossierItem.objects.filter(dossier_id=instance.pk).values_list(
                "document_id", flat=True
            ),
        )


def _item_changed(sender, instance, **kwargs):
    enqueue("dossier", [instance.dossier_id])


def connect() -> None:
    from luutru.capture.models import DocumentText
    from luutru.filing.models import Dossier, DossierItem
    from luutru.registry.models import Document

    for model, handler in (
        (Document, _document_changed),
        (DocumentText, _text_changed),
        (Dossier, _dossier_changed),
        (DossierItem, _item_changed),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-delete")
