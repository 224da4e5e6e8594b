"""Printed forms and reports carry no internal markers (issue 8, item 17): the legal-basis
line prints what the rule profile holds; whether a default is verified is the rule's
``evidence``, shown to the administrator on screens, never on a signed document."""

from __future__ import annotations

import io
import re
import zipfile

from django.test import Client
from django.utils import timezone

from luutru.compliance.refresh import refresh_facts
from luutru.forms import builders, render
from luutru.rules.queries import profile_in_force
from luutru.testing import PASSWORD

MARKER = re.compile(r"cần\s+(kiểm\s+chứng|xác\s+minh)|mặc định, có thể cấu hình", re.IGNORECASE)


def _text(content: bytes) -> str:
    if content.startswith(b"PK") and b"xl/workbook.xml" in content:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value
        )
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "\n".join(
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def _client(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def test_printed_forms_and_reports_carry_no_internal_marker(world, deposit, issued_plan):
    dossier = deposit.items.first().dossier
    forms = {
        "handover": builders.handover_record(world.official, deposit),
        "deposit list": builders.deposit_list(world.official, deposit),
        "certificate": builders.closing_certificate(world.official, dossier),
        "cover": builders.dossier_cover(world.official, dossier),
        "index": builders.dossier_index(world.official, dossier),
        "plan": builders.file_plan(issued_plan),
    }
    printed = {name: _text(render.to_docx(form)) for name, form in forms.items()}
    year = dossier.end_date.year
    refresh_facts()  # the compliance facts, as the worker refreshes them after these commits
    head = _client(world.head)
    for ext in ("xlsx", "docx"):
        r = head.get(f"/danh-gia/{world.office.pk}/{year}.{ext}")
        assert r.status_code == 200, ext
        printed[f"evaluation {ext}"] = _text(r.content)
    found = {name: MARKER.findall(text) for name, text in printed.items()}
    assert not any(found.values()), {k: v for k, v in found.items() if v}
    # The legal-basis line is the profile's, as the administrator keeps it.
    profile = profile_in_force(deposit.org, timezone.localdate())
    assert f"Căn cứ {profile.legal_basis};" in printed["handover"]
    assert profile.legal_basis.strip()


def test_whether_a_default_is_verified_shows_only_to_the_administrator(world, deposit):
    dossier = deposit.items.first().dossier
    pages = ["/bieu-mau/", f"/ho-so/{dossier.pk}/chung-tu/"]
    for url in pages:
        r = _client(world.official).get(url)
        assert r.status_code == 200, url
        assert not MARKER.search(r.content.decode()), url
    admin = _client(world.admin)
    r = admin.get("/bieu-mau/")
    assert r.status_code == 200
    assert MARKER.search(r.content.decode())
