"""What the header says is kept on the registered document: place, issuer and
parent as printed, signer, and the documents it cites, linked to registered
ones of the same number, issuer and year, shown on the document page only to
readers who may open them."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse

from luutru.access.policy import can_view
from luutru.audit.models import Event
from luutru.capture.models import ItemState
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.orgs.models import Secrecy
from luutru.registry.models import Citation, Document
from luutru.registry.services import create_document
from luutru.registry.tests.files import make_pdf, metadata_for


def register_directive(world, year: int, *, secrecy: int = 0) -> Document:
    """Chỉ thị 35-CT/TW of the Politburo, issued in ``year``, received by the province."""
    doc, _ = create_document(
        None,  # entered by the system (as capture does), not by a person
        world.province,
        content=io.BytesIO(make_pdf([f"Chỉ thị 35-CT/TW năm {year}"])),
        filename=f"ct35-{year}.pdf",
        metadata=metadata_for(
            world.province,
            type_abbrev="CT",
            symbol="35-CT/TW",
            issued_date=dt.date(year, 5, 30),
            organ_name="Bộ Chính trị",
            subject=f"Về đại hội đảng bộ các cấp ({year})",
            secrecy=secrecy,
        ),
        direction="incoming",
    )
    return doc


def captured(world, **letter) -> Document:
    batch = capture(world.province, {"nq12.pdf": make_party_letter(**letter)})
    item = batch.items.select_related("document").get()
    assert item.document is not None, item.reason
    return item.document


def test_place_issuer_and_signer_are_kept_as_printed(world):
    doc = captured(world)
    doc.refresh_from_db()
    assert doc.place == "Hạ Long"
    assert doc.issuer == "TỈNH ỦY THỬ NGHIỆM"
    assert doc.signer_full_name == "Hoàng Văn Em"
    assert doc.signer_position
    event = Event.objects.get(action="document.create", object_id=str(doc.pk))
    assert event.after["place"] == "Hạ Long"
    assert event.after["citations"] == ["35-CT/TW"]


def test_cited_document_is_linked_to_the_registered_one_of_the_same_year(world):
    same_year = register_directive(world, 2019)
    register_directive(world, 2024)  # same number and issuer, another year: another document
    doc = captured(world)
    [c] = Citation.objects.filter(document=doc)
    assert (c.type_name, c.number_symbol) == ("Chỉ thị", "35-CT/TW")
    assert (c.code_number, c.code_notation) == ("35", "CT/TW")
    assert c.issued_date == dt.date(2019, 5, 30)
    assert c.issuer == "Bộ Chính trị"
    assert c.cited_id == same_year.pk
    # Queryable both ways (bundle grouping reads them).
    assert list(same_year.cited_by.values_list("document_id", flat=True)) == [doc.pk]


def test_citation_is_not_linked_to_another_year_or_issuer(world):
    register_directive(world, 2024)
    doc = captured(world)
    assert Citation.objects.get(document=doc).cited is None


def test_a_document_registered_later_is_linked_from_those_citing_it(world):
    doc = captured(world)
    assert Citation.objects.get(document=doc).cited is None
    directive = register_directive(world, 2019)
    assert Citation.objects.get(document=doc).cited_id == directive.pk
    event = Event.objects.get(action="document.citation_linked", object_id=str(doc.pk))
    assert event.after == {"number_symbol": "35-CT/TW", "cited": directive.pk}


def test_document_page_links_a_cited_document_only_for_those_who_may_open_it(world, client):
    secret = register_directive(world, 2019, secrecy=Secrecy.MAT)
    doc = captured(world)
    assert Citation.objects.get(document=doc).cited_id == secret.pk
    url = reverse("registry:detail", args=[doc.pk])
    target = reverse("registry:detail", args=[secret.pk])

    assert can_view(world.archivist, secret, "document")
    client.force_login(world.archivist)
    page = client.get(url).content.decode()
    assert f'href="{target}"' in page
    assert secret.subject in page

    reader = next(
        u
        for u in (world.official, world.clerk, world.inspector, world.reader, world.board_official)
        if can_view(u, doc, "document") and not can_view(u, secret, "document")
    )
    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "Chỉ thị số 35-CT/TW" in page  # as printed
    assert f'href="{target}"' not in page
    assert secret.subject not in page
    assert "Hạ Long" in page


def test_a_review_confirmation_keeps_what_the_header_prints(world):
    from luutru.capture import services

    batch = capture(world.office, {"x.pdf": make_party_letter(number="12-XX/TU")})
    item = batch.items.get()
    if item.state != ItemState.REVIEW or item.document_id is not None:
        raise AssertionError(f"expected a review without a document, got {item.state}")
    metadata = metadata_for(world.office, symbol="13-NQ/TU")
    doc = services.confirm_item(world.clerk, item, metadata)
    assert doc.place == "Hạ Long"
    assert [c.number_symbol for c in doc.citations.all()] == ["35-CT/TW"]


def test_a_parent_issuer_printed_above_the_issuer_is_kept_apart(world):
    from luutru.capture.header import parse_header

    text = "\n".join(
        [
            "ĐẢNG BỘ TỈNH THỬ NGHIỆM          ĐẢNG CỘNG SẢN VIỆT NAM",
            "BAN TỔ CHỨC TỈNH ỦY",
            "*",
            "Số 12-HD/BTCTU          Hạ Long, ngày 04 tháng 02 năm 2025",
            "HƯỚNG DẪN",
            "về công tác văn thư, lưu trữ",
        ]
    )
    metadata = parse_header(text, org=world.board).metadata()
    assert metadata["issuer"] == "BAN TỔ CHỨC TỈNH ỦY"
    assert metadata["issuer_parent"] == "ĐẢNG BỘ TỈNH THỬ NGHIỆM"
    assert metadata["place"] == "Hạ Long"
