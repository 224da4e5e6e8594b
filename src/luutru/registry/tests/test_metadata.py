"""Metadata: number/symbol and dates checked against the profile; closed fonds;
corrections with before/after in the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.orgs.services import dissolve_org
from luutru.registry.services import parse_day, update_document_metadata
from luutru.registry.tests.conftest import snapshot
from luutru.registry.tests.files import make_pdf


def refused(upload, *args, **kwargs) -> list[str]:
    before = snapshot()
    with pytest.raises(RuleViolation) as exc:
        upload(*args, **kwargs)
    assert snapshot() == before, "a refused upload changed something"
    return exc.value.messages


@pytest.mark.parametrize("symbol", ["12-NQ/TU", "Số 12-NQ/TU", "Số: 12-NQ/TU", " 12-NQ/TU "])
def test_symbol_forms_are_accepted_and_stored_without_so(upload, symbol):
    doc, _ = upload(symbol=symbol)
    assert (doc.code_number, doc.code_notation) == ("12", "NQ/TU")
    assert doc.symbol_display == "12-NQ/TU"


def test_state_style_symbol_is_refused(upload):
    messages = refused(upload, symbol="12/NQ-TU")
    assert any("viết theo kiểu văn bản Nhà nước" in m for m in messages)


def test_symbol_without_number_is_refused(upload):
    messages = refused(upload, symbol="NQ/TU")
    assert any("Số, ký hiệu “NQ/TU” không đúng mẫu" in m for m in messages)


def test_state_abbreviation_qyd_is_refused(upload):
    messages = refused(upload, symbol="12-QyĐ/TU")
    assert any("kiểu văn bản Nhà nước" in m for m in messages)


def test_unknown_type_abbreviation_is_refused(upload):
    messages = refused(upload, symbol="12-XX/TU")
    assert any("“XX” không phải chữ viết tắt loại văn bản" in m for m in messages)


def test_symbol_type_must_match_the_chosen_type(upload):
    messages = refused(upload, symbol="12-CT/TU")
    assert any("ghi loại “CT” nhưng loại văn bản đã chọn là Nghị quyết (NQ)" in m for m in messages)


def test_unknown_issuer_is_a_warning(upload):
    doc, warnings = upload(symbol="12-NQ/ABCXYZ")
    assert doc.code_notation == "NQ/ABCXYZ"
    assert any("“ABCXYZ” chưa có trong danh mục" in w for w in warnings)


def test_an_empty_symbol_is_allowed(upload):
    doc, _ = upload(symbol="")
    assert doc.code_number == "" and doc.code_notation == ""


def test_impossible_date_is_refused(upload):
    messages = refused(upload, issued_date="31/02/2025")
    assert "Ngày văn bản “31/02/2025” không có thật." in messages


def test_malformed_date_is_refused(upload):
    messages = refused(upload, issued_date="hôm qua")
    assert any("không đúng dạng ngày/tháng/năm" in m for m in messages)


def test_future_date_is_refused(upload):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    messages = refused(upload, issued_date=tomorrow)
    assert any(f"Ngày văn bản {tomorrow:%d/%m/%Y} ở tương lai" in m for m in messages)


def test_date_before_the_issuer_existed_is_refused(upload):
    messages = refused(upload, issued_date=dt.date(2010, 5, 1))
    assert any(
        "trước ngày “Văn phòng Tỉnh ủy” bắt đầu hoạt động (01/01/2015)" in m for m in messages
    )


def test_incoming_documents_may_predate_the_receiving_body(upload):
    doc, _ = upload(direction="incoming", issued_date=dt.date(2010, 5, 1))
    assert doc.direction == "incoming"


def test_missing_required_metadata_lists_every_failure(upload):
    messages = refused(upload, subject="", doc_type=None, symbol="", issued_date="")
    assert set(messages) == {
        "Chưa nhập trích yếu nội dung văn bản.",
        "Chưa chọn tên loại văn bản.",
        "Chưa nhập ngày tháng văn bản.",
    }


def test_bad_secrecy_urgency_and_pages_are_refused(upload):
    messages = refused(upload, secrecy=7, urgency="x", page_amount=0)
    assert any(m.startswith("Độ mật “7” không hợp lệ") for m in messages)
    assert any(m.startswith("Độ khẩn “x” không hợp lệ") for m in messages)
    assert "Số trang 0 không hợp lệ (từ 1 đến 999)." in messages


def test_too_long_subject_is_refused(upload):
    messages = refused(upload, subject="a" * 501)
    assert "Trích yếu nội dung dài 501 ký tự, quá giới hạn 500 ký tự." in messages


def test_a_type_from_another_profile_is_refused(upload):
    from luutru.rules.models import DocumentType

    state_type = DocumentType.objects.filter(profile__code="state-2020").first()
    messages = refused(upload, doc_type=state_type, symbol="")
    assert any("không có trong bộ quy tắc" in m for m in messages)


def test_organ_name_defaults_to_the_body_itself(upload):
    doc, _ = upload(organ_name="")
    assert doc.organ_name == "Văn phòng Tỉnh ủy"


def test_documents_added_to_a_closed_fonds_are_refused(upload, world):
    from luutru.testing import make_user

    clerk = make_user("vanthu_huyen", world.district, "clerk")
    dissolve_org(None, world.district, dt.date(2025, 6, 30))
    messages = refused(upload, actor=clerk, org=world.district, issued_date=dt.date(2025, 3, 1))
    assert any("đã đóng từ ngày 30/06/2025" in m for m in messages)


def test_parse_day_forms():
    assert parse_day("04/02/2025") == dt.date(2025, 2, 4)
    assert parse_day("4-2-2025") == dt.date(2025, 2, 4)
    assert parse_day("2025-02-04") == dt.date(2025, 2, 4)
    with pytest.raises(ValueError, match="không có thật"):
        parse_day("29/02/2023")


# ------------------------------------------------------------- corrections


def test_metadata_correction_records_before_and_after(upload, world):
    doc, _ = upload()
    updated = update_document_metadata(
        world.official, doc, {"subject": "Trích yếu đã sửa", "symbol": "15-NQ/TU"}
    )
    assert updated.subject == "Trích yếu đã sửa" and updated.code_number == "15"
    event = Event.objects.filter(action="document.update", object_id=str(doc.pk)).get()
    assert event.before == {"subject": "Về công tác văn thư, lưu trữ năm 2025", "code_number": "12"}
    assert event.after == {"subject": "Trích yếu đã sửa", "code_number": "15"}


def test_a_bad_correction_is_refused_and_changes_nothing(upload, world):
    doc, _ = upload()
    before = snapshot()
    with pytest.raises(RuleViolation) as exc:
        update_document_metadata(
            world.official, doc, {"symbol": "12/NQ-TU", "issued_date": "30/02/2024"}
        )
    assert len(exc.value.messages) == 2
    assert snapshot() == before
    doc.refresh_from_db()
    assert doc.code_number == "12" and doc.issued_date == dt.date(2025, 2, 4)


def _dossier_with(world, doc, status):
    from luutru.filing.models import Dossier, DossierItem
    from luutru.rules.queries import retention_rules

    dossier = Dossier.objects.create(
        org=world.office,
        file_catalog=2025,
        file_notation="01.VP",
        title="Hồ sơ thử",
        retention=retention_rules(world.office).first(),
        creator=world.official.person,
        owner=world.official,
        status=status,
    )
    DossierItem.objects.create(dossier=dossier, document=doc, position=1, added_by=world.official)
    return dossier


@pytest.mark.parametrize("status", ["closed", "submitted", "archived"])
def test_correction_is_refused_while_the_dossier_is_closed(upload, world, status):
    doc, _ = upload()
    _dossier_with(world, doc, status)
    before = snapshot()
    with pytest.raises(RuleViolation) as exc:
        update_document_metadata(world.official, doc, {"subject": "Sửa muộn"})
    assert any("hồ sơ “01.VP”" in m and "không được sửa" in m for m in exc.value.messages)
    assert snapshot() == before


@pytest.mark.parametrize("status", ["open", "returned"])
def test_correction_is_allowed_while_the_dossier_is_open_or_returned(upload, world, status):
    doc, _ = upload()
    _dossier_with(world, doc, status)
    assert (
        update_document_metadata(world.official, doc, {"subject": "Sửa kịp"}).subject == "Sửa kịp"
    )


def test_someone_outside_the_body_may_not_correct(upload, world):
    from luutru.access.policy import Denied

    doc, _ = upload()
    with pytest.raises(Denied):
        update_document_metadata(world.board_official, doc, {"subject": "Không được"})


def test_loose_documents_are_those_in_no_dossier(upload, world):
    from luutru.registry.queries import loose_documents

    filed, _ = upload(make_pdf(["một"]))
    loose, _ = upload(make_pdf(["hai"]), symbol="13-NQ/TU")
    removed, _ = upload(make_pdf(["ba"]), symbol="14-NQ/TU")
    _dossier_with(world, filed, "open")
    dossier = _dossier_with(world, removed, "open")
    dossier.items.filter(document=removed).update(removed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    assert set(loose_documents(world.office)) == {loose, removed}


@pytest.mark.parametrize(
    ("symbol", "number", "notation"),
    [("Số: 125/UBND-VP", "125", "UBND-VP"), ("12/QĐ-UBND", "12", "QĐ-UBND")],
)
def test_a_party_body_registers_an_incoming_state_document_in_state_style(
    upload, symbol, number, notation
):
    doc, _ = upload(direction="incoming", symbol=symbol, organ_name="Ủy ban nhân dân tỉnh")
    assert (doc.code_number, doc.code_notation) == (number, notation)
    assert doc.symbol_display == f"{number}/{notation}"


def test_a_state_symbol_on_the_body_own_document_is_still_refused(upload):
    messages = refused(upload, direction="outgoing", symbol="12/QĐ-UBND")
    assert any("viết theo kiểu văn bản Nhà nước" in m for m in messages)
