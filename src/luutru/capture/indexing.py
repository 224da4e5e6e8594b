"""A document's full text is capture's (``DocumentText``): when it changes, the
document's index row is queued again (``luutru.search``)."""

from django.db.models.signals import post_delete, post_save

from luutru.capture.models import DocumentText
from luutru.search.services import enqueue


def _text_changed(sender, instance, **kwargs):
    enqueue("document", [instance.document_id])


def register() -> None:
    post_save.connect(_text_changed, sender=DocumentText, dispatch_uid="search-DocumentText-save")
    post_delete.connect(
        _text_changed, sender=DocumentText, dispatch_uid="search-DocumentText-delete"
    )
