"""Signed e-documents through the real capture pipeline: a CA and a signer made
here with ``cryptography``, PDFs signed with pyHanko, checked offline."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from luutru.audit.models import Event
from luutru.capture.models import DocumentSignature, ItemState, SignatureVerdict, TrustedRoot
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.testing import PASSWORD


def _name(cn: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Thử nghiệm"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def make_ca(cn: str):
    """A self-signed root: (certificate, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def make_signer(cn: str, ca):
    """A signing certificate issued by ``ca``, as pyHanko's signer."""
    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    ca_cert, ca_key = ca
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    pkcs8 = key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=ax509.Certificate.load(cert.public_bytes(der)),
        signing_key=akeys.PrivateKeyInfo.load(pkcs8),
        cert_registry=SimpleCertificateStore.from_certs(
            [ax509.Certificate.load(ca_cert.public_bytes(der))]
        ),
    )


def sign(pdf: bytes, signer, field: str = "ChuKy1") -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
        signers.PdfSignatureMetadata(field_name=field),
        signer=signer,
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def pki():
    trusted = make_ca("CA Thử nghiệm Ban Cơ yếu")
    stranger = make_ca("CA Lạ")
    return {
        "root": trusted[0],
        "good": make_signer("Hoàng Văn Em", trusted),
        "stranger": make_signer("Người Lạ", stranger),
    }


def _load_root(tmp_path, cert):
    from cryptography.hazmat.primitives import serialization

    path = tmp_path / "root.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    out = io.StringIO()
    call_command("trust_roots", "add", str(path), stdout=out)
    return out.getvalue()


def test_three_signed_pdfs_get_three_verdicts(world, items, pki, tmp_path, client):
    said = _load_root(tmp_path, pki["root"])
    assert "Đã nạp CA gốc “CA Thử nghiệm Ban Cơ yếu”" in said
    assert Event.objects.filter(action="signature.root_add").count() == 1

    valid = sign(make_party_letter(number="21-NQ/TU"), pki["good"])
    tampered = bytearray(sign(make_party_letter(number="22-NQ/TU"), pki["good"]))
    # One byte of the signed part changed (the PDF's ID inside the first
    # revision's trailer: the file still opens, but it is no longer what was signed).
    at = bytes(tampered).index(b"/ID")
    hexdigit = bytes(tampered).index(b"<", at) + 1
    tampered[hexdigit] = ord("0") if tampered[hexdigit] != ord("0") else ord("1")
    untrusted = sign(make_party_letter(number="23-NQ/TU"), pki["stranger"])
    plain = make_party_letter(number="24-NQ/TU")

    batch = capture(
        world.province,
        {
            "hop-le.pdf": valid,
            "bi-sua.pdf": bytes(tampered),
            "ca-la.pdf": untrusted,
            "thuong.pdf": plain,
        },
    )
    got = items(batch)

    ok = got["hop-le.pdf"]
    assert ok.state == ItemState.DONE, ok.reason
    (sig,) = ok.document.signatures.all()
    assert sig.verdict == SignatureVerdict.VALID, sig.detail
    assert sig.signer == "Hoàng Văn Em"
    assert sig.issuer == "CA Thử nghiệm Ban Cơ yếu"
    assert sig.intact and sig.trusted and sig.whole_file
    assert sig.signing_time is not None
    assert abs(sig.signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=10)
    assert "OCSP/CRL" in sig.detail

    broken = got["bi-sua.pdf"]
    assert broken.state == ItemState.REVIEW
    assert "Chữ ký số không còn nguyên vẹn của Hoàng Văn Em" in broken.reason
    assert "đã bị thay đổi sau khi ký" in broken.reason
    (sig,) = broken.document.signatures.all()
    assert sig.verdict == SignatureVerdict.BROKEN
    assert not sig.intact

    # Intact but to no loaded root: nobody has confirmed the signer yet, so a person looks.
    stranger = got["ca-la.pdf"]
    assert stranger.state == ItemState.REVIEW
    assert "Chữ ký số chưa được tin cậy của Người Lạ" in stranger.reason
    assert "không dẫn tới CA gốc tin cậy nào đã nạp" in stranger.reason
    assert "“CA Lạ”" in stranger.reason and "trust_roots add" in stranger.reason
    (sig,) = stranger.document.signatures.all()
    assert sig.verdict == SignatureVerdict.UNTRUSTED, sig.detail
    assert sig.intact and not sig.trusted
    assert sig.issuer == "CA Lạ"
    assert "không dẫn tới CA gốc tin cậy" in sig.detail

    assert not got["thuong.pdf"].document.signatures.exists()
    assert Event.objects.filter(action="document.signatures_checked").count() == 3

    # The document page says it in Vietnamese.
    assert client.login(username=world.archivist.username, password=PASSWORD)
    pages = {
        name: client.get(f"/van-ban/{got[name].document_id}/").content.decode()
        for name in ("hop-le.pdf", "bi-sua.pdf", "ca-la.pdf", "thuong.pdf")
    }
    assert "Chữ ký số hợp lệ" in pages["hop-le.pdf"]
    assert "Hoàng Văn Em" in pages["hop-le.pdf"]
    assert "CA Thử nghiệm Ban Cơ yếu" in pages["hop-le.pdf"]
    assert "Chữ ký số không còn nguyên vẹn" in pages["bi-sua.pdf"]
    assert "Chữ ký số chưa được tin cậy" in pages["ca-la.pdf"]
    assert 'id="chu-ky-so"' in pages["ca-la.pdf"]
    assert 'id="chu-ky-so"' not in pages["thuong.pdf"]
    assert "không dẫn tới CA gốc tin cậy" in pages["ca-la.pdf"]
    assert "đã bị thay đổi sau khi ký" in pages["bi-sua.pdf"]

    # The review screen says why, for the broken and the untrusted one; the valid one
    # needs nobody.
    reviews = {
        name: client.get(f"/nhap-tai-lieu/tep/{got[name].pk}/").content.decode()
        for name in ("bi-sua.pdf", "ca-la.pdf")
    }
    assert "Chữ ký số không còn nguyên vẹn của Hoàng Văn Em" in reviews["bi-sua.pdf"]
    assert "Chữ ký số chưa được tin cậy của Người Lạ" in reviews["ca-la.pdf"]
    assert "trust_roots add" in reviews["ca-la.pdf"]


def test_a_second_signature_keeps_the_first_valid_but_an_edit_after_it_breaks_it(
    world, items, pki, tmp_path
):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _load_root(tmp_path, pki["root"])
    once = sign(make_party_letter(number="31-NQ/TU"), pki["good"])
    twice = sign(once, pki["good"], field="ChuKy2")
    # An incremental update after signing that changes the page (turns it over).
    w = IncrementalPdfFileWriter(io.BytesIO(once), strict=False)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(180)
    w.update_container(page)
    appended = io.BytesIO()
    w.write(appended)

    batch = capture(world.province, {"hai-chu-ky.pdf": twice, "sua-sau.pdf": appended.getvalue()})
    got = items(batch)
    first, second = got["hai-chu-ky.pdf"].document.signatures.all()
    assert first.verdict == second.verdict == SignatureVerdict.VALID, first.detail
    assert not first.whole_file and second.whole_file
    assert "không bao trùm toàn tệp" in first.detail
    assert got["hai-chu-ky.pdf"].state == ItemState.DONE, got["hai-chu-ky.pdf"].reason

    later = got["sua-sau.pdf"]
    assert later.state == ItemState.REVIEW
    (sig,) = later.document.signatures.all()
    assert sig.verdict == SignatureVerdict.BROKEN and sig.intact, sig.detail
    assert "thêm hoặc sửa sau khi ký" in later.reason


def test_without_roots_a_good_signature_is_untrusted_and_says_why(world, items, pki):
    assert not TrustedRoot.objects.exists()
    batch = capture(world.province, {"a.pdf": sign(make_party_letter(), pki["good"])})
    item = items(batch)["a.pdf"]
    assert item.state == ItemState.REVIEW
    assert "Chưa có CA gốc tin cậy nào được nạp" in item.reason
    sig = DocumentSignature.objects.get(document=item.document)
    assert sig.verdict == SignatureVerdict.UNTRUSTED
    assert "Chưa có CA gốc tin cậy nào được nạp" in sig.detail


def test_a_root_is_refused_unless_it_is_a_ca_and_can_be_withdrawn(world, pki, tmp_path):
    from django.core.management.base import CommandError

    leaf = pki["good"].signing_cert.dump()
    path = tmp_path / "leaf.cer"
    path.write_bytes(leaf)
    with pytest.raises(CommandError, match="không phải chứng thư của tổ chức cấp chứng thư"):
        call_command("trust_roots", "add", str(path))
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(CommandError, match="không phải chứng thư số X.509"):
        call_command("trust_roots", "add", str(junk))

    _load_root(tmp_path, pki["root"])
    root = TrustedRoot.objects.get()
    assert root.sha256 in _out("trust_roots", "list")
    assert "Đã thôi tin cậy" in _out("trust_roots", "remove", root.sha256)
    assert "Chưa nạp CA gốc nào" in _out("trust_roots", "list")
    assert Event.objects.filter(action="signature.root_remove").count() == 1


def _out(*args) -> str:
    buf = io.StringIO()
    call_command(*args, stdout=buf)
    return buf.getvalue()


def test_a_signed_pdf_entered_through_the_registry_form_gets_its_verdict(world, pki, tmp_path):
    from luutru.capture.pipeline import extract_document_text
    from luutru.registry.services import create_document
    from luutru.registry.tests.files import metadata_for

    _load_root(tmp_path, pki["root"])
    doc, _ = create_document(
        world.official,
        world.office,
        content=io.BytesIO(sign(make_party_letter(), pki["stranger"])),
        filename="cv-den.pdf",
        metadata=metadata_for(world.office),
        direction="incoming",
    )
    extract_document_text(doc.pk)
    (sig,) = doc.signatures.all()
    assert sig.verdict == SignatureVerdict.UNTRUSTED
    assert sig.signer == "Người Lạ"
    extract_document_text(doc.pk)  # a rerun keeps one verdict
    assert doc.signatures.count() == 1


def test_the_stored_verdicts_are_the_checker_s():
    from luutru.capture import signatures

    assert dict(SignatureVerdict.choices) == signatures.VERDICT_LABELS
    assert set(signatures.SEVERITY) == set(SignatureVerdict.values)
