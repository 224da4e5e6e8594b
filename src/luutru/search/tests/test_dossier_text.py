"""A dossier is found by what any reader of it may read (issue 8, leftover 1).

A grant on a MẬT dossier lets an uncleared user open the dossier, not the
secret documents inside it (the rule the dossier's index exports follow). So
the dossier's indexed text holds its own fields and the subjects of its
non-secret documents; a secret document is found as itself, by those who may
open it. Neither the hit, nor its snippet, nor the counts and facets may give
away a secret subject."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from luutru.access.models import Grant
from luutru.access.policy import can_view
from luutru.orgs.models import Secrecy
from luutru.search import queries
from luutru.search.services import refresh_index

pytestmark = pytest.mark.django_db

SECRET_SUBJECT = "Phương án kiện toàn nhân sự chủ chốt nhiệm kỳ 2020"
PUBLIC_SUBJECT = "Báo cáo tổng kết công tác văn phòng năm 2020"


def ask(user, q: str):
    qd = QueryDict(mutable=True)
    qd.update({"q": q, "per_page": "100"})
    return queries.search(user, qd)


@pytest.fixture
def granted(world, make_doc, make_dossier):
    secret = make_doc(SECRET_SUBJECT, secrecy=Secrecy.MAT)
    public = make_doc(PUBLIC_SUBJECT)
    dossier = make_dossier(
        "Hồ sơ công tác cán bộ", secrecy=Secrecy.MAT, owner=world.head, docs=[secret, public]
    )
    user = world.district_official  # clearance 0, another body
    assert user.person.clearance == Secrecy.NONE
    Grant.objects.create(
        person=user.person, object_type="dossier", object_id=dossier.pk, reason="tra cứu"
    )
    refresh_index()
    assert can_view(user, dossier) and not can_view(user, secret)
    return user, dossier, secret, public


def test_a_grant_on_a_dossier_does_not_find_it_by_a_secret_documents_subject(granted):
    user, *_ = granted
    out = ask(user, "kiện toàn nhân sự chủ chốt")
    assert out.total == 0 and out.rows == []
    assert all(f.count == 0 for values in out.facets.values() for f in values)
    out = ask(user, '"kien toan nhan su"')
    assert out.total == 0


def test_the_dossier_is_still_found_by_its_public_documents_and_its_snippet_hides_the_secret(
    granted,
):
    user, dossier, *_ = granted
    # "2020" and "công tác" are in both subjects: only the public one may show.
    out = ask(user, "công tác 2020")
    assert [(r.kind, r.obj_id) for r in out.rows] == [("dossier", dossier.pk)]
    assert out.total == 1
    snippet = queries._strip_marks(out.rows[0].snippet_html)
    assert "Báo cáo tổng kết" in snippet
    assert "nhân sự" not in snippet and "kiện toàn" not in snippet
    api = out.rows[0].as_json()
    assert "nhân sự" not in str(api)


def test_who_may_open_the_secret_document_finds_it_as_itself(world, granted):
    _, dossier, secret, _ = granted
    out = ask(world.head, "kiện toàn nhân sự chủ chốt")
    assert ("document", secret.pk) in {(r.kind, r.obj_id) for r in out.rows}
    assert ("dossier", dossier.pk) not in {(r.kind, r.obj_id) for r in out.rows}
