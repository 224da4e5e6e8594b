import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luutru.audit.models import Event
from luutru.holdings import importer, sample
from luutru.holdings.models import Box, BoxMovement, PaperDossier, Place
from luutru.search.services import refresh_index


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def holdings(world):
    data = sample.rows(6, per_box=3)
    data[1][4] = "Hồ sơ mật về công tác bảo vệ chính trị nội bộ"
    data[1][8] = "Mật"
    data[4][4] = "Tập báo cáo tổng kết phong trào thi đua quyết thắng"
    rows = importer.read_table(sample.xlsx(data), "m.xlsx")
    pv = importer.preview(rows)
    importer.apply(world.archivist, b"x", rows, pv, pv.mapping, world.office.fonds, None)
    return world


def test_reader_finds_a_paper_dossier_without_diacritics_and_sees_its_shelf(holdings):
    w = holdings
    refresh_index()
    c = _client(w.reader)
    page = c.get("/tim-kiem/", {"q": "bao cao tong ket phong trao thi dua"}).content.decode()
    d = PaperDossier.objects.get(number=5)
    url = reverse("holdings:dossier", args=[d.pk])
    assert url in page
    page = c.get(url).content.decode()
    assert "Kho 1 – Giá 1 – Khoang 1 – Tầng 1" in page and "Trên giá" in page
    assert c.get(reverse("holdings:cover", args=[d.pk]))["Content-Type"] == "application/pdf"


def test_a_secret_paper_dossier_is_hidden_from_a_reader_without_clearance(holdings):
    w = holdings
    refresh_index()
    secret = PaperDossier.objects.get(number=2)
    assert secret.secrecy == 1
    reader, archivist = _client(w.reader), _client(w.archivist)
    assert reader.get(reverse("holdings:dossier", args=[secret.pk])).status_code == 403
    assert reader.get(reverse("holdings:cover", args=[secret.pk])).status_code == 403
    assert archivist.get(reverse("holdings:dossier", args=[secret.pk])).status_code == 200
    box = secret.box
    assert secret.title not in reader.get(reverse("holdings:box", args=[box.pk])).content.decode()
    assert secret.title in archivist.get(reverse("holdings:box", args=[box.pk])).content.decode()
    q = {"q": "ho so mat ve cong tac bao ve chinh tri noi bo"}
    url = reverse("holdings:dossier", args=[secret.pk])
    assert url not in reader.get("/tim-kiem/", q).content.decode()
    assert url in archivist.get("/tim-kiem/", q).content.decode()  # titles come highlighted
    read = _pdf_text(reader.get(reverse("holdings:box_label", args=[box.pk])).content)
    kept = _pdf_text(archivist.get(reverse("holdings:box_label", args=[box.pk])).content)
    assert "Hồ sơ số 1 đến số 3 (2 hồ sơ)" in read.replace("\r", "").replace("\n", " ")
    assert "(3 hồ sơ)" in kept.replace("\r", "").replace("\n", " ")
    figures = reader.get(reverse("holdings:index")).content.decode()
    assert "<td>5</td>" in figures  # dossiers counted: the secret one is not


def test_labels_of_an_inventory_carry_qr_codes(holdings):
    w = holdings
    c = _client(w.archivist)
    inv = Box.objects.first().inventory
    response = c.get(reverse("holdings:inventory_labels", args=[inv.pk]))
    pdf = pypdfium2.PdfDocument(response.content)
    assert len(pdf) >= 1
    text = _pdf_text(response.content)
    assert "HỘP SỐ" in text and "/kho-luu-tru/hop/" in text
    # Each label holds its QR code as an image.
    objs = [
        o
        for o in pdf[0].get_objects()
        if o.type in (pypdfium2.raw.FPDF_PAGEOBJ_IMAGE, pypdfium2.raw.FPDF_PAGEOBJ_PATH)
    ]
    assert objs
    bad = c.get(reverse("holdings:inventory_labels", args=[inv.pk]), {"tu": "abc", "den": "99"})
    assert bad.status_code == 200  # a bad bound is ignored, not a 500
    none = c.get(reverse("holdings:inventory_labels", args=[inv.pk]), {"tu": "50", "den": "60"})
    assert none.status_code == 302


def test_box_moves_are_dated_audited_and_bad_input_changes_nothing(holdings):
    w = holdings
    box = Box.objects.get(number=1)
    url = reverse("holdings:box", args=[box.pk])
    archivist, reader = _client(w.archivist), _client(w.reader)
    r = archivist.post(url, {"noi": Place.DIGITIZATION, "ngay": "31/02/2024"}, follow=True)
    assert "Thiếu ngày chuyển" in r.content.decode() and not BoxMovement.objects.exists()
    r = reader.post(url, {"noi": Place.LOAN, "ngay": "01/03/2024"}, follow=True)
    assert "Chỉ lưu trữ viên" in r.content.decode() and not BoxMovement.objects.exists()
    archivist.post(url, {"noi": Place.DIGITIZATION, "ngay": "01/03/2024", "ghi_chu": "Lô số hóa 1"})
    box.refresh_from_db()
    assert box.place == Place.DIGITIZATION and BoxMovement.objects.count() == 1
    assert Event.objects.filter(action="holdings.box_moved").count() == 1
    d = box.dossiers.filter(secrecy=0).first()
    assert "Đang số hóa" in reader.get(reverse("holdings:dossier", args=[d.pk])).content.decode()


def test_bad_input_is_never_a_500(holdings):
    w = holdings
    c = _client(w.archivist)
    assert c.get("/kho-luu-tru/ho-so/999999/").status_code == 404
    assert c.get("/kho-luu-tru/hop/999999/nhan.pdf").status_code == 404
    assert c.get("/kho-luu-tru/phong/999999/").status_code == 404
    r = c.post(reverse("holdings:import"), {"token": "../../etc/passwd", "viec": "nhap"})
    assert r.status_code == 200 and "Chưa chọn tệp" in r.content.decode()
    assert _client(w.reader).get(reverse("holdings:import")).status_code == 404


def test_import_screen_previews_checks_and_imports(holdings):
    w = holdings
    c = _client(w.archivist)
    data = sample.rows(12, inventory=3)
    data[3][2] = "bốn"
    f = SimpleUploadedFile("muc-luc-3.xlsx", sample.xlsx(data))
    r = c.post(reverse("holdings:import"), {"tep": f, "phong": w.office.fonds.pk})
    page = r.content.decode()
    assert "12 dòng dưới dòng tiêu đề cột" in page
    token = page.split('name="token" value="')[1].split('"')[0]
    mapping = importer.preview(importer.read_table(sample.xlsx(data), "m.xlsx")).mapping
    form = {"token": token, "phong": w.office.fonds.pk, "viec": "nhap"}
    form.update({f"cot_{k}": v for k, v in mapping.items()})
    r = c.post(reverse("holdings:import"), form)
    assert "Dòng 6: hồ sơ số “bốn” không phải là số" in r.content.decode()
    assert not PaperDossier.objects.filter(inventory__number=3).exists()
