"""The upload page tells whoever listens that a document was entered (capture
reads its text: registry sits below capture and names it nowhere), and the form
suggests a symbol in the style the body's rules give."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from luutru.registry.forms import DocumentForm
from luutru.registry.models import Document
from luutru.registry.signals import document_entered
from luutru.registry.tests.files import make_pdf, metadata_for
from luutru.rules.models import RuleProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    from luutru.testing import PASSWORD

    def _login(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login


def _form(world) -> dict:
    data = metadata_for(world.office)
    return {
        **data,
        "doc_type": data["doc_type"].pk,
        "issued_date": "04/02/2025",
        "secrecy": 0,
        "urgency": 0,
        "page_amount": "",
        "org": world.office.pk,
        "file": SimpleUploadedFile("nq.pdf", make_pdf(pages=1), content_type="application/pdf"),
    }


def test_an_entered_document_is_signalled_and_its_text_queued(
    login, world, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, document, **kwargs):
        heard.append(document.pk)

    document_entered.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            r = login(world.official).post(reverse("registry:create"), _form(world))
    finally:
        document_entered.disconnect(listener)
    doc = Document.objects.get()
    assert r.status_code == 302 and heard == [doc.pk]
    # Capture listened: the text task is queued for this document.
    queued = DBTaskResult.objects.filter(task_path__endswith=".document_text")
    assert [row.args_kwargs["args"] for row in queued] == [[doc.pk]]


def test_the_symbol_suggested_follows_the_number_style(world):
    form = DocumentForm(world.office)
    assert "12-NQ/TU" in form.fields["symbol"].help_text
    assert form.fields["symbol"].widget.attrs["placeholder"] == "12-NQ/TU"
    RuleProfile.objects.filter(fonds_system=world.office.fonds_system).update(number_style="state")
    form = DocumentForm(world.office)
    assert "12/QĐ-UBND" in form.fields["symbol"].help_text
    assert form.fields["symbol"].widget.attrs["placeholder"] == "12/QĐ-UBND"
