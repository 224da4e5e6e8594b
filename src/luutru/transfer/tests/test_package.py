"""Issue 14, transfer: the package is built from the dossiers due, is a valid bag
and a valid E-ARK SIP (every XML file against the official schemas kept locally,
checked by two implementations), an altered byte is refused naming the file, and
custody moves only on the receiver's acceptance."""

from __future__ import annotations

import bagit
import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing.models import DossierStatus
from luutru.transfer import services
from luutru.transfer import xml as x
from luutru.transfer.models import ReceivedPackage, Transfer, TransferItem
from luutru.transfer.tests.conftest import archived
from luutru.transfer.verify import schema_available, second_opinion, validate_xml, verify

XML_FILES = [
    (x.ROOT_METS, "mets"),
    (x.REP_METS, "mets"),
    (x.PREMIS_FILE, "premis"),
    (x.REP_PREMIS, "premis"),
    (x.EAD_FILE, "ead"),
    (x.TT05_FILE, "tt05"),
]


def _build(world, **kw) -> Transfer:
    return services.build_transfer(world.archivist, world.office, **kw)


def test_built_package_is_a_valid_bag_and_sip(world, due):
    t = _build(world)
    path = services.package_path(t)
    bag = bagit.Bag(str(path))
    bag.validate(processes=1)  # raises on any problem
    assert bag.info["External-Identifier"] == t.package_id
    assert t.file_count == 5 and t.items.count() == 2
    # Every schema is in the repository (transfer/schemas): all six files are checked.
    for rel, kind in XML_FILES:
        assert schema_available(kind), x.SCHEMA_OF[kind]
        assert validate_xml(path / "data" / rel, kind) == [], rel
        assert second_opinion(path / "data" / rel, kind) == [], rel
    report = verify(path)
    assert report.intact, report.all_problems()
    assert [d.key for d in report.dossiers] == [d.file_code for d in due]
    # The dossiers stay in the agency archive until the answer comes back.
    for d in due:
        d.refresh_from_db()
        assert d.status == DossierStatus.ARCHIVED
    assert Event.objects.filter(action="transfer.build", object_id=str(t.pk)).exists()


def test_a_schema_violation_is_found(world, due):
    t = _build(world)
    mets = services.package_path(t) / "data" / x.REP_METS
    mets.write_text(mets.read_text().replace('OAISPACKAGETYPE="SIP"', 'OAISPACKAGETYPE="XIP"'))
    problems = validate_xml(mets, "mets")
    assert problems and "XIP" in problems[0]


def test_dossiers_not_due_are_refused_with_reasons_and_nothing_is_built(world, due):
    recent = archived(
        world.office,
        world.official,
        notation="03.VP",
        title="Báo cáo tổng kết năm 2018",
        archived_years_ago=1,
    )
    fixed = archived(
        world.office, world.official, notation="04.VP", title="Công văn trao đổi năm 2018", years=10
    )
    with pytest.raises(RuleViolation) as e:
        _build(world, dossier_ids=[due[0].pk, recent.pk, fixed.pk])
    text = " ".join(e.value.messages)
    assert "03.VP" in text and "chưa đến hạn" in text
    assert "04.VP" in text and "vĩnh viễn" in text
    assert not Transfer.objects.exists()
    assert not services.outbox().exists() or not any(services.outbox().iterdir())
    # Without a choice, only the dossiers due go in.
    t = _build(world)
    assert sorted(t.items.values_list("dossier_id", flat=True)) == sorted(d.pk for d in due)


def test_a_reader_cannot_build(world, due):
    with pytest.raises(RuleViolation):
        services.build_transfer(world.reader, world.office)
    assert not Transfer.objects.exists()


def test_one_altered_byte_refuses_the_package_naming_the_file(world, due):
    t = _build(world)
    path = services.package_path(t)
    victim = sorted((path / "data" / x.REP_DATA).rglob("*.pdf"))[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    rel = victim.relative_to(path).as_posix()

    p = services.receive(world.archivist, path)
    assert p.status == ReceivedPackage.Status.REFUSED
    reasons = [r for rd in p.dossiers.all() for r in rd.reasons]
    assert any(rel in r and "bị thay đổi" in r for r in reasons), reasons
    # Same installation: the answer came back at once; nothing moved.
    t.refresh_from_db()
    assert t.status == Transfer.Status.REFUSED
    for d in due:
        d.refresh_from_db()
        assert d.status == DossierStatus.ARCHIVED
    assert set(t.items.values_list("outcome", flat=True)) == {TransferItem.Outcome.REFUSED}


def test_acceptance_moves_custody_and_a_refused_dossier_stays(world, due):
    t = _build(world)
    p = services.receive(world.archivist2, services.package_path(t))
    assert p.status == ReceivedPackage.Status.VERIFIED
    assert p.dossiers.count() == 2
    # Nothing moves before the decision.
    due[0].refresh_from_db()
    assert due[0].status == DossierStatus.ARCHIVED
    services.decide(world.archivist2, p, {2: "Thiếu biên bản hội nghị"})
    a, b = due
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == DossierStatus.TRANSFERRED
    assert b.status == DossierStatus.ARCHIVED
    t.refresh_from_db()
    assert t.status == Transfer.Status.PARTLY
    refused = t.items.get(dossier=b)
    assert refused.reasons == ["Thiếu biên bản hội nghị"]
    assert Event.objects.filter(action="dossier.transfer", object_id=str(a.pk)).exists()
    # The accepted files are in this installation's blob store.
    assert p.dossiers.get(position=1).files.filter(blob__isnull=False).count() == 2
    # A refused dossier can go in a later package.
    assert services.due_dossiers(world.office) == [b]


def test_an_answer_cannot_be_applied_twice_and_bad_answers_are_refused(world, due):
    t = _build(world)
    p = services.receive(world.archivist2, services.package_path(t))
    answer = services.decide(world.archivist2, p)
    with pytest.raises(RuleViolation):
        services.apply_answer(world.archivist, answer)
    for bad in (b"", b"{", b'{"format": "x"}', "không phải json".encode()):
        with pytest.raises(RuleViolation):
            services.parse_answer(bad)
    with pytest.raises(RuleViolation):
        services.decide(world.archivist2, p)  # answered already


def test_signed_package_is_checked(world, due):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    t = _build(world, sign=services.signer_from_pem(pem))
    path = services.package_path(t)
    assert t.signed
    report = verify(path)
    assert report.intact and report.signature.startswith("Chữ ký Ed25519 hợp lệ")
    sig = path / x.SIGNATURE
    sig.write_bytes(bytes([sig.read_bytes()[0] ^ 1]) + sig.read_bytes()[1:])
    report = verify(path)
    assert not report.intact
    assert any("manifest-sha256.txt" in p for p in report.all_problems())


def test_not_a_package(world, tmp_path):
    (tmp_path / "rong").mkdir()
    with pytest.raises(RuleViolation) as e:
        services.receive(world.archivist, tmp_path / "rong")
    assert "không phải gói" in " ".join(e.value.messages)
    assert not ReceivedPackage.objects.exists()


def test_an_appraisal_decision_to_transfer_makes_a_dossier_due(world, due):
    """The council's decision (read through ``disposal.queries.decided``) makes a
    dossier due before the rule book's delay has passed. The decided appraisal is
    written as disposal's services leave it (their workflow is tested there)."""
    from django.utils import timezone

    from luutru.disposal.models import Appraisal, AppraisalItem, Outcome

    recent = archived(
        world.office,
        world.official,
        notation="05.VP",
        title="Hồ sơ Hội nghị tổng kết năm 2018",
        archived_years_ago=1,
    )
    assert recent not in services.due_dossiers(world.office)
    appraisal = Appraisal.objects.create(
        fonds=world.office.fonds,
        org=world.office,
        year=2025,
        number=1,
        status=Appraisal.Status.DECIDED,
        created_by=world.archivist,
        decided_by=world.head,
        decided_at=timezone.now(),
    )
    AppraisalItem.objects.create(
        appraisal=appraisal,
        dossier=recent,
        proposal=Outcome.TRANSFER,
        reason="Giá trị lịch sử",
        decision=Outcome.TRANSFER,
    )
    assert recent in services.due_dossiers(world.office)
    assert services.why_not_due(recent) == []


def test_an_import_interrupted_while_keeping_files_is_finished_by_importing_again(world, due):
    from luutru.transfer.models import ReceivedFile

    t = _build(world)
    path = services.package_path(t)
    p = services.receive(world.archivist2, path)
    # As if the process had died after the rows and before the last files were kept.
    ReceivedFile.objects.filter(dossier__package=p, dossier__position=2).update(blob=None)
    with pytest.raises(RuleViolation) as e:
        services.decide(world.archivist2, p)
    assert "tiếp nhận lại gói" in " ".join(e.value.messages)
    again = services.receive(world.archivist2, path)
    assert again.pk == p.pk
    assert not ReceivedFile.objects.filter(dossier__package=p, blob__isnull=True).exists()
    services.decide(world.archivist2, p)
    t.refresh_from_db()
    assert t.status == Transfer.Status.ACCEPTED
