"""Background tasks (django-tasks, database backend): one task per item.

Tasks only say "work on this item"; the item's state lives in its row, so a
task run twice, or re-enqueued after a restart, does no harm.
"""

from __future__ import annotations

from django_tasks import task


@task()
def process_item(item_id: int) -> str | None:
    """Steps after intake; an item that needs OCR moves on to the "ocr" queue."""
    from luutru.capture.pipeline import process_item as run

    return run(item_id, inline_ocr=False)


@task(queue_name="ocr")
def ocr_item(item_id: int) -> str | None:
    """OCR and the steps after it (queue "ocr": one worker process per core)."""
    from luutru.capture.pipeline import process_item as run

    return run(item_id, inline_ocr=True)


@task(queue_name="ocr")
def document_text(document_id: int) -> str:
    """Text (and OCR) for a document entered through the registry form."""
    from luutru.capture.pipeline import extract_document_text

    return extract_document_text(document_id)
