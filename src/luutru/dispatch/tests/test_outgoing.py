"""Outgoing documents through their services: draft, approve, issue, deliver, file,
recall and correct; every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.desk.models import Arrival
from luutru.dispatch import services
from luutru.dispatch.models import (
    Delivery,
    DeliveryState,
    DocumentLink,
    DraftVersion,
    Outgoing,
    OutgoingState,
    Review,
)
from luutru.dispatch.tests.conftest import approved, draft, issued, pdf
from luutru.filing.changes import active_items
from luutru.orgs.models import Role
from luutru.registry.models import Document, NumberSeries
from luutru.testing import make_user


def _counts() -> tuple:
    return (
        Outgoing.objects.count(),
        DraftVersion.objects.count(),
        Review.objects.count(),
        Document.objects.count(),
        Arrival.objects.count(),
        Delivery.objects.count(),
        list(NumberSeries.objects.values_list("scope_key", "last")),
        Event.objects.count(),
        list(Outgoing.objects.values_list("pk", "state")),
    )


def test_the_clerk_issues_with_the_next_party_number_and_the_commune_receives_it(net):
    w = net
    done = issued(w, dossier=w.dossier)
    o = done.outgoing
    doc = o.document
    assert o.state == OutgoingState.ISSUED
    assert (doc.direction, doc.code_number, doc.code_notation) == ("outgoing", "01", "CV/VPTU")
    assert doc.symbol_display == "01-CV/VPTU"
    assert doc.org == w.office and doc.created_by == w.clerk
    assert doc.issued_date == timezone.localdate()
    # The commune in luutru has it in its incoming queue, numbered, without re-typing.
    arrival = Arrival.objects.get(org=w.commune)
    assert arrival.document.direction == "incoming"
    assert arrival.document.symbol_display == "01-CV/VPTU"
    assert arrival.document.subject == o.subject
    assert arrival.document.organ_name == w.office.name
    assert arrival.channel == "electronic" and arrival.arrival_number == 1
    assert arrival.source_type == "dispatch.outgoing" and arrival.source_id == o.pk
    delivered = Delivery.objects.get(recipient__org=w.commune)
    assert delivered.state == DeliveryState.DELIVERED and delivered.arrival_number == "1"
    assert delivered.received_document == arrival.document and delivered.received_at
    outside = Delivery.objects.get(recipient__org__isnull=True)
    assert outside.state == DeliveryState.PACKAGED
    # The registered copy is in the drafter's dossier.
    assert [i.document for i in active_items(w.dossier)] == [doc]
    assert Event.objects.filter(action="outgoing.issue", object_id=str(o.pk)).exists()


def test_versions_are_kept_and_a_returned_draft_comes_back(net):
    w = net
    o = draft(w)
    services.submit(w.official, o)
    with pytest.raises(RuleViolation, match="ghi ý kiến"):
        services.return_draft(w.head, o, "")
    services.return_draft(w.head, o, "Sửa lại trích yếu cho gọn.")
    o.refresh_from_db()
    assert o.state == OutgoingState.RETURNED
    services.update_draft(
        w.official,
        o,
        fields={"doc_type": w.cv.pk, "subject": "Về rà soát danh mục hồ sơ"},
        recipients=[{"org": w.commune.pk}],
        content=pdf("Bản sửa lần 2"),
        filename="du-thao-2.pdf",
        note="Đã sửa theo ý kiến",
    )
    services.submit(w.official, o)
    services.approve(w.head, o)
    o.refresh_from_db()
    assert [v.number for v in o.versions.all()] == [1, 2]
    assert [(r.decision, r.version.number) for r in o.reviews.all()] == [
        ("submitted", 1),
        ("returned", 1),
        ("submitted", 2),
        ("approved", 2),
    ]
    assert o.subject == "Về rà soát danh mục hồ sơ" and o.state == OutgoingState.APPROVED


def test_an_issued_number_is_never_reused_and_a_recall_leaves_the_gap_recorded(net):
    w = net
    first = issued(w, subject="Văn bản thứ nhất").outgoing
    second = issued(w, subject="Văn bản thứ hai").outgoing
    services.recall(w.head, second, "Ban hành nhầm nơi nhận")
    third = issued(w, subject="Văn bản thứ ba").outgoing
    numbers = [o.document.code_number for o in (first, second, third)]
    assert numbers == ["01", "02", "03"]
    second.refresh_from_db()
    assert second.state == OutgoingState.RECALLED
    assert second.document.code_number == "02"  # kept: the gap is recorded, not reused
    link = DocumentLink.objects.get(document=second.document)
    assert (link.kind, link.reason, link.other) == ("recall", "Ban hành nhầm nơi nhận", None)
    assert (
        Delivery.objects.get(document=second.document, recipient__org=w.commune).state == "recalled"
    )
    assert NumberSeries.objects.get(scope_key__startswith="party_term").last == 3
    # A recalled document cannot be recalled again or corrected.
    with pytest.raises(RuleViolation, match="chỉ thu hồi văn bản đã phát hành"):
        services.recall(w.head, second, "lần nữa")


def test_a_replacement_links_both_documents(net):
    w = net
    old = issued(w, subject="Kế hoạch cũ").outgoing
    new = services.create_draft(
        w.official,
        w.office,
        fields={"doc_type": w.cv.pk, "subject": "Thay thế kế hoạch cũ"},
        recipients=[{"org": w.commune.pk}],
        content=pdf("Văn bản thay thế"),
        filename="thay-the.pdf",
        corrects=old.document,
        correction_kind="replacement",
    )
    services.submit(w.official, new)
    services.approve(w.head, new)
    services.issue(w.clerk, new, content=pdf("Bản ký thay thế"), filename="ky.pdf")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.state == OutgoingState.REPLACED
    link = DocumentLink.objects.get(document=old.document)
    assert (link.kind, link.other) == ("replacement", new.document)
    assert new.document.code_number == "02"


def test_approve_and_issue_are_refused_to_the_wrong_role_or_another_body(net):
    w = net
    other_head = make_user("lanhdao_btc", w.board, Role.HEAD)
    other_clerk = make_user("vanthu_btc", w.board, Role.CLERK)
    o = draft(w)
    services.submit(w.official, o)
    before = _counts()
    for who in (w.official, w.clerk, other_head):
        with pytest.raises(RuleViolation, match="Chỉ lãnh đạo của “Văn phòng Tỉnh ủy”"):
            services.approve(who, o)
    assert _counts() == before
    services.approve(w.head, o)
    before = _counts()
    for who in (w.official, w.head, other_clerk):
        with pytest.raises(RuleViolation, match="Chỉ văn thư của “Văn phòng Tỉnh ủy”"):
            services.issue(who, o, content=pdf("Bản ký"), filename="ky.pdf")
    assert _counts() == before
    # Only the drafter submits; the head of another body cannot recall.
    done = services.issue(w.clerk, o, content=pdf("Bản ký"), filename="ky.pdf").outgoing
    before = _counts()
    with pytest.raises(RuleViolation, match="Chỉ lãnh đạo"):
        services.recall(other_head, done, "không có quyền")
    assert _counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fields": {"subject": ""}}, "Chưa nhập trích yếu nội dung"),
        ({"fields": {"doc_type": 999999}}, "Loại văn bản đã chọn không có"),
        ({"fields": {"secrecy": 7}}, "Độ mật “7” không hợp lệ"),
        ({"recipients": []}, "Chưa có nơi nhận"),
        ({"recipients": [{"org": "abc"}]}, "không có cơ quan mã “abc”"),
        ({"recipients": [{"org": "office"}]}, "là chính “Văn phòng Tỉnh ủy”"),
        ({"content": b"not a pdf at all", "filename": "x.pdf"}, "PDF"),
        ({"filename": "du-thao.txt", "content": b"hello"}, ""),
    ],
)
def test_a_bad_draft_is_refused_in_vietnamese_and_changes_nothing(net, change, message):
    w = net
    fields = {"doc_type": w.cv.pk, "subject": "Về việc thử", **change.get("fields", {})}
    recipients = change.get("recipients", [{"org": w.commune.pk}])
    recipients = [{"org": w.office.pk} if r.get("org") == "office" else r for r in recipients]
    before = _counts()
    with pytest.raises(RuleViolation) as refused:
        services.create_draft(
            w.official,
            w.office,
            fields=fields,
            recipients=recipients,
            content=change.get("content", pdf()),
            filename=change.get("filename", "du-thao.pdf"),
        )
    assert message in " ".join(refused.value.messages)
    assert _counts() == before


def test_a_bad_issue_is_refused_and_uses_no_number(net):
    w = net
    o = approved(w)
    before = _counts()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    cases = [
        ({"content": b"", "filename": "ky.pdf"}, "Chưa chọn tệp PDF đã ký"),
        ({"content": pdf("x"), "filename": "ky.pdf", "issued_date": tomorrow}, "ở tương lai"),
        ({"content": b"PK\x03\x04 not really", "filename": "ky.docx"}, ""),
    ]
    for kwargs, message in cases:
        with pytest.raises(RuleViolation) as refused:
            services.issue(w.clerk, o, **kwargs)
        assert message in " ".join(refused.value.messages)
    assert _counts() == before
    # An issued document is not issued twice.
    services.issue(w.clerk, o, content=pdf("Bản ký"), filename="ky.pdf")
    with pytest.raises(RuleViolation, match="chỉ phát hành văn bản lãnh đạo đã duyệt"):
        services.issue(w.clerk, o, content=pdf("Bản ký 2"), filename="ky.pdf")
    assert NumberSeries.objects.get(scope_key__startswith="party_term").last == 1


def test_an_answer_lands_after_the_incoming_document_in_the_handlers_dossier(net):
    w = net
    from luutru.desk import services as desk

    arrival = desk.receive(
        w.clerk,
        w.office,
        fields={
            "doc_type": w.cv.pk,
            "symbol": "15-CV/HU",
            "issued_date": timezone.localdate(),
            "organ_name": "Huyện ủy Thử nghiệm",
            "subject": "Đề nghị hướng dẫn lập hồ sơ",
        },
        content=pdf("Công văn đến của huyện"),
        filename="den.pdf",
        channel="paper",
    )
    desk.route(w.clerk, arrival, head=w.head)
    desk.assign(
        w.head,
        arrival,
        lead=w.official,
        deadline=timezone.localdate() + dt.timedelta(days=5),
        instructions="Đồng chí An trả lời",
    )
    o = issued(w, dossier=w.dossier, answers=arrival.document).outgoing
    docs = [i.document for i in active_items(w.dossier)]
    assert docs == [arrival.document, o.document]
    arrival.refresh_from_db()
    assert arrival.state == "done" and arrival.answer == o.document


def test_without_a_dossier_the_copy_waits_in_the_drafters_list_until_filed(net):
    from luutru.dispatch import queries

    w = net
    o = issued(w).outgoing
    assert list(queries.to_file(w.official)) == [o]
    with pytest.raises(RuleViolation, match="Chỉ người soạn thảo"):
        services.file_registered_copy(w.official2, o, w.dossier)
    services.file_registered_copy(w.official, o, w.dossier)
    assert list(queries.to_file(w.official)) == []
    assert [i.document for i in active_items(w.dossier)] == [o.document]


def test_a_secret_document_is_not_sent_over_the_network(net):
    w = net
    w.official.person.clearance = 1
    w.official.person.save()
    w.clerk.person.clearance = 1
    w.clerk.person.save()
    o = issued(w, fields={"secrecy": 1}).outgoing
    assert not Arrival.objects.filter(org=w.commune).exists()
    d = Delivery.objects.get(recipient__org=w.commune)
    assert d.state == DeliveryState.FAILED and "Văn bản mật không gửi qua mạng" in d.detail
    with pytest.raises(RuleViolation, match="Văn bản mật"):
        services.export_package(w.clerk, o)
