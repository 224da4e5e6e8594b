"""The signed PDF the clerk issues is checked offline (capture's pyHanko check): a
valid signature is kept on the issued document and on each recipient's copy; a
broken one is refused before any number is used."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization

from luutru.capture.tests.test_signatures import make_ca, make_signer, sign
from luutru.capture.trust import add_root
from luutru.core.errors import RuleViolation
from luutru.desk.models import Arrival
from luutru.dispatch import services
from luutru.dispatch.models import OutgoingState
from luutru.dispatch.tests.conftest import approved, pdf
from luutru.registry.models import NumberSeries


@pytest.fixture(scope="module")
def pki():
    root = make_ca("CA Thử nghiệm Ban Cơ yếu")
    return {"root": root[0], "signer": make_signer("Hoàng Văn Em", root)}


def test_a_validly_signed_pdf_is_issued_with_its_verdict_and_the_recipient_sees_it(net, pki):
    w = net
    add_root(None, pki["root"].public_bytes(serialization.Encoding.PEM))
    o = approved(w)
    signed = sign(pdf("Công văn đã ký số"), pki["signer"])
    done = services.issue(w.clerk, o, content=signed, filename="ky-so.pdf")
    doc = done.outgoing.document
    assert [s.verdict for s in doc.signatures.all()] == ["valid"]
    assert doc.signatures.get().signer == "Hoàng Văn Em"
    received = Arrival.objects.get(org=w.commune).document
    assert [s.verdict for s in received.signatures.all()] == ["valid"]
    assert not any("không có chữ ký số" in m for m in done.warnings)


def test_a_broken_signature_is_refused_and_no_number_is_used(net, pki):
    w = net
    o = approved(w)
    signed = bytearray(sign(pdf("Công văn đã ký số"), pki["signer"]))
    # Change one byte of the signed content (inside the first covered range).
    at = signed.index(b"Contents") - 40 if b"Contents" in signed else 200
    signed[at] = ord("X") if signed[at] != ord("X") else ord("Y")
    with pytest.raises(RuleViolation) as refused:
        services.issue(w.clerk, o, content=bytes(signed), filename="ky-so.pdf")
    assert "Chữ ký số của tệp không hợp lệ" in " ".join(refused.value.messages)
    o.refresh_from_db()
    assert o.state == OutgoingState.APPROVED and o.document is None
    assert not NumberSeries.objects.filter(scope_key__startswith="party_term").exists()
