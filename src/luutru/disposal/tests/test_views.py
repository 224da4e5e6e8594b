"""The pages of appraisal and destruction: they render for each role, say what to
do next, refuse bad input in Vietnamese without a server error, and print the forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from luutru.disposal import services
from luutru.disposal.models import Appraisal, Hold
from luutru.disposal.tests.test_appraisal import decided
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_the_archivist_proposes_from_the_page_and_a_not_due_dossier_is_refused(
    client, world, holdings
):
    expired, permanent, running = holdings
    c = client_for(client, world.archivist)
    page = c.get("/xac-dinh-gia-tri/")
    assert page.status_code == 200 and "Lập đợt xác định giá trị" in page.content.decode()
    fonds = world.office.fonds
    page = c.get(f"/xac-dinh-gia-tri/moi/?phong={fonds.pk}")
    text = page.content.decode()
    assert "Chọn hồ sơ 07.VP" in text and "Chọn hồ sơ 06.VP" not in text
    assert "còn phải bảo quản đến hết ngày 31/12/2034" in text
    # Ticking a dossier not due (by hand) is refused with the reason; nothing made.
    refused = c.post(
        "/xac-dinh-gia-tri/moi/",
        {"phong": fonds.pk, "ho_so": [expired.pk, running.pk]},
        follow=True,
    )
    assert "chưa hết thời hạn bảo quản" in refused.content.decode()
    assert not Appraisal.objects.exists()
    made = c.post(
        "/xac-dinh-gia-tri/moi/", {"phong": fonds.pk, "ho_so": [expired.pk, permanent.pk]}
    )
    a = Appraisal.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/xac-dinh-gia-tri/{a.pk}/"
    assert "ghi thành phần hội đồng" in c.get(made["Location"]).content.decode()


@pytest.mark.parametrize(
    "url,data",
    [
        ("/xac-dinh-gia-tri/moi/?phong=abc", None),
        ("/xac-dinh-gia-tri/moi/?phong=99999999999999999999", None),
        ("/xac-dinh-gia-tri/moi/", {"phong": "1", "ho_so": ["x²"]}),
        ("/xac-dinh-gia-tri/tam-giu/", {"co_quan": "zz", "loai": "legal", "ly_do": "a"}),
        ("/xac-dinh-gia-tri/tam-giu/", {"co_quan": "", "loai": "", "ly_do": ""}),
        ("/xac-dinh-gia-tri/999/", None),
        ("/xac-dinh-gia-tri/999/xac-nhan-huy/", {}),
        ("/bieu-mau/xac-dinh-gia-tri/999/bien-ban-huy.pdf", None),
    ],
)
def test_bad_input_gets_a_clear_answer_never_a_server_error(client, world, url, data):
    c = client_for(client, world.archivist)
    response = c.get(url) if data is None else c.post(url, data)
    assert response.status_code in (200, 302, 400, 404)
    assert not Hold.objects.exists()


def test_bad_opinions_and_decisions_change_nothing(client, world, holdings):
    expired, permanent, _ = holdings
    a = services.create_appraisal(world.archivist, world.office.fonds, [expired.pk])
    services.add_member(world.archivist, a, world.head, role="chair")
    services.add_member(world.archivist, a, world.archivist2, role="member")
    services.send_to_council(world.archivist, a)
    item = a.items.get()
    c = client_for(client, world.head)
    for data in (
        {f"y_kien_{item.pk}": "burn"},
        {f"y_kien_{item.pk}": "keep", f"nam_{item.pk}": "x"},
    ):
        response = c.post(f"/xac-dinh-gia-tri/{a.pk}/y-kien/", data)
        assert response.status_code in (302, 400)
    assert not item.opinions.exists()
    response = c.post(f"/xac-dinh-gia-tri/{a.pk}/quyet-dinh/", {"so_quyet_dinh": ""}, follow=True)
    assert "chưa cho ý kiến" in response.content.decode()
    a.refresh_from_db()
    assert a.status == "review"


def test_the_forms_print_and_the_minutes_carry_the_manifest(
    client, world, holdings, django_capture_on_commit_callbacks
):
    from luutru.disposal import destruction as destroying
    from luutru.forms.builders import destruction_minutes
    from luutru.forms.render import render

    expired, permanent, _ = holdings
    a = decided(world, [expired, permanent], [("destroy", None), ("transfer", None)])
    c = client_for(client, world.archivist)
    for name in ("danh-muc-huy", "quyet-dinh"):
        for fmt in ("pdf", "docx"):
            r = c.get(f"/bieu-mau/xac-dinh-gia-tri/{a.pk}/{name}.{fmt}")
            assert r.status_code == 200 and len(r.content) > 1000, (name, fmt)
    destroying.confirm_destruction(world.archivist, a.destruction)
    with django_capture_on_commit_callbacks(execute=True):
        destroying.confirm_destruction(world.head, a.destruction)
    a.destruction.refresh_from_db()
    form = destruction_minutes(world.archivist, a)
    text = "\n".join(str(cell) for t in form.tables for row in t.rows for cell in row.cells)
    for f in a.destruction.files.filter(removed=True):
        assert f.sha256 in text
    assert any(a.destruction.manifest_sha256 in getattr(b, "text", "") for b in form.blocks)
    assert render(form, "pdf").startswith(b"%PDF")
    r = c.get(f"/bieu-mau/xac-dinh-gia-tri/{a.pk}/bien-ban-huy.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    manifest = c.get(f"/xac-dinh-gia-tri/{a.pk}/bang-ke-sha256.txt").content.decode()
    assert len(manifest.splitlines()) == a.destruction.files.filter(removed=True).count()
    page = c.get(f"/xac-dinh-gia-tri/{a.pk}/").content.decode()
    assert "In biên bản hủy (PDF)" in page and a.destruction.manifest_sha256 in page


def _p12(tmp_path) -> str:
    """A self-signed key of the archive as a PKCS#12 file."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kho Lưu trữ Tỉnh ủy")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "luu-tru.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"luutru", key, cert, None, BestAvailableEncryption(b"mat-khau")
        )
    )
    return str(path)


def test_the_minutes_are_signed_with_the_archives_key_when_one_is_configured(
    client, world, holdings, settings, tmp_path
):
    import io

    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader

    from luutru.capture import signatures
    from luutru.disposal import destruction as destroying

    expired, _, _ = holdings
    a = decided(world, [expired], [("destroy", None)])
    destroying.confirm_destruction(world.archivist, a.destruction)
    destroying.confirm_destruction(world.head, a.destruction)
    c = client_for(client, world.archivist)
    url = f"/bieu-mau/xac-dinh-gia-tri/{a.pk}/bien-ban-huy.pdf"
    plain = c.get(url).content
    assert not PdfFileReader(io.BytesIO(plain)).embedded_signatures
    settings.LUUTRU_SIGNING_P12 = _p12(tmp_path)
    settings.LUUTRU_SIGNING_PASSWORD = "mat-khau"
    signed = c.get(url).content
    assert len(PdfFileReader(io.BytesIO(signed)).embedded_signatures) == 1
    # Checked as the archive checks an incoming signed PDF, with the archive's own
    # certificate as the one trusted root (no fall-back to the system's trust list).
    _, cert, _ = pkcs12.load_key_and_certificates(
        Path(settings.LUUTRU_SIGNING_P12).read_bytes(), b"mat-khau"
    )
    (finding,) = signatures.verify_pdf(signed, [cert.public_bytes(Encoding.DER)])
    assert finding.verdict == signatures.Verdict.VALID, finding.reasons
    assert finding.signer == "Kho Lưu trữ Tỉnh ủy"
    (stranger,) = signatures.verify_pdf(signed, [])
    assert stranger.verdict == signatures.Verdict.UNTRUSTED
    settings.LUUTRU_SIGNING_PASSWORD = "sai"
    refused = c.get(url, follow=True)
    assert "Không đọc được khóa ký" in refused.content.decode()
