"""Issue 8 item 19: a refused upload keeps the chosen file (its bytes server-side,
a signed reference in the re-rendered form), for this uploader only."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import DossierStatus
from luutru.registry.models import Document
from luutru.registry.tests.files import make_pdf
from luutru.rules.queries import document_types

pytestmark = pytest.mark.django_db

PDF = make_pdf(["Công văn 7-CV/VPTU về công tác lưu trữ"])


def _fields(world, **over):
    t = document_types(world.office).filter(abbrev="CV").order_by("pk").first()
    data = {
        "org": world.office.pk,
        "doc_type": t.pk,
        "symbol": "7-CV/VPTU",
        "issued_date": "04/02/2025",
        "subject": "Về công tác lưu trữ năm 2025",
        "secrecy": "0",
        "urgency": "0",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def _kept_ref(html: str) -> str:
    m = re.search(r'name="kept_file" value="([^"]+)"', html)
    assert m, "the re-rendered form carries no reference to the kept file"
    return m.group(1)


def test_a_refused_upload_keeps_the_file_and_the_next_submit_uses_it(client, world):
    client.force_login(world.official)
    first = client.post(
        "/van-ban/moi/",
        {**_fields(world, issued_date="31/02/2025"), "file": SimpleUploadedFile("cv7.pdf", PDF)},
    )
    html = first.content.decode()
    assert Document.objects.count() == 0
    assert "Đã giữ tệp “cv7.pdf”" in html
    ref = _kept_ref(html)
    # Fixed the date, did not choose the file again.
    second = client.post("/van-ban/moi/", {**_fields(world), "kept_file": ref})
    assert second.status_code == 302, second.content.decode()[:2000]
    doc = Document.objects.get()
    assert doc.blob.sha256 == hashlib.sha256(PDF).hexdigest()
    assert doc.original_filename == "cv7.pdf"


def test_another_user_cannot_claim_a_kept_file(client, world):
    client.force_login(world.official)
    html = client.post(
        "/van-ban/moi/",
        {**_fields(world, subject=""), "file": SimpleUploadedFile("cv7.pdf", PDF)},
    ).content.decode()
    ref = _kept_ref(html)
    client.force_login(world.official2)
    response = client.post("/van-ban/moi/", {**_fields(world), "kept_file": ref})
    assert response.status_code != 302
    assert "Hãy chọn tệp văn bản cần tải lên." in response.content.decode()
    assert Document.objects.count() == 0


def test_a_refused_upload_into_a_dossier_keeps_the_file(client, world):
    dossier = make_dossier(
        world.office,
        world.official,
        notation="09.VP",
        title="Hồ sơ lưu trữ",
        status=DossierStatus.OPEN,
        documents=0,
    )
    client.force_login(world.official)
    url = f"/ho-so/{dossier.pk}/tai-len/"
    html = client.post(
        url, {**_fields(world, subject=""), "file": SimpleUploadedFile("cv7.pdf", PDF)}
    ).content.decode()
    ref = _kept_ref(html)
    assert client.post(url, {**_fields(world), "kept_file": ref}).status_code == 302
    assert dossier.items.filter(removed_at__isnull=True).count() == 1
