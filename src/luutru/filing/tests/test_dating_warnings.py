"""Issue 8 item 19: a document dated outside the dossier's year, or before the
document it follows, is added with a warning saying so (not refused)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import DossierStatus
from luutru.registry.services import create_document
from luutru.registry.tests.files import make_pdf, metadata_for

pytestmark = pytest.mark.django_db


def _doc(world, number: int, day: dt.date):
    doc, _ = create_document(
        world.official,
        world.office,
        content=io.BytesIO(make_pdf([f"Công văn {number}"])),
        filename=f"cv{number}.pdf",
        metadata=metadata_for(
            world.office,
            type_abbrev="CV",
            symbol=f"{number}-CV/VPTU",
            issued_date=day,
            subject=f"Công văn số {number}",
            organ_name=world.office.name,
        ),
    )
    return doc


@pytest.fixture
def dossier(world, client):
    d = make_dossier(
        world.office,
        world.official,
        notation="03.VP",
        title="Công văn năm 2025",
        status=DossierStatus.OPEN,
        documents=0,
        end_date=dt.date(2025, 12, 31),
    )
    client.force_login(world.official)
    first = _doc(world, 1, dt.date(2025, 3, 1))
    client.post(f"/ho-so/{d.pk}/them-van-ban/", {"document": first.pk})
    return d


def _add(client, dossier, doc) -> list[str]:
    response = client.post(f"/ho-so/{dossier.pk}/them-van-ban/", {"document": doc.pk})
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_document_of_another_year_is_added_with_a_warning(client, world, dossier):
    said = _add(client, dossier, _doc(world, 2, dt.date(2024, 11, 5)))
    assert any("ngày 05/11/2024" in m and "năm 2025" in m for m in said), said
    assert dossier.items.filter(removed_at__isnull=True).count() == 2


def test_a_document_out_of_date_order_is_added_with_a_warning(client, world, dossier):
    said = _add(client, dossier, _doc(world, 3, dt.date(2025, 1, 10)))
    assert any("10/01/2025" in m and "01/03/2025" in m and "Sắp xếp" in m for m in said), said
    assert dossier.items.filter(removed_at__isnull=True).count() == 2


def test_a_document_in_order_and_in_the_year_brings_no_warning(client, world, dossier):
    said = _add(client, dossier, _doc(world, 4, dt.date(2025, 5, 2)))
    assert not [m for m in said if "ngày" in m and "năm 2025" in m and "không" in m], said
