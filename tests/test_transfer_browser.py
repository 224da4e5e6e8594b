"""Browser journey of issue 14 (“Done when”, transfer half): the archivist selects
the permanent dossiers due, builds the package, prints the transfer list and the
handover record, validates the package; a second installation (the historical
archive: its own data folder, database, web server and worker processes) receives
it through its screens — its worker checks every checksum while the page shows the
progress —, refuses an altered copy naming the file, accepts the intact one (one
dossier refused with a reason); its answer, carried back, moves custody here only
for the dossier accepted.

The first installation is this test process's live server; the second is real
processes (``luutru serve --web-child`` and ``luutru worker``), as in
``test_two_servers.py``. On SQLite its database starts as a copy of the migrated
test database (no second ``migrate``). Run alone with
``.venv/bin/pytest tests/test_transfer_browser.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser import TIMEOUT_MS, login, shot
from test_two_servers import Installation, _free_port, _until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORLD = """
import django
django.setup()
from django.core.management import call_command
if {migrate}:
    call_command("migrate", interactive=False, verbosity=0)
from luutru.testing import build_world
build_world()
"""


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture
def historical(transactional_db, tmp_path):
    """The historical archive's installation, stopped at the end. Its database is a
    copy of the migrated, still empty test database when that is SQLite."""
    from django.db import connection

    (tmp_path / "luu-tru-lich-su").mkdir()
    site = Installation(tmp_path / "luu-tru-lich-su", None)
    copied = connection.vendor == "sqlite"
    if copied:
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "luu-tru-lich-su" / "data" / "luutru.sqlite3")
        connection.connection.backup(target)
        target.close()
    site.run(code=WORLD.format(migrate=not copied))
    port = _free_port()
    site.url = f"http://127.0.0.1:{port}"
    site.start("web", "serve", "--web-child", "--port", str(port), "--threads", "4")
    site.start("worker", "worker", "--processes", "1", "--interval", "0.2", "--check-every", "0")
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture
def due(historical, settings, tmp_path):
    """Two permanent dossiers of Văn phòng Tỉnh ủy due at the historical archive."""
    from luutru.testing import build_world
    from luutru.transfer.tests.conftest import archived

    settings.DATA_DIR = tmp_path / "co-quan"
    w = build_world()
    a = archived(
        w.office, w.official, notation="01.VP", title="Kế hoạch, báo cáo công tác năm 2018"
    )
    b = archived(
        w.office,
        w.official,
        notation="02.VP",
        title="Hồ sơ Hội nghị Ban Chấp hành Đảng bộ tỉnh năm 2018",
        documents=3,
    )
    return a, b


def _second_page(browser):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(3 * TIMEOUT_MS)
    return context, context.new_page()


def _receive(page, folder: str):
    """Ask the historical archive to receive ``folder``; wait on the progress page
    (it polls the worker's progress) until it shows the received package."""
    main = page.locator("main")
    main.get_by_role("row").filter(has_text=folder).get_by_role(
        "button", name="Kiểm tra và tiếp nhận"
    ).click()
    page.wait_for_url(re.compile(r"/nop-luu-lich-su/(kiem-tra|tiep-nhan)/\d+/$"))
    page.wait_for_url(re.compile(r"/nop-luu-lich-su/tiep-nhan/\d+/$"), timeout=6 * TIMEOUT_MS)


def test_a_package_is_built_validated_received_by_a_second_installation_and_answered(
    page, browser, live_server, historical, due, tmp_path
):
    from luutru.filing.models import DossierStatus
    from luutru.transfer import services
    from luutru.transfer.models import Transfer

    e = expect()
    main = page.locator("main")
    a, b = due

    # 1. The agency archive: the dossiers due, the package, its two forms, its check.
    login(page, live_server, "luutru")
    page.get_by_role("navigation").get_by_role("link", name="Nộp lưu lịch sử").click()
    e(main).to_contain_text(a.title)
    e(main).to_contain_text(b.title)
    e(main.get_by_label("Chọn 01.VP")).to_be_checked()
    main.get_by_role("button", name="Lập gói nộp lưu 2 hồ sơ đã chọn").click()
    e(page.locator(".msg.success")).to_contain_text("Đã lập gói nộp lưu")
    t = Transfer.objects.get()
    for link, suffix in (
        ("Tải mục lục hồ sơ nộp lưu (XLSX)", ".xlsx"),
        ("Tải biên bản giao nhận (DOCX)", ".docx"),
    ):
        with page.expect_download() as form:
            main.get_by_role("link", name=link).click()
        assert form.value.suggested_filename.endswith(suffix)
        assert Path(form.value.path()).read_bytes()[:2] == b"PK"
    main.get_by_role("button", name=re.compile("Kiểm tra gói")).click()
    e(main.locator("#ket-qua")).to_contain_text("Gói toàn vẹn")
    shot(page, "95-transfer-validated")
    main.get_by_role("link", name=re.compile("Gói nộp lưu")).click()
    e(main.locator("#kiem-tra-goi")).to_contain_text("toàn vẹn, đúng chuẩn")

    # 2. The package is carried to the historical archive's inbox, with a copy one
    # byte of which changed on the way.
    inbox = tmp_path / "luu-tru-lich-su" / "data" / "nop-luu-lich-su" / "den"
    inbox.mkdir(parents=True)
    shutil.copytree(services.package_path(t), inbox / t.package_id)
    altered = inbox / "goi-bi-hong"
    shutil.copytree(services.package_path(t), altered)
    victim = sorted((altered / "data").rglob("*.pdf"))[-1]
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0x20
    victim.write_bytes(bytes(data))

    # 3. The historical archive (its own server, its own worker) receives both.
    _until(f"the second installation\n{historical.log('web')}", lambda: _answers(historical), 90)
    context, other = _second_page(browser)
    try:
        theirs = other.locator("main")
        login(other, SimpleNamespace(url=historical.url), "luutru2")
        other.goto(f"{historical.url}/nop-luu-lich-su/")
        _receive(other, "goi-bi-hong")
        e(other.locator(".msg.error")).to_contain_text("không toàn vẹn")
        e(theirs).to_contain_text(victim.relative_to(altered).as_posix())
        e(theirs).to_contain_text("bị thay đổi")
        shot(other, "96-transfer-altered-refused")

        other.goto(f"{historical.url}/nop-luu-lich-su/")
        _receive(other, t.package_id)
        e(other.locator(".msg.success")).to_contain_text("Gói toàn vẹn")
        e(theirs).to_contain_text(b.title)
        theirs.get_by_role("row").filter(has_text=b.title).get_by_role("checkbox").check()
        theirs.get_by_label("Lý do không nhận hồ sơ 2").fill("Thiếu biên bản hội nghị")
        shot(other, "97-transfer-received")
        theirs.get_by_role("button", name="Trả lời").click()
        e(other.locator(".msg.success")).to_contain_text("Đã trả lời bên giao")
        with other.expect_download() as reply:
            theirs.get_by_role("link", name="Tải tệp trả lời cho bên giao").click()
        answer = tmp_path / "tra-loi.json"
        reply.value.save_as(answer)
    finally:
        context.close()
    assert [d["outcome"] for d in json.loads(answer.read_text())["dossiers"]] == [
        "accepted",
        "refused",
    ]

    # 4. Custody moves here only with the answer, and only for the dossier accepted.
    for d in due:
        d.refresh_from_db()
        assert d.status == DossierStatus.ARCHIVED
    page.goto(f"{live_server.url}/nop-luu-lich-su/")
    main.locator('input[name="answer"]').set_input_files(str(answer))
    main.get_by_role("button", name="Nhập trả lời").click()
    e(page.locator(".msg.success")).to_contain_text("Lưu trữ lịch sử nhận một phần")
    e(main).to_contain_text("Thiếu biên bản hội nghị")
    shot(page, "98-transfer-answered")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (DossierStatus.TRANSFERRED, DossierStatus.ARCHIVED)


def _answers(site) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{site.url}/dang-nhap/", timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
