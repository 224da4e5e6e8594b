"""The registry desk's forms from the records: the incoming register prints the
arrival number and who received it; the secret register is its own; the routing
slip, the delivery book and the ĐẾN label."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.desk import services
from luutru.desk.tests.conftest import arrive  # noqa: F401 (a fixture, shared)
from luutru.forms import builders, render
from luutru.forms.tests.conftest import docx_tables, docx_text, pdf_text
from luutru.orgs.models import Secrecy
from luutru.testing import PASSWORD

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture
def handled(world, arrive):  # noqa: F811
    a = services.route(world.clerk, arrive(sender="Ban Tổ chức Tỉnh ủy"), head=world.head)
    services.assign(
        world.head,
        a,
        lead=world.official,
        co_handlers=[world.official2],
        deadline=TOMORROW,
        instructions="Nghiên cứu, tham mưu trả lời.",
    )
    services.record_progress(world.official, a, "Đã xin ý kiến các ban.")
    a.refresh_from_db()
    return a


def test_the_incoming_register_prints_every_column_from_the_records(world, handled, arrive):  # noqa: F811
    arrive()  # registered, not yet routed
    form = builders.register(world.clerk, world.office, "den", TODAY, TODAY)
    rows = docx_tables(render.to_docx(form))[1][1:]
    assert [r[1] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first[0] == TODAY.strftime("%d/%m/%Y")
    assert first[6] == "Nguyễn Văn An"  # the lead handler
    assert first[7] == TODAY.strftime("%d/%m/%Y")
    assert first[8].startswith("Nhận trên hệ thống")
    assert rows[1][6] == ""  # not handed over yet: nothing invented


def test_secret_arrivals_print_in_their_own_register(world, arrive):  # noqa: F811
    world.clerk.person.clearance = Secrecy.MAT
    world.clerk.person.save()
    arrive()
    arrive(secrecy=Secrecy.MAT, subject="Về công tác bảo vệ bí mật")
    plain = docx_tables(
        render.to_docx(builders.register(world.clerk, world.office, "den", TODAY, TODAY))
    )
    secret_form = builders.register(world.clerk, world.office, "mat_den", TODAY, TODAY)
    secret = docx_tables(render.to_docx(secret_form))
    assert [r[1] for r in plain[1][1:]] == ["1"]
    assert [r[1] for r in secret[1][1:]] == ["1"]
    assert "bảo vệ bí mật" in secret[1][1][5]
    assert "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN" in docx_text(render.to_docx(secret_form))


def test_the_routing_slip_prints_the_head_s_direction_and_the_handler_s_progress(world, handled):
    form = builders.routing_slip(world.clerk, handled)
    text = docx_text(render.to_docx(form))
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in text
    assert "Số đến: 1" in text
    assert "Người chủ trì: Nguyễn Văn An" in text
    assert "Trần Thị Bình" in text
    assert f"Thời hạn giải quyết: {TOMORROW:%d/%m/%Y}" in text
    assert "Nghiên cứu, tham mưu trả lời." in text
    assert "Đã xin ý kiến các ban." in text
    assert "PHIẾU GIẢI QUYẾT" in pdf_text(render.to_pdf(form))


def test_the_delivery_book_lists_each_handing_over(world, handled):
    form = builders.delivery_book(world.clerk, world.office, TODAY, TODAY)
    rows = docx_tables(render.to_docx(form))[1][1:]
    assert [r[2] for r in rows] == ["Hoàng Văn Em", "Nguyễn Văn An"]
    assert all(r[1] == "1" for r in rows)


def test_the_stamp_label_is_a_small_page_with_the_number(client, world, handled):
    import pypdfium2 as pdfium

    client.login(username="vanthu", password=PASSWORD)
    r = client.get(f"/bieu-mau/van-ban-den/{handled.pk}/dau-den.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(r.content)
    w, h = pdf[0].get_size()
    assert round(w / 72 * 25.4) == 50 and round(h / 72 * 25.4) == 35
    text = pdf_text(r.content)
    assert "ĐẾN" in text and "Số: 1" in text and "Nguyễn Văn An" in text


def test_desk_forms_are_404_to_those_who_may_not_see_the_arrival(client, world, handled):
    client.login(username="docgia", password=PASSWORD)
    for url in (
        f"/bieu-mau/van-ban-den/{handled.pk}/dau-den.pdf",
        f"/bieu-mau/van-ban-den/{handled.pk}/phieu-giai-quyet.pdf",
    ):
        assert client.get(url).status_code == 404
    client.login(username="vanthu", password=PASSWORD)
    assert client.get(f"/bieu-mau/van-ban-den/{handled.pk}/khong-co.pdf").status_code == 404
    bad = client.get(f"/bieu-mau/so-chuyen-giao/{world.office.pk}.pdf?tu=abc", follow=True)
    assert bad.status_code == 200 and "Cần chọn cả ngày bắt đầu" in bad.content.decode()
