"""A deposit row of a dossier the reader may not see is hidden whole (issue 8):
its title and its return reason too, on the screen and in the deposit list and
handover record files."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document as Docx
from openpyxl import load_workbook

from luutru.access.api_auth import issue_token
from luutru.archive.documents import HIDDEN_TITLE, deposit_rows
from luutru.archive.services import accept_deposit, create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.forms.services import deposit_list_xlsx, handover_docx
from luutru.orgs.models import Secrecy

pytestmark = pytest.mark.django_db

REASON = "Thiếu biên bản hội nghị về nhân sự khóa mới QZLYDO"


@pytest.fixture(params=["one returned", "all returned"])
def returned(world, request):
    secret = make_dossier(
        world.office, world.head, notation="01.VP", title="Hồ sơ QZMAT", secrecy=Secrecy.MAT
    )
    plain = make_dossier(world.office, world.official, notation="02.VP", title="Báo cáo năm")
    deposit = create_deposit(world.head, world.office, [secret, plain])
    submit_deposit(world.head, deposit)
    returns = {secret.pk: REASON}
    if request.param == "all returned":
        returns[plain.pk] = "Thiếu mục lục văn bản"
    accept_deposit(world.archivist, deposit, returns=returns)
    return deposit, secret


def test_the_return_reason_of_a_hidden_dossier_is_not_printed(world, returned):
    deposit, secret = returned
    row = next(r for r in deposit_rows(world.official, deposit) if r.item.dossier_id == secret.pk)
    assert not row.visible and row.title == HIDDEN_TITLE
    assert "QZLYDO" not in row.note and row.note == "Trả lại"
    sheet = load_workbook(io.BytesIO(deposit_list_xlsx(world.official, deposit))).active
    cells = [str(c) for r in sheet.iter_rows(values_only=True) for c in r if c]
    assert not any("QZLYDO" in c for c in cells)
    docx = Docx(io.BytesIO(handover_docx(world.official, deposit)))
    text = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "QZLYDO" not in text and HIDDEN_TITLE in text
    page = Client()
    page.force_login(world.official)
    r = page.get(f"/nop-luu/{deposit.pk}/")
    assert r.status_code == 200 and "QZMAT" not in r.content.decode()
    assert "QZLYDO" not in r.content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(world.official, 'thử')}")
    r = api.get(f"/api/deposits/{deposit.pk}")
    assert r.status_code == 200 and "QZLYDO" not in r.content.decode()


def test_who_may_see_the_dossier_reads_why_it_was_returned(world, returned):
    deposit, secret = returned
    row = next(r for r in deposit_rows(world.head, deposit) if r.item.dossier_id == secret.pk)
    assert row.visible and row.note == f"Trả lại: {REASON}"
    page = Client()
    page.force_login(world.head)
    assert REASON in page.get(f"/nop-luu/{deposit.pk}/").content.decode()
