"""An official leaves or moves (issue 13 item 3): their open dossiers, pending
documents and routing tasks go to a named person of the same body, in one
transaction, with a handover record; refusals name why and change nothing; a
role ends only once nothing is left open."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.desk import handover, services
from luutru.desk.models import ArrivalState, Handling, WorkHandover
from luutru.desk.tests.conftest import desk_snapshot
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs import accounts
from luutru.orgs.models import Membership, Role, Secrecy
from luutru.orgs.tests.test_admin import form_data, make_admin
from luutru.testing import make_user

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def scene(world, arrive):
    """The official (leaving) forms one open and one closed dossier, leads the
    handling of one arrival and co-handles another; a second head (leaving too)
    has an arrival routed to them, waiting for assignment."""
    w = world
    for user in (w.clerk, w.official):
        user.person.clearance = Secrecy.MAT
        user.person.save()
    w.newcomer = make_user(
        "canbo3", w.office, Role.OFFICIAL, clearance=Secrecy.MAT, full_name="Mai Văn Phúc"
    )
    w.head2 = make_user(
        "lanhdao2", w.office, Role.HEAD, clearance=Secrecy.MAT, full_name="Trịnh Văn Quang"
    )
    w.open_dossier = make_dossier(
        w.office,
        w.official,
        notation="HS-01",
        title="Hồ sơ đang lập",
        status=DossierStatus.OPEN,
        documents=1,
        end_date=dt.date(2026, 1, 10),
    )
    w.closed_dossier = make_dossier(
        w.office, w.official, notation="HS-02", title="Hồ sơ đã kết thúc", documents=1
    )
    led = services.route(w.clerk, arrive(secrecy=Secrecy.MAT), head=w.head)
    w.led = services.assign(w.head, led, lead=w.official, deadline=TOMORROW)
    co = services.route(w.clerk, arrive(), head=w.head)
    w.co = services.assign(
        w.head, co, lead=w.official2, co_handlers=[w.official], deadline=TOMORROW
    )
    w.waiting = services.route(w.clerk, arrive(), head=w.head)
    return w


def test_a_handover_moves_every_open_item_and_leaves_the_official_nothing(scene):
    w = scene
    leaving, recipient = w.official.person, w.newcomer.person
    work = handover.open_work(leaving, w.office)
    assert (len(work.dossiers), len(work.presented), len(work.handlings)) == (1, 0, 2)
    assert work.secrecy == Secrecy.MAT

    record = handover.hand_over(
        w.head, w.office, leaving=leaving, recipient=recipient, reason="Chuyển công tác"
    )

    assert handover.open_work(leaving, w.office).count == 0
    assert handover.open_work(recipient, w.office).count == 3
    d = Dossier.objects.get(pk=w.open_dossier.pk)
    assert (d.creator_id, d.owner_id) == (recipient.pk, w.newcomer.pk)
    closed = Dossier.objects.get(pk=w.closed_dossier.pk)
    assert closed.creator_id == leaving.pk  # a closed dossier keeps who formed it
    lead = w.led.handlings.get(ended_at__isnull=True)
    assert (lead.handler_id, lead.part) == (w.newcomer.pk, Handling.Part.LEAD)
    parts = set(w.co.handlings.filter(ended_at__isnull=True).values_list("handler_id", "part"))
    assert parts == {(w.official2.pk, Handling.Part.LEAD), (w.newcomer.pk, Handling.Part.CO)}
    # The record lists every item, as secret as its most secret one.
    assert [i["kind"] for i in record.items] == ["dossier", "handling", "handling"]
    assert record.secrecy == Secrecy.MAT and record.reason == "Chuyển công tác"
    actions = set(Event.objects.values_list("action", flat=True))
    assert {"work.hand_over", "dossier.hand_over", "arrival.hand_over"} <= actions
    # The recipient carries the work on with the desk's own steps.
    services.record_progress(w.newcomer, w.led, "Đã nhận bàn giao, đang xử lý.")


def test_the_routing_task_of_a_head_goes_to_another_head(scene):
    w = scene
    w.waiting.refresh_from_db()
    with pytest.raises(RuleViolation) as refused:
        handover.hand_over(w.admin, w.office, leaving=w.head.person, recipient=w.newcomer.person)
    assert "không phải lãnh đạo" in str(refused.value)
    handover.hand_over(w.admin, w.office, leaving=w.head.person, recipient=w.head2.person)
    w.waiting.refresh_from_db()
    assert (w.waiting.state, w.waiting.routed_to_id) == (ArrivalState.PRESENTED, w.head2.pk)
    services.assign(w.head2, w.waiting, lead=w.official2, deadline=TOMORROW)


def test_refusals_name_why_and_change_nothing(scene):
    w = scene
    cases = [
        (w.head, w.board_official.person, "không làm việc tại"),  # another body
        (w.head, w.official2.person, "chưa được tiếp cận"),  # the led arrival is MẬT
        (w.head, w.official.person, "không bàn giao cho chính mình"),
        (w.official2, w.newcomer.person, "Chỉ lãnh đạo"),  # no right
    ]
    before = (desk_snapshot(), list(Dossier.objects.values_list("pk", "creator_id", "owner_id")))
    for actor, recipient, expected in cases:
        with pytest.raises(RuleViolation) as refused:
            handover.hand_over(actor, w.office, leaving=w.official.person, recipient=recipient)
        assert expected in str(refused.value)
    after = (desk_snapshot(), list(Dossier.objects.values_list("pk", "creator_id", "owner_id")))
    assert after == before
    assert not WorkHandover.objects.exists()


def test_a_role_ends_only_once_its_work_is_handed_over(scene, client):
    w = scene
    role = Membership.objects.get(person=w.official.person, org=w.office)
    # The administration screen where roles end refuses, and says to hand over first.
    client.force_login(make_admin(w.admin))
    url = f"/quan-tri/orgs/person/{w.official.person.pk}/change/"
    data = form_data(client, url)
    data["memberships-0-valid_to"] = [timezone.localdate().isoformat()]
    assert "Bàn giao công việc" in client.post(url, data, follow=True).content.decode()
    with pytest.raises(RuleViolation) as refused:
        accounts.change_membership(w.admin, role, valid_to=timezone.localdate())
    assert "Bàn giao công việc" in str(refused.value)
    with pytest.raises(RuleViolation):
        accounts.remove_membership(w.admin, role)
    assert Membership.objects.filter(pk=role.pk, valid_to__isnull=True).exists()

    handover.hand_over(w.head, w.office, leaving=w.official.person, recipient=w.newcomer.person)
    accounts.change_membership(w.admin, role, valid_to=timezone.localdate())
    assert handover.open_work(w.official.person, w.office).count == 0


def test_the_screen_previews_confirms_and_prints_the_record(scene, client):
    w = scene
    client.force_login(w.head)
    assert 'href="/van-thu/ban-giao/"' in client.get("/van-thu/giao-xu-ly/").content.decode()
    query = f"?org={w.office.pk}&leaving={w.official.person.pk}&recipient={w.newcomer.person.pk}"
    page = client.get(f"/van-thu/ban-giao/{query}").content.decode()
    assert "HS-01" in page and "Xác nhận bàn giao" in page
    assert 'href="/huong-dan/ban-giao-cong-viec/"' in page
    assert handover.open_work(w.official.person, w.office).count == 3  # a preview moves nothing

    form = {"org": w.office.pk, "leaving": w.official.person.pk, "reason": "Nghỉ hưu"}
    refused = client.post(
        "/van-thu/ban-giao/xac-nhan/", {**form, "recipient": w.official2.person.pk}
    )
    assert refused.status_code == 302
    assert "chưa được tiếp cận" in client.get(refused["Location"]).content.decode()
    assert not WorkHandover.objects.exists()

    done = client.post("/van-thu/ban-giao/xac-nhan/", {**form, "recipient": w.newcomer.person.pk})
    record = WorkHandover.objects.get()
    assert done["Location"] == f"/van-thu/ban-giao/{record.pk}/"
    assert "Nghỉ hưu" in client.get(done["Location"]).content.decode()
    pdf = client.get(f"/bieu-mau/ban-giao-cong-viec/{record.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/bieu-mau/ban-giao-cong-viec/{record.pk}.docx")
    text = "\n".join(
        c.text
        for t in Document(io.BytesIO(docx.content)).tables
        for row in t.rows
        for c in row.cells
    )
    assert "HS-01" in text and "Mai Văn Phúc" in text


def test_the_screen_refuses_who_may_not(scene, client):
    w = scene
    client.force_login(w.official2)
    assert "Chỉ lãnh đạo cơ quan" in client.get("/van-thu/ban-giao/").content.decode()
    form = {"org": w.office.pk, "leaving": w.official.person.pk, "recipient": w.newcomer.person.pk}
    refused = client.post("/van-thu/ban-giao/xac-nhan/", form)
    assert refused.status_code == 302 and not WorkHandover.objects.exists()
    handover.hand_over(w.head, w.office, leaving=w.official.person, recipient=w.newcomer.person)
    record = WorkHandover.objects.get()
    # An uncleared colleague does not see the record of secret work, nor print it.
    assert client.get(f"/van-thu/ban-giao/{record.pk}/").status_code == 404
    assert client.get(f"/bieu-mau/ban-giao-cong-viec/{record.pk}.pdf").status_code == 404
