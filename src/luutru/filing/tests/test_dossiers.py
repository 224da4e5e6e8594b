"""Dossier services: open, collect, order, remove, close, reopen."""

import datetime as dt
import io

import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing import services
from luutru.filing.models import ClosingCertificate, Dossier, DossierIndex, DossierItem
from luutru.orgs.services import dissolve_org
from luutru.storage.models import Blob

from .conftest import make_document, make_raw_document, pdf_bytes, retention


def state(dossier):
    dossier.refresh_from_db()
    return (
        dossier.status,
        dossier.start_date,
        dossier.end_date,
        dossier.secrecy,
        dossier.retention_confirmed,
        list(dossier.items.values_list("document_id", "position", "removed_at")),
        dossier.indexes.count(),
        dossier.certificates.count(),
        Event.objects.count(),
    )


@pytest.fixture
def dossier(world, issued_plan):
    return services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))


@pytest.fixture
def docs(world):
    return [
        make_document(
            world.official,
            world.office,
            subject="Báo cáo tháng 3",
            number="3",
            notation="BC/VPTU",
            issued=dt.date(2025, 3, 31),
            pages=2,
        ),
        make_document(
            world.official,
            world.office,
            subject="Kế hoạch năm",
            number="1",
            notation="KH/VPTU",
            issued=dt.date(2025, 1, 15),
            pages=3,
        ),
    ]


def test_opening_from_the_plan_copies_the_item(world, issued_plan, dossier):
    item = issued_plan.items.get(code="01.VP")
    assert (
        dossier.file_notation,
        dossier.title,
        dossier.retention,
        dossier.creator,
        dossier.owner,
        dossier.file_catalog,
        dossier.status,
    ) == ("01.VP", item.title, item.retention, world.official.person, world.official, 2025, "open")
    assert dossier.file_code == "000.00.01.T01.2025.01.VP"
    assert Event.objects.filter(action="dossier.open", object_id=str(dossier.pk)).exists()


def test_a_plan_item_gets_one_dossier(world, issued_plan, dossier):
    with pytest.raises(RuleViolation) as e:
        services.open_dossier_from_plan(world.official2, issued_plan.items.get(code="01.VP"))
    assert "Mục “01.VP” đã có hồ sơ (trạng thái: Đang lập)" in e.value.messages[0]
    assert Dossier.objects.count() == 1


def test_a_draft_plan_opens_no_dossier(world, plan):
    with pytest.raises(RuleViolation) as e:
        services.open_dossier_from_plan(world.official, plan.items.first())
    assert "chưa được ban hành" in e.value.messages[0]
    assert not Dossier.objects.exists()


def test_the_item_creator_is_used_and_otherwise_the_actor(world, issued_plan):
    d = services.open_dossier_from_plan(world.official2, issued_plan.items.get(code="03.TC"))
    assert d.creator == world.official2.person and d.owner == world.official2


def test_opening_a_dossier_in_a_closed_fonds_is_refused(world, issued_plan):
    dissolve_org(None, world.office, dt.date(2025, 6, 30))
    with pytest.raises(RuleViolation) as e:
        services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    assert "đã đóng từ ngày 30/06/2025" in e.value.messages[0]
    with pytest.raises(RuleViolation) as e:
        services.open_dossier(
            world.official,
            world.office,
            title="Hồ sơ",
            file_notation="99.VP",
            retention=retention(),
            creator=world.official.person,
            start_date=dt.date(2025, 5, 1),
        )
    assert "không thể thêm văn bản hay mở hồ sơ mới" in e.value.messages[0]
    assert not Dossier.objects.exists()


def test_an_ad_hoc_dossier_needs_its_five_data(world):
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as e:
        services.open_dossier(
            world.official,
            world.office,
            title=" ",
            file_notation="",
            retention=None,
            creator=None,
            start_date=None,
        )
    assert e.value.messages == [
        "Chưa nhập tiêu đề hồ sơ.",
        "Chưa nhập số và ký hiệu hồ sơ.",
        "Chưa chọn thời hạn bảo quản.",
        "Chưa chọn người lập hồ sơ.",
        "Chưa nhập ngày bắt đầu hồ sơ.",
    ]
    assert not Dossier.objects.exists() and Event.objects.count() == events


def test_an_ad_hoc_dossier_is_opened(world):
    d = services.open_dossier(
        world.official,
        world.office,
        title="Hồ sơ đoàn công tác",
        file_notation="20.VP",
        retention=retention("years", 10),
        creator=world.official.person,
        start_date=dt.date(2025, 4, 1),
    )
    assert (d.file_catalog, d.plan_item, d.status, d.start_date) == (
        2025,
        None,
        "open",
        dt.date(2025, 4, 1),
    )
    with pytest.raises(RuleViolation) as e:
        services.open_dossier(
            world.official,
            world.office,
            title="Khác",
            file_notation="20.VP",
            retention=retention(),
            creator=world.official.person,
            start_date=dt.date(2025, 4, 2),
        )
    assert "đã được dùng cho một hồ sơ khác năm 2025" in e.value.messages[0]


def test_the_same_document_in_two_dossiers_uses_one_blob(world, issued_plan, dossier, docs):
    other = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="02.VP"))
    services.add_document_to_dossier(world.official, dossier, docs[0])
    services.add_document_to_dossier(world.official, other, docs[0])
    assert DossierItem.objects.filter(document=docs[0]).count() == 2
    assert Blob.objects.count() == 2  # one per distinct document, not per dossier
    same = pdf_bytes("Cùng nội dung")
    twin = make_document(world.official, world.office, subject="Bản A", number="40", content=same)
    twin2 = make_document(world.official, world.office, subject="Bản B", number="41", content=same)
    assert twin.blob_id == twin2.blob_id and Blob.objects.count() == 3


def test_uploading_into_a_dossier_registers_and_files_the_document(world, dossier):
    from luutru.registry.tests.files import metadata_for

    doc, warnings = services.upload_to_dossier(
        world.official,
        dossier,
        content=io.BytesIO(pdf_bytes("Nghị quyết", pages=3)),
        filename="nq.pdf",
        metadata=metadata_for(world.office, symbol="12-NQ/VPTU"),
    )
    assert doc.page_amount == 3 and doc.blob is not None
    assert list(dossier.items.values_list("document_id", "position")) == [(doc.pk, 1)]


def test_a_refused_upload_changes_nothing(world, dossier):
    from luutru.registry.models import Document
    from luutru.registry.tests.files import metadata_for

    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.upload_to_dossier(
            world.official,
            dossier,
            content=io.BytesIO(b""),
            filename="rong.pdf",
            metadata=metadata_for(world.office, symbol="12-NQ/VPTU"),
        )
    assert e.value.messages
    assert state(dossier) == before and not Document.objects.exists()


def test_adding_a_document_twice_is_refused(world, dossier, docs):
    services.add_document_to_dossier(world.official, dossier, docs[0])
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.add_document_to_dossier(world.official, dossier, docs[0])
    assert e.value.messages == ["Văn bản “3-BC/VPTU” đã có trong hồ sơ này."]
    assert state(dossier) == before


def test_adding_a_secret_document_raises_the_dossier_secrecy(world, dossier):
    secret = make_document(world.head, world.office, subject="Mật", secrecy=1)
    with pytest.raises(RuleViolation) as e:  # the official has no clearance for it
        services.add_document_to_dossier(world.official, dossier, secret)
    assert e.value.messages == ["Bạn không có quyền xem văn bản này nên không thể đưa vào hồ sơ."]
    services.add_document_to_dossier(world.head, dossier, secret)
    dossier.refresh_from_db()
    assert dossier.secrecy == 1


def test_only_the_owner_or_a_head_changes_a_dossier(world, dossier, docs):
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.add_document_to_dossier(world.official2, dossier, docs[0])
    assert e.value.messages == [
        "Chỉ người lập hồ sơ hoặc lãnh đạo cơ quan mới được thay đổi hồ sơ này."
    ]
    assert state(dossier) == before
    services.add_document_to_dossier(world.head, dossier, docs[0])


def test_documents_can_be_reordered_and_sorted_by_date(world, dossier, docs):
    from luutru.filing.queries import documents_in_order

    for d in docs:
        services.add_document_to_dossier(world.official, dossier, d)
    assert documents_in_order(dossier) == docs
    services.sort_by_date(world.official, dossier)
    assert documents_in_order(dossier) == [docs[1], docs[0]]
    services.move_document(world.official, dossier, docs[0], "up")
    assert documents_in_order(dossier) == docs
    services.move_document(world.official, dossier, docs[0], "up")  # already first: no change
    assert documents_in_order(dossier) == docs
    services.move_document(world.official, dossier, docs[0], "down")
    assert documents_in_order(dossier) == [docs[1], docs[0]]


def test_removing_needs_a_reason_and_keeps_the_row(world, dossier, docs):
    from luutru.filing.queries import documents_in_order

    for d in docs:
        services.add_document_to_dossier(world.official, dossier, d)
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.remove_document(world.official, dossier, docs[0], "  ")
    assert e.value.messages == [
        "Cần ghi lý do loại văn bản khỏi hồ sơ (ví dụ: bản trùng, bản nháp)."
    ]
    assert state(dossier) == before
    services.remove_document(world.official, dossier, docs[0], "Bản trùng")
    item = DossierItem.objects.get(dossier=dossier, document=docs[0])
    assert item.removed_at is not None and item.removed_reason == "Bản trùng"
    assert documents_in_order(dossier) == [docs[1]]
    # it may be added again later
    services.add_document_to_dossier(world.official, dossier, docs[0])
    assert documents_in_order(dossier) == [docs[1], docs[0]]


def test_closing_an_empty_dossier_is_refused(world, dossier):
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.close_dossier(world.official, dossier)
    assert e.value.messages == [
        "Hồ sơ chưa có văn bản nào: cần ít nhất một văn bản trước khi kết thúc.",
        "Chưa có ngày kết thúc hồ sơ: nhập ngày kết thúc hoặc ghi ngày tháng cho các văn bản.",
        "Chưa xác nhận thời hạn bảo quản (hiện là “Vĩnh viễn”): kiểm tra lại và đánh dấu ô xác nhận.",
    ]
    assert state(dossier) == before
    assert not DossierIndex.objects.exists() and not ClosingCertificate.objects.exists()


def test_closing_lists_documents_without_date_or_subject(world, dossier, docs):
    undated = make_raw_document(world.official, world.office)
    services.add_document_to_dossier(world.official, dossier, docs[0])
    services.add_document_to_dossier(world.official, dossier, undated)
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.close_dossier(
            world.official, dossier, end_date=dt.date(2025, 1, 1), confirm_retention=True
        )
    assert e.value.messages == [
        "Ngày kết thúc 01/01/2025 trước ngày của văn bản mới nhất (31/03/2025).",
        "Văn bản thứ 2 chưa có ngày tháng văn bản.",
        "Văn bản thứ 2 chưa có trích yếu nội dung.",
        "Ngày bắt đầu (31/03/2025) sau ngày kết thúc (01/01/2025).",
    ]
    assert state(dossier) == before


def test_a_start_date_after_the_end_date_is_refused(world, docs):
    d = services.open_dossier(
        world.official,
        world.office,
        title="Hồ sơ",
        file_notation="30.VP",
        retention=retention(),
        creator=world.official.person,
        start_date=dt.date(2025, 6, 1),
    )
    services.add_document_to_dossier(world.official, d, docs[1])
    with pytest.raises(RuleViolation) as e:
        services.close_dossier(world.official, d, confirm_retention=True)
    assert e.value.messages == ["Ngày bắt đầu (01/06/2025) sau ngày kết thúc (15/01/2025)."]


def test_closing_freezes_index_and_certificate(world, dossier, docs):
    secret = make_document(
        world.head,
        world.office,
        subject="Về nhân sự",
        number="7",
        notation="TTr/VPTU",
        issued=dt.date(2025, 2, 1),
        pages=1,
        secrecy=1,
    )
    for d in (*docs, secret):
        services.add_document_to_dossier(world.head, dossier, d)
    services.sort_by_date(world.official, dossier)
    dossier.secrecy = 0
    dossier.save()
    services.close_dossier(world.official, dossier, confirm_retention=True)
    dossier.refresh_from_db()
    assert dossier.status == "closed" and dossier.closed_at is not None
    assert (dossier.start_date, dossier.end_date) == (dt.date(2025, 1, 15), dt.date(2025, 3, 31))
    assert dossier.secrecy == 1 and dossier.retention_confirmed
    index = services.current_index(dossier)
    assert [r["stt"] for r in index.rows] == [1, 2, 3]
    assert index.rows[0] == {
        "stt": 1,
        "symbol": "1-KH/VPTU",
        "date": "15/01/2025",
        "type_and_subject": "Kế hoạch năm",
        "author": "Văn phòng Tỉnh ủy",
        "pages": "1–3",
        "note": "",
        "document_id": docs[1].pk,
    }
    assert [r["pages"] for r in index.rows] == ["1–3", "4", "5–6"]
    cert = services.current_certificate(dossier)
    assert (cert.doc_total, cert.page_total) == (3, 6)


def test_read_only_after_close(world, dossier, docs):
    services.add_document_to_dossier(world.official, dossier, docs[0])
    services.close_dossier(world.official, dossier, confirm_retention=True)
    before = state(dossier)
    msg = (
        "Hồ sơ “01.VP” đang ở trạng thái “Đã kết thúc”: không thể thay đổi. "
        "Nếu cần bổ sung, hãy mở lại hồ sơ và ghi lý do."
    )
    for attempt in (
        lambda: services.add_document_to_dossier(world.official, dossier, docs[1]),
        lambda: services.remove_document(world.official, dossier, docs[0], "Trùng"),
        lambda: services.move_document(world.official, dossier, docs[0], "down"),
        lambda: services.sort_by_date(world.official, dossier),
        lambda: services.update_dossier(world.official, dossier, title="Khác"),
        lambda: services.upload_to_dossier(
            world.official, dossier, content=b"x", filename="a.pdf", metadata={}
        ),
    ):
        with pytest.raises(RuleViolation) as e:
            attempt()
        assert e.value.messages[0] == msg
    with pytest.raises(RuleViolation) as e:
        services.close_dossier(world.official, dossier, confirm_retention=True)
    assert "chỉ kết thúc được hồ sơ đang lập hoặc bị trả lại" in e.value.messages[0]
    assert state(dossier) == before


def test_reopening_needs_a_reason_and_supersedes_the_index(world, dossier, docs):
    services.add_document_to_dossier(world.official, dossier, docs[0])
    services.close_dossier(world.official, dossier, confirm_retention=True)
    before = state(dossier)
    with pytest.raises(RuleViolation) as e:
        services.reopen_dossier(world.official, dossier, "")
    assert e.value.messages == ["Cần ghi lý do mở lại hồ sơ."]
    assert state(dossier) == before
    services.reopen_dossier(world.official, dossier, "Bổ sung văn bản")
    dossier.refresh_from_db()
    assert dossier.status == "open"
    assert services.current_index(dossier) is None and services.current_certificate(dossier) is None
    services.add_document_to_dossier(world.official, dossier, docs[1])
    services.close_dossier(world.official, dossier)
    assert services.current_certificate(dossier).doc_total == 2
    assert dossier.indexes.count() == 2


@pytest.mark.parametrize("status", ["open", "submitted", "archived", "transferred", "kept_back"])
def test_reopening_is_refused_outside_closed_or_returned(world, dossier, status):
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    dossier.refresh_from_db()
    with pytest.raises(RuleViolation) as e:
        services.reopen_dossier(world.official, dossier, "Lý do")
    assert "chỉ mở lại được hồ sơ đã kết thúc" in e.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.status == status


def test_a_returned_dossier_can_be_changed_and_closed_again(world, dossier, docs):
    services.add_document_to_dossier(world.official, dossier, docs[0])
    services.close_dossier(world.official, dossier, confirm_retention=True)
    Dossier.objects.filter(pk=dossier.pk).update(status="returned")
    services.add_document_to_dossier(world.official, dossier, docs[1])
    services.close_dossier(world.official, dossier)
    dossier.refresh_from_db()
    assert dossier.status == "closed"
