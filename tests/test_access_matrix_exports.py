"""The access matrix, exports section (issue 8, item 4 and "Done when"): every user of
the matrix × every export of a dossier or a file plan, at every secrecy level.

The world is ``test_access_matrix``'s (imported, not copied); each of its dossiers gets
one document of its own body and level (a holding when the dossier is archived), and
closed and archived dossiers their frozen index and closing certificate. For every
(user, object, export URL) we check that

* the export answers 200 exactly when the oracle (and ``can_view``) allows the object,
  404 otherwise, and a refusal names nothing;
* an export never carries the subject of a document the oracle refuses the reader —
  a grant on a dossier, or owning it, does not open the documents inside it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.db.models import Q
from django.utils import timezone
from test_access_matrix import (  # noqa: F401  (``matrix`` is a fixture)
    HTTP_USERS,
    ObjectSpec,
    _client_for,
    _fresh,
    expected,
    matrix,
)

from luutru.access.models import Grant
from luutru.access.policy import can_view
from luutru.filing.closing import index_rows
from luutru.filing.models import (
    ClosingCertificate,
    DossierIndex,
    DossierItem,
    FilePlan,
    FilePlanHeading,
    FilePlanItem,
)
from luutru.registry.models import Document
from luutru.rules.models import RetentionRule

DOC_TOKEN = re.compile(r"VBX QY\d{4}Y")
DOSSIER_EXPORTS = [
    "/bieu-mau/ho-so/{id}/muc-luc.docx",
    "/bieu-mau/ho-so/{id}/muc-luc.xlsx",
    "/bieu-mau/ho-so/{id}/bia.docx",
    "/bieu-mau/ho-so/{id}/chung-tu.docx",
    "/ho-so/{id}/muc-luc.xlsx",
    "/ho-so/{id}/muc-luc/",
]
# WeasyPrint takes a fraction of a second a page: PDFs for the dossiers of two bodies
# (every level, status and ownership there) keep the run short.
PDF_EXPORTS = ["/bieu-mau/ho-so/{id}/muc-luc.pdf"]
PDF_ORGS = {"A", "E"}
PLAN_EXPORTS = [
    "/bieu-mau/danh-muc/{id}.docx",
    "/bieu-mau/danh-muc/{id}.xlsx",
    "/bieu-mau/danh-muc/{id}.pdf",
    "/danh-muc/{id}/danh-muc.xlsx",
]


def _text(content: bytes) -> str:
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "\n".join(
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
            )
    if content.startswith(b"%PDF"):
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(content)
        try:
            return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
    return content.decode("utf-8", "replace")


def _refused_with_reason(response) -> bool:
    """A form that does not exist yet for a readable object (the certificate of an open
    dossier, a new plan of a closed fonds) sends the reader back to the object's page
    with the reason in Vietnamese: allowed, and not a leak."""
    if response.status_code != 302 or "/dang-nhap/" in response["Location"]:
        return False
    messages = [str(m) for m in response.wsgi_request._messages]
    return bool(messages) and all(m.strip() for m in messages)


@pytest.fixture
def world(matrix):  # noqa: F811
    """The matrix with one document in each dossier, indexes and certificates."""
    retention = RetentionRule.objects.first()
    blob = Document.objects.first().blob
    specs = [o for o in matrix.object_specs if o.kind == "dossier"]
    docs = {}
    for i, o in enumerate(specs):
        docs[o.key] = Document.objects.create(
            org=matrix.orgs[o.org],
            subject=f"VBX QY{i:04d}Y",
            secrecy=o.secrecy,
            blob=blob,
            original_filename="matrix.pdf",
            issued_date=dt.date(2024, 5, 1),
            page_amount=1,
        )
    someone = matrix.users["owner_B"]
    for o in specs:
        dossier = matrix.objects[o.key]
        item = DossierItem.objects.create(
            dossier=dossier, document=docs[o.key], position=1, added_by=someone
        )
        if o.status != "open":
            DossierIndex.objects.create(dossier=dossier, rows=index_rows([item]))
            ClosingCertificate.objects.create(
                dossier=dossier, doc_total=1, page_total=1, created_by=someone
            )
    # The documents as the oracle sees them; a grant that happens to name one of them
    # (the matrix grants documents by id) counts as for any other document.
    today = timezone.localdate()
    doc_specs, grant_pairs = {}, set(matrix.grant_pairs)
    users_by_person = {u.person.pk: key for key, u in matrix.users.items() if hasattr(u, "person")}
    for o in specs:
        d = docs[o.key]
        key = f"doc-of:{o.key}"
        doc_specs[d.subject] = ObjectSpec("document", key, o.org, o.secrecy, None, o.holding)
        for g in Grant.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            object_type="document",
            object_id=d.pk,
            revoked_at__isnull=True,
        ):
            grant_pairs.add((users_by_person[g.person_id], "document", key))
    plans = {}
    for name, org in matrix.orgs.items():
        plan = FilePlan.objects.create(org=org, year=2024)
        heading = FilePlanHeading.objects.create(
            plan=plan, order=1, title=f"Đề mục KHQ{name}K", abbrev="VP"
        )
        FilePlanItem.objects.create(
            plan=plan,
            heading=heading,
            order=1,
            code="01.VP",
            title=f"Hồ sơ KHQ{name}K",
            retention=retention,
        )
        plans[name] = plan
    matrix.doc_specs, matrix.doc_grants, matrix.plans = doc_specs, grant_pairs, plans
    return matrix


def test_every_dossier_export_answers_exactly_when_the_rule_allows_and_hides_refused_documents(
    world,
):
    specs = {u.key: u for u in world.user_specs}
    mismatches, leaks, answered = [], [], {200: 0, 404: 0}
    for key in HTTP_USERS:
        u = specs[key]
        user = _fresh(world.users[key])
        client, _ = _client_for(world, key, "/bieu-mau/")
        for o in world.object_specs:
            if o.kind != "dossier":
                continue
            dossier = world.objects[o.key]
            want, why = world.expected(u, o)
            if can_view(user, dossier) != want:
                mismatches.append(f"{key} × {o.key}: can_view disagrees with the rule ({why})")
            urls = DOSSIER_EXPORTS + (PDF_EXPORTS if o.org in PDF_ORGS else [])
            if not want:
                # Every export of one app goes through one view: a refusal is
                # checked on one address of each, the contents of every allowed one.
                urls = [DOSSIER_EXPORTS[0], DOSSIER_EXPORTS[-2]]
            for pattern in urls:
                url = pattern.format(id=dossier.pk)
                r = client.get(url)
                answered[r.status_code] = answered.get(r.status_code, 0) + 1
                if want and _refused_with_reason(r):
                    continue
                if r.status_code != (200 if want else 404):
                    mismatches.append(
                        f"{key} GET {url} ({o.key}, secrecy {o.secrecy}): {r.status_code}, "
                        f"expected {200 if want else 404} ({why})"
                    )
                    continue
                text = _text(r.content)
                if not want:
                    if o.title in text:
                        leaks.append(f"{key} GET {url}: the refusal names “{o.title}”")
                    continue
                for subject in set(DOC_TOKEN.findall(text)):
                    allowed, reason = expected(
                        u, world.doc_specs[subject], world.today, world.doc_grants
                    )
                    if not allowed:
                        leaks.append(f"{key} GET {url} ({o.key}) prints “{subject}” ({reason})")
    assert not mismatches, f"{len(mismatches)} wrong answers:\n" + "\n".join(mismatches[:40])
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks[:40])
    assert answered[200] and answered[404], answered


def test_a_granted_or_owned_dossier_exports_without_the_documents_the_reader_may_not_open(world):
    """The cases the rule makes interesting: the dossier is readable, its document is not."""
    specs = {u.key: u for u in world.user_specs}
    checked = 0
    for key in HTTP_USERS:
        u = specs[key]
        client, _ = _client_for(world, key, "/bieu-mau/")
        for o in world.object_specs:
            if o.kind != "dossier" or not world.expected(u, o)[0]:
                continue
            subject = next(s for s, d in world.doc_specs.items() if d.key == f"doc-of:{o.key}")
            if expected(u, world.doc_specs[subject], world.today, world.doc_grants)[0]:
                continue
            r = client.get(f"/bieu-mau/ho-so/{world.objects[o.key].pk}/muc-luc.docx")
            assert r.status_code == 200
            text = _text(r.content)
            assert subject not in text and "không có quyền xem văn bản này" in text, (key, o.key)
            checked += 1
    assert checked, "no readable dossier held an unreadable document: the check is vacuous"


def test_every_plan_export_answers_exactly_when_the_rule_allows(world):
    specs = {u.key: u for u in world.user_specs}
    mismatches, answered = [], {200: 0, 404: 0}
    for u in world.user_specs:
        user = _fresh(world.users[u.key])
        client, _ = _client_for(world, u.key, "/bieu-mau/")
        for name, plan in world.plans.items():
            o = ObjectSpec("fileplan", f"plan:{name}", name, 0, None, False)
            want, why = expected(specs[u.key], o, world.today, set())
            if can_view(user, plan) != want:
                mismatches.append(f"{u.key} × plan {name}: can_view disagrees ({why})")
            for pattern in PLAN_EXPORTS if u.key in HTTP_USERS else PLAN_EXPORTS[:1]:
                url = pattern.format(id=plan.pk)
                r = client.get(url)
                answered[r.status_code] = answered.get(r.status_code, 0) + 1
                if want and _refused_with_reason(r):
                    continue
                if r.status_code != (200 if want else 404):
                    mismatches.append(
                        f"{u.key} GET {url}: {r.status_code}, expected {200 if want else 404} "
                        f"({why})"
                    )
                elif not want and f"KHQ{name}K".encode() in r.content:
                    mismatches.append(f"{u.key} GET {url}: the refusal names the plan")
    assert not mismatches, f"{len(mismatches)} wrong answers:\n" + "\n".join(mismatches[:40])
    assert answered[200] and answered[404], answered
