"""A leaving official's drafts go with the rest of their open work (issue 13 item 3):
drafts being written, sent back or waiting for the head pass to the person taking
over, who becomes their drafter; an approved one (the clerk's work now) stays; a
recipient who does not draft in the body is refused and nothing changes; the role then ends."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from docx import Document

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.desk import handover
from luutru.dispatch import services
from luutru.dispatch.models import Outgoing, OutgoingState
from luutru.dispatch.tests.conftest import approved, draft, pdf
from luutru.forms.desk import work_handover_record
from luutru.forms.render import to_docx
from luutru.orgs import accounts
from luutru.orgs.models import Membership, Role
from luutru.testing import make_user


@pytest.fixture
def drafts(net):
    w = net
    w.writing = draft(w, subject="Về việc chuẩn bị hội nghị sơ kết")
    w.waiting = draft(w, subject="Về việc báo cáo công tác lưu trữ")
    services.submit(w.official, w.waiting)
    w.returned = draft(w, subject="Về việc rà soát hồ sơ đến hạn nộp lưu")
    services.submit(w.official, w.returned)
    services.return_draft(w.head, w.returned, "Sửa lại phần căn cứ.")
    w.signed_off = approved(w, subject="Về việc tổ chức tập huấn văn thư")
    return w


def test_the_drafts_waiting_on_the_drafter_are_handed_over_and_the_role_can_end(drafts):
    w = drafts
    leaving, recipient = w.official.person, w.official2.person
    work = handover.open_work(leaving, w.office)
    assert {o.pk for o in work.more["draft"]} == {w.writing.pk, w.waiting.pk, w.returned.pk}
    assert "3 dự thảo văn bản đi" in work.summary()

    record = handover.hand_over(
        w.head, w.office, leaving=leaving, recipient=recipient, reason="Nghỉ hưu"
    )

    assert handover.open_work(leaving, w.office).count == 0
    moved = Outgoing.objects.filter(pk__in=[w.writing.pk, w.waiting.pk, w.returned.pk])
    assert set(moved.values_list("drafter_id", flat=True)) == {w.official2.pk}
    assert Outgoing.objects.get(pk=w.signed_off.pk).drafter_id == w.official.pk
    assert [i["kind"] for i in record.items].count("draft") == 3
    assert Event.objects.filter(action="outgoing.hand_over").count() == 3

    # The new drafter carries on: changes the returned draft and submits it again.
    o = services.update_draft(
        w.official2,
        Outgoing.objects.get(pk=w.returned.pk),
        fields={"doc_type": w.cv.pk, "subject": "Về việc rà soát hồ sơ đến hạn nộp lưu năm 2026"},
        recipients=[{"name": "Sở Nội vụ tỉnh", "purpose": "để biết"}],
        content=pdf("Bản sửa"),
        filename="sua.pdf",
    )
    assert services.submit(w.official2, o).state == OutgoingState.SUBMITTED

    text = "\n".join(
        p.text
        for p in Document(io.BytesIO(to_docx(work_handover_record(w.head, record)))).paragraphs
    )
    assert "Dự thảo văn bản đi: 3." in text

    # Nothing left open: the official's role in the office may end.
    m = Membership.objects.get(person=leaving, org=w.office, role=Role.OFFICIAL)
    accounts.change_membership(w.admin, m, valid_to=timezone.localdate())
    assert Membership.objects.get(pk=m.pk).valid_to == timezone.localdate()


def test_a_recipient_who_does_not_draft_in_the_body_is_refused_and_no_draft_moves(drafts):
    w = drafts
    reader = make_user("docgia_vp", w.office, Role.READER, full_name="Vũ Thị Hoa")
    with pytest.raises(RuleViolation) as refused:
        handover.hand_over(
            w.head, w.office, leaving=w.official.person, recipient=reader.person, reason="Nghỉ"
        )
    assert any("Vũ Thị Hoa" in f and "không làm việc" in f for f in refused.value.messages)
    assert set(
        Outgoing.objects.filter(
            state__in=[OutgoingState.DRAFT, OutgoingState.SUBMITTED, OutgoingState.RETURNED]
        ).values_list("drafter_id", flat=True)
    ) == {w.official.pk}


def test_a_role_does_not_end_while_a_draft_waits_on_its_drafter(net):
    w = net
    draft(w)
    m = Membership.objects.get(person=w.official.person, org=w.office, role=Role.OFFICIAL)
    with pytest.raises(RuleViolation) as refused:
        accounts.change_membership(w.admin, m, valid_to=timezone.localdate())
    assert Membership.objects.get(pk=m.pk).valid_to is None
    assert any("1 dự thảo văn bản đi" in f for f in refused.value.messages)
