"""Appraisal, holds and destruction (issue 14): refusals name their reason and
change nothing; two people destroy; the content goes, the metadata and the
manifest stay; the audit chain holds."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.core.errors import RuleViolation
from luutru.disposal import destruction as destroying
from luutru.disposal import queries, services
from luutru.disposal.models import Appraisal, Confirmation, CouncilMember, Destruction, Outcome
from luutru.filing.models import DossierItem, DossierStatus
from luutru.filing.services import add_document_to_dossier, open_dossier
from luutru.registry.models import Document
from luutru.storage.models import Blob
from luutru.storage.services import store

pytestmark = pytest.mark.django_db


def fonds(world):
    return world.office.fonds


def reviewed(world, dossiers, outcomes):
    """An appraisal of ``dossiers`` through the council (head chairs, second archivist
    sits), each member giving ``outcomes[i]`` on the i-th dossier."""
    a = services.create_appraisal(world.archivist, fonds(world), [d.pk for d in dossiers])
    services.add_member(world.archivist, a, world.head, role="chair", position="Chánh Văn phòng")
    services.add_member(world.archivist, a, world.archivist2, role="member", position="Lưu trữ")
    services.send_to_council(world.archivist, a)
    items = {i.dossier_id: i for i in a.items.all()}
    for user in (world.head, world.archivist2):
        for d, (outcome, years) in zip(dossiers, outcomes, strict=True):
            services.give_opinion(user, items[d.pk], outcome=outcome, new_years=years)
    return a


def decided(world, dossiers, outcomes):
    a = reviewed(world, dossiers, outcomes)
    return services.decide(
        world.head, a, services.default_decisions(a), decision_number="15-QĐ/VPTU"
    )


def test_a_dossier_not_yet_due_cannot_be_proposed(world, holdings):
    expired, permanent, running = holdings
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.create_appraisal(world.archivist, fonds(world), [expired.pk, running.pk])
    assert refused.value.messages == [
        "Hồ sơ 06.VP chưa hết thời hạn bảo quản 10 năm: còn phải bảo quản đến hết ngày 31/12/2034."
    ]
    assert not Appraisal.objects.exists() and Event.objects.count() == events
    due = {r.dossier.pk: r for r in queries.candidates(world.archivist, fonds(world))}
    assert due[expired.pk].proposal == Outcome.DESTROY
    assert due[expired.pk].reason == "Hết thời hạn bảo quản 5 năm từ ngày 01/01/2021."
    assert due[permanent.pk].proposal == Outcome.TRANSFER
    assert due[running.pk].proposal == ""


def test_only_the_archivist_proposes_and_the_head_decides(world, holdings):
    expired, permanent, _ = holdings
    with pytest.raises(RuleViolation):
        services.create_appraisal(world.official, fonds(world), [expired.pk])
    a = reviewed(world, [expired, permanent], [("destroy", None), ("transfer", None)])
    with pytest.raises(RuleViolation) as refused:
        services.decide(world.archivist, a, services.default_decisions(a), decision_number="1")
    assert "Chỉ lãnh đạo" in refused.value.messages[0]
    a.refresh_from_db()
    assert a.status == Appraisal.Status.REVIEW


def test_the_head_cannot_decide_before_every_member_has_given_an_opinion(world, holdings):
    expired, permanent, _ = holdings
    a = services.create_appraisal(world.archivist, fonds(world), [expired.pk, permanent.pk])
    services.add_member(world.archivist, a, world.head, role="chair")
    with pytest.raises(RuleViolation) as refused:
        services.send_to_council(world.archivist, a)
    assert "ít nhất hai thành viên" in refused.value.messages[0]
    services.add_member(world.archivist, a, world.archivist2, role="member")
    services.send_to_council(world.archivist, a)
    item = a.items.get(dossier=expired)
    services.give_opinion(world.head, item, outcome="destroy")
    with pytest.raises(RuleViolation) as refused:
        services.give_opinion(world.official, item, outcome="destroy")
    assert refused.value.messages == [
        "Bạn không phải thành viên hội đồng xác định giá trị của đợt này."
    ]
    with pytest.raises(RuleViolation) as refused:
        services.give_opinion(world.head, a.items.get(dossier=permanent), outcome="destroy")
    assert refused.value.messages == ["Hồ sơ 04.VP bảo quản vĩnh viễn: không được hủy."]
    with pytest.raises(RuleViolation) as refused:
        services.decide(world.head, a, services.default_decisions(a), decision_number="15-QĐ")
    assert any("chưa cho ý kiến về hồ sơ 04.VP" in m for m in refused.value.messages)
    assert any(
        "Đỗ Văn Hải (Ủy viên) chưa cho ý kiến về hồ sơ 07.VP, 04.VP" in m
        for m in refused.value.messages
    )


def test_destruction_needs_two_different_people_and_keeps_metadata_and_manifest(
    world, holdings, django_capture_on_commit_callbacks
):
    expired, permanent, _ = holdings
    shas = list(
        Document.objects.filter(dossier_items__dossier=expired).values_list("blob_id", flat=True)
    )
    assert len(shas) == 2 and all(store().exists(s) for s in shas)
    a = decided(world, [expired, permanent], [("destroy", None), ("transfer", None)])
    d = Destruction.objects.get(appraisal=a)
    assert [i.dossier for i in queries.decided(world.office)] == [permanent]

    destroying.confirm_destruction(world.archivist, d)
    with pytest.raises(RuleViolation) as refused:
        destroying.confirm_destruction(world.archivist, d)
    assert "cần một người khác" in refused.value.messages[0]
    expired.refresh_from_db()
    assert expired.status == DossierStatus.ARCHIVED and all(store().exists(s) for s in shas)
    assert Confirmation.objects.filter(destruction=d).count() == 1

    with pytest.raises(RuleViolation):
        destroying.confirm_destruction(world.official, d)  # not an archivist or head
    with django_capture_on_commit_callbacks(execute=True):
        destroying.confirm_destruction(world.head, d)
    d.refresh_from_db()
    expired.refresh_from_db()
    permanent.refresh_from_db()
    assert d.status == Destruction.Status.DONE
    assert (expired.status, permanent.status) == (DossierStatus.DESTROYED, DossierStatus.ARCHIVED)
    # The bytes and their rows are gone; the metadata stays.
    assert not any(store().exists(s) for s in shas)
    assert not Blob.objects.filter(pk__in=shas).exists()
    docs = Document.objects.filter(dossier_items__dossier=expired)
    assert docs.count() == 2 and all(doc.blob_id is None and doc.subject for doc in docs)
    # The manifest names every removed file by its SHA-256, and its digest is kept.
    lines = queries.manifest_lines(d)
    assert sorted(line.split()[0] for line in lines) == sorted(shas)
    assert d.manifest_sha256 == queries.manifest_digest(d)
    actions = list(
        Event.objects.filter(action__startswith="disposal.").values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "disposal.destruction.confirm",
        "disposal.destruction.confirm",
        "disposal.destruction.done",
    ]
    assert Event.objects.filter(
        action="dossier.destroy_by_decision", object_id=str(expired.pk)
    ).exists()
    assert Event.objects.filter(action="storage.remove").exists()
    assert verify().ok


def test_a_hold_blocks_destruction_and_the_refusal_changes_nothing(world, holdings):
    expired, _, _ = holdings
    a = decided(world, [expired], [("destroy", None)])
    d = Destruction.objects.get(appraisal=a)
    destroying.confirm_destruction(world.archivist, d)
    hold = services.place_hold(
        world.inspector, world.office, kind="inspection", reason="Đoàn kiểm tra số 3 đang làm việc"
    )
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        destroying.confirm_destruction(world.head, d)
    assert refused.value.messages == [
        "Hồ sơ 07.VP đang bị tạm giữ, không được hủy: Đang thanh tra, kiểm tra (toàn phông): "
        "Đoàn kiểm tra số 3 đang làm việc."
    ]
    expired.refresh_from_db()
    d.refresh_from_db()
    assert expired.status == DossierStatus.ARCHIVED and d.status == Destruction.Status.PENDING
    assert Confirmation.objects.filter(destruction=d).count() == 1
    assert Event.objects.count() == events
    assert all(doc.blob_id for doc in Document.objects.filter(dossier_items__dossier=expired))
    # Lifted, the second person may go on.
    services.lift_hold(world.inspector, hold, reason="Đoàn kiểm tra đã kết thúc")
    destroying.confirm_destruction(world.head, d)
    expired.refresh_from_db()
    assert expired.status == DossierStatus.DESTROYED


def test_a_held_dossier_cannot_be_proposed_for_destruction(world, holdings):
    expired, _, _ = holdings
    services.place_hold(
        world.archivist, world.office, dossier=expired, kind="litigation", reason="Đơn khiếu nại"
    )
    with pytest.raises(RuleViolation) as refused:
        services.create_appraisal(world.archivist, fonds(world), [expired.pk])
    assert "đang bị tạm giữ" in refused.value.messages[0]


def test_a_document_still_filed_in_a_living_dossier_keeps_its_content(world, holdings):
    expired, _, _ = holdings
    first = DossierItem.objects.filter(dossier=expired).order_by("position").first().document
    other = open_dossier(
        world.official,
        world.office,
        title="Hồ sơ đang lập",
        file_notation="09.VP",
        retention=expired.retention,
        creator=world.official.person,
        start_date=dt.date(2026, 1, 5),
        year=2026,
    )
    add_document_to_dossier(world.official, other, first)
    a = decided(world, [expired], [("destroy", None)])
    d = a.destruction
    destroying.confirm_destruction(world.archivist, d)
    destroying.confirm_destruction(world.archivist2, d)
    first.refresh_from_db()
    assert first.blob_id and store().exists(first.blob_id)
    kept = d.files.get(document=first)
    assert not kept.removed and "09.VP" in kept.kept_reason
    assert d.files.filter(removed=True).count() == 1


def test_a_council_keeping_a_dossier_longer_gives_it_a_new_period(world, holdings):
    expired, _, _ = holdings
    a = decided(world, [expired], [("keep", 20)])
    assert not Destruction.objects.filter(appraisal=a).exists()
    item = a.items.get()
    assert (item.decision, item.new_years) == ("keep", 20)
    assert queries.retention_end(expired).isoformat() == "2035-12-31"
    due = queries.due_for_appraisal(expired)
    assert due.proposal == "" and "20 năm (hội đồng đã gia hạn)" in due.reason


def test_council_roles_are_recorded(world, holdings):
    expired, _, _ = holdings
    a = reviewed(world, [expired], [("destroy", None)])
    assert list(a.members.values_list("role", "position")) == [
        (CouncilMember.Role.CHAIR, "Chánh Văn phòng"),
        (CouncilMember.Role.MEMBER, "Lưu trữ"),
    ]
    assert set(a.items.get().opinions.values_list("outcome", flat=True)) == {"destroy"}
