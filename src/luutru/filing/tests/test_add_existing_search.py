"""Issue 8 item 16: the dossier's “add an existing document” search folds diacritics
(and accepts typed tone marks) as the main search does."""

from __future__ import annotations

import io

import pytest

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import DossierStatus
from luutru.registry.services import create_document
from luutru.registry.tests.files import make_pdf, metadata_for
from luutru.search.services import refresh_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def loose_report(world):
    doc, _ = create_document(
        world.official,
        world.office,
        content=io.BytesIO(make_pdf(["Báo cáo tổng kết công tác lưu trữ"])),
        filename="bao-cao.pdf",
        metadata=metadata_for(
            world.office,
            type_abbrev="BC",
            symbol="45-BC/VPTU",
            subject="Báo cáo tổng kết công tác lưu trữ năm 2024",
            organ_name=world.office.name,
        ),
    )
    refresh_index()  # as the worker does: a web request only reads the index
    return doc


@pytest.mark.parametrize(
    "typed",
    ["bao cao tong ket", "BÁO CÁO tổng kết", "tong ket luu tru", "45-BC/VPTU"],
)
def test_add_existing_finds_a_document_whatever_the_tone_marks(client, world, loose_report, typed):
    dossier = make_dossier(
        world.office,
        world.official,
        notation="05.VP",
        title="Hồ sơ tổng kết",
        status=DossierStatus.OPEN,
        documents=0,
    )
    client.force_login(world.official)
    html = client.get(f"/ho-so/{dossier.pk}/", {"q": typed}).content.decode()
    assert "Báo cáo tổng kết công tác lưu trữ năm 2024" in html, typed
    assert f'value="{loose_report.pk}"' in html
