"""Pages of the filing app: the journey from plan to closed dossier, refusals
shown in Vietnamese, and 404 for what the user may not open."""

import datetime as dt
import io

import pytest

from luutru.filing import services
from luutru.filing.models import Dossier, FilePlan
from luutru.testing import PASSWORD

from .conftest import make_document, pdf_bytes, retention


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_plan_list_shows_visible_plans_only(client, world, plan):
    other = services.create_plan(world.board_official, world.board, 2025)
    page = login(client, world.official).get("/danh-muc/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f"/danh-muc/{plan.pk}/" in body and f"/danh-muc/{other.pk}/" not in body
    assert "Sao chép thành dự thảo" in body


def test_a_plan_of_another_body_is_404(client, world):
    other = services.create_plan(world.board_official, world.board, 2025)
    login(client, world.official)
    assert client.get(f"/danh-muc/{other.pk}/").status_code == 404
    assert client.get(f"/danh-muc/{other.pk}/danh-muc.xlsx").status_code == 404
    assert client.post(f"/danh-muc/{other.pk}/duyet/").status_code == 404


def test_plan_page_shows_the_official_table(client, world, plan):
    body = login(client, world.clerk).get(f"/danh-muc/{plan.pk}/").content.decode()
    for text in (
        "Số và ký hiệu hồ sơ",
        "Tên đề mục và tiêu đề hồ sơ",
        "01.VP",
        "03.TC",
        "Công tác tổng hợp",
        "Thêm hồ sơ vào danh mục",
        "Tổng số: <strong>3</strong>",
    ):
        assert text in body


def test_creating_a_plan_and_adding_heading_and_item_through_the_pages(client, world):
    login(client, world.clerk)
    r = client.post(
        "/danh-muc/tao/", {"org": world.office.pk, "year": 2026, "code_scheme": "across_plan"}
    )
    plan = FilePlan.objects.get(org=world.office, year=2026)
    assert r.status_code == 302 and r["Location"] == f"/danh-muc/{plan.pk}/"
    client.post(f"/danh-muc/{plan.pk}/de-muc/", {"title": "Tổng hợp", "abbrev": "vp"})
    heading = plan.headings.get()
    assert heading.abbrev == "VP"
    client.post(
        f"/danh-muc/{plan.pk}/ho-so/",
        {"heading": heading.pk, "title": "Báo cáo năm", "retention": retention().pk, "note": ""},
    )
    assert list(plan.items.values_list("code", flat=True)) == ["01.VP"]


def test_a_bad_heading_shows_every_failure_and_changes_nothing(client, world, plan):
    r = login(client, world.clerk).post(
        f"/danh-muc/{plan.pk}/de-muc/", {"title": "Trùng", "abbrev": "VP"}
    )
    assert r.status_code == 200
    assert (
        "Chữ viết tắt “VP” đã dùng cho một đề mục lớn khác trong danh mục này."
        in r.content.decode()
    )
    assert plan.headings.count() == 3


def test_approving_twice_through_the_page_shows_the_message(client, world, plan):
    login(client, world.head)
    client.post(f"/danh-muc/{plan.pk}/duyet/")
    r = client.post(f"/danh-muc/{plan.pk}/duyet/", follow=True)
    assert "Danh mục hồ sơ này đã được duyệt" in r.content.decode()
    plan.refresh_from_db()
    assert plan.state == "approved"


def test_issue_form_refuses_a_bad_date(client, world, plan):
    services.approve_plan(world.head, plan)
    r = login(client, world.clerk).post(
        f"/danh-muc/{plan.pk}/ban-hanh/",
        {"decision_number": "1-QĐ/VPTU", "decision_date": "31/02/2025"},
    )
    assert "Ngày không đúng dạng ngày/tháng/năm" in r.content.decode()
    plan.refresh_from_db()
    assert plan.state == "approved"
    client.post(
        f"/danh-muc/{plan.pk}/ban-hanh/",
        {"decision_number": "1-QĐ/VPTU", "decision_date": "10/01/2025"},
    )
    plan.refresh_from_db()
    assert plan.state == "issued" and plan.decision_date == dt.date(2025, 1, 10)


def test_export_and_import_through_the_pages(client, world, plan):
    login(client, world.clerk)
    r = client.get(f"/danh-muc/{plan.pk}/danh-muc.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    upload = io.BytesIO(r.content)
    upload.name = "dm.xlsx"
    r = client.post("/danh-muc/nhap-xlsx/", {"org": world.office.pk, "year": 2027, "file": upload})
    new = FilePlan.objects.get(org=world.office, year=2027)
    assert r["Location"] == f"/danh-muc/{new.pk}/" and new.items.count() == 3
    bad = io.BytesIO(b"khong phai excel")
    bad.name = "dm.xlsx"
    r = client.post(
        "/danh-muc/nhap-xlsx/", {"org": world.office.pk, "year": 2028, "file": bad}, follow=True
    )
    assert "không phải bảng tính Excel (.xlsx) hợp lệ" in r.content.decode()
    assert not FilePlan.objects.filter(year=2028).exists()


def test_the_dossier_journey_open_upload_close(client, world, issued_plan):
    from luutru.registry.tests.files import metadata_for

    login(client, world.official)
    item = issued_plan.items.get(code="01.VP")
    body = client.get(f"/danh-muc/{issued_plan.pk}/").content.decode()
    assert "Mở hồ sơ" in body
    r = client.post(f"/ho-so/tu-danh-muc/{item.pk}/")
    dossier = Dossier.objects.get(plan_item=item)
    assert r["Location"] == f"/ho-so/{dossier.pk}/"
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    for label in ("Tải lên", "Kết thúc hồ sơ", "Hồ sơ chưa có văn bản nào"):
        assert label in page
    meta = metadata_for(world.office, symbol="12-NQ/VPTU")
    for n, day in ((12, "04/02/2025"), (13, "10/03/2025")):
        f = io.BytesIO(pdf_bytes(f"Nghị quyết {n}", pages=2))
        f.name = f"nq{n}.pdf"
        r = client.post(
            f"/ho-so/{dossier.pk}/tai-len/",
            {
                "file": f,
                "doc_type": meta["doc_type"].pk,
                "symbol": f"{n}-NQ/VPTU",
                "issued_date": day,
                "subject": f"Về công việc {n}",
                "secrecy": 0,
                "urgency": 0,
            },
        )
        assert r.status_code == 302, r.content.decode()[:3000]
    assert dossier.items.count() == 2
    r = client.post(f"/ho-so/{dossier.pk}/ket-thuc/", {"retention": dossier.retention_id})
    assert r.status_code == 400
    assert "Chưa xác nhận thời hạn bảo quản" in r.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "open"
    r = client.post(
        f"/ho-so/{dossier.pk}/ket-thuc/",
        {"retention": dossier.retention_id, "confirm_retention": "on"},
    )
    assert r.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "closed" and dossier.end_date == dt.date(2025, 3, 10)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "không thể thay đổi" in page and "Tải lên</button>" not in page
    index = client.get(f"/ho-so/{dossier.pk}/muc-luc/").content.decode()
    assert "12-NQ/VPTU" in index and "Tên loại và trích yếu nội dung" in index
    assert client.get(f"/ho-so/{dossier.pk}/muc-luc.xlsx").status_code == 200
    cert = client.get(f"/ho-so/{dossier.pk}/chung-tu/").content.decode()
    assert "2 văn bản" in cert and "4 trang" in cert


def test_closing_an_empty_dossier_through_the_page_lists_every_failure(client, world, issued_plan):
    dossier = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    r = login(client, world.official).post(
        f"/ho-so/{dossier.pk}/ket-thuc/", {"retention": dossier.retention_id}
    )
    body = r.content.decode()
    assert "Chưa kết thúc được hồ sơ vì:" in body
    assert "Hồ sơ chưa có văn bản nào" in body and "Chưa có ngày kết thúc hồ sơ" in body
    dossier.refresh_from_db()
    assert dossier.status == "open"


def test_reordering_returns_the_list_partial_for_htmx(client, world, issued_plan):
    dossier = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    a = make_document(world.official, world.office, number="1", issued=dt.date(2025, 1, 1))
    b = make_document(world.official, world.office, number="2", issued=dt.date(2025, 1, 2))
    for d in (a, b):
        services.add_document_to_dossier(world.official, dossier, d)
    r = login(client, world.official).post(
        f"/ho-so/{dossier.pk}/van-ban/{b.pk}/di-chuyen/",
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 200 and body.strip().startswith('<div id="documents">')
    assert body.index("2-NQ/TU") < body.index("1-NQ/TU")
    assert "<html" not in body


def test_add_existing_and_remove_with_reason(client, world, issued_plan):
    dossier = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    doc = make_document(world.official, world.office, number="5", subject="Về hội nghị tổng kết")
    login(client, world.official)
    page = client.get(f"/ho-so/{dossier.pk}/?q=hội nghị").content.decode()
    assert "Thêm vào hồ sơ" in page and "5-NQ/TU" in page
    client.post(f"/ho-so/{dossier.pk}/them-van-ban/", {"document": doc.pk})
    assert dossier.items.filter(removed_at__isnull=True).count() == 1
    r = client.post(f"/ho-so/{dossier.pk}/van-ban/{doc.pk}/loai-bo/", {"reason": ""}, follow=True)
    assert "Cần ghi lý do loại văn bản khỏi hồ sơ" in r.content.decode()
    assert dossier.items.filter(removed_at__isnull=True).count() == 1
    client.post(f"/ho-so/{dossier.pk}/van-ban/{doc.pk}/loai-bo/", {"reason": "Bản trùng"})
    assert dossier.items.filter(removed_at__isnull=True).count() == 0


def test_a_dossier_not_visible_is_404_everywhere(client, world, issued_plan):
    dossier = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    login(client, world.board_official)
    for url in ("", "muc-luc/", "muc-luc.xlsx", "chung-tu/"):
        assert client.get(f"/ho-so/{dossier.pk}/{url}").status_code == 404
    for url in ("ket-thuc/", "mo-lai/", "sap-xep-theo-ngay/", "them-van-ban/", "tai-len/"):
        assert client.post(f"/ho-so/{dossier.pk}/{url}").status_code == 404
    body = client.get("/ho-so/?pham-vi=tat-ca").content.decode()
    assert dossier.title not in body


def test_ad_hoc_dossier_form_lists_the_five_data(client, world):
    login(client, world.official)
    assert client.get("/ho-so/moi/").status_code == 200
    r = client.post("/ho-so/moi/", {"org": world.office.pk})
    body = r.content.decode()
    for m in (
        "Chưa nhập tiêu đề hồ sơ.",
        "Chưa nhập số và ký hiệu hồ sơ.",
        "Chưa chọn thời hạn bảo quản.",
        "Chưa chọn người lập hồ sơ.",
        "Chưa nhập ngày bắt đầu hồ sơ.",
    ):
        assert m in body
    assert not Dossier.objects.exists()
    r = client.post(
        "/ho-so/moi/",
        {
            "org": world.office.pk,
            "title": "Hồ sơ đoàn ra",
            "file_notation": "40.VP",
            "retention": retention("years", 10).pk,
            "creator": world.official.person.pk,
            "start_date": "01/04/2025",
        },
    )
    d = Dossier.objects.get()
    assert r["Location"] == f"/ho-so/{d.pk}/" and d.file_catalog == 2025


def test_dossier_list_shows_due_date_and_overdue(client, world, issued_plan):
    dossier = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    services.add_document_to_dossier(
        world.official, dossier, make_document(world.official, world.office)
    )
    services.close_dossier(
        world.official, dossier, end_date=dt.date(2025, 2, 4), confirm_retention=True
    )
    body = login(client, world.official).get("/ho-so/").content.decode()
    assert dossier.title in body and "04/02/2026" in body
    from luutru.filing.deposit import is_overdue

    assert ("Quá hạn" in body) == is_overdue(dossier)


@pytest.mark.parametrize("path", ["/danh-muc/", "/ho-so/", "/ho-so/moi/"])
def test_pages_need_a_login(client, db, path):
    r = client.get(path)
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]
