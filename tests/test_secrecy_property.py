"""Property test (issue 8, "Done when"): secrecy raised and lowered at random never
lets an uncleared user read a secret.

Documents sit in open dossiers (one of them in two dossiers); hypothesis raises and
lowers their levels through the registry service (lowering by the head of the body,
cleared for the top level, with a reason). After every step, for every user:

* a dossier's level is max(its declared level, its documents' levels);
* no object above the user's clearance is readable through ``can_view``, nor listed
  by the ``visible_q`` lists, nor found by the search API (index refreshed), and the
  number of hits agrees with the rows shown (a stale index would count it);
* a dossier above the user's clearance answers 404 to every export, and the exports
  the user may download never carry the subject of a document they may not read.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.test import Client
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luutru.access.policy import can_view, visible_q
from luutru.filing import services as filing
from luutru.filing.models import Dossier
from luutru.filing.queries import dossiers_visible_to
from luutru.orgs.models import Role, Secrecy
from luutru.registry.models import Document
from luutru.registry.queries import documents_visible_to
from luutru.registry.services import update_document_metadata
from luutru.rules.models import RetentionRule
from luutru.search.queries import search
from luutru.search.services import refresh_index
from luutru.testing import build_world, make_user

DOC_TOKENS = ["QZDOCAZ", "QZDOCBZ", "QZDOCCZ"]
DOSSIER_TOKENS = ["QZHSAZ", "QZHSBZ"]
# Who is checked after each step: every clearance, own body, body and below, holdings.
CHECKED = ["official", "official2", "clerk", "head", "archivist", "inspector", "reader"]
EXPORTS = ["muc-luc.docx", "muc-luc.xlsx", "bia.docx"]
# Exports are rendered for these (each clearance level once; the rest read no exports
# of another clearance): rendering every form for every user would take minutes.
EXPORT_USERS = ["official2", "archivist", "head"]


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def _text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "\n".join(
            z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
        )


class World:
    def __init__(self):
        w = build_world()
        self.w = w
        # The head who decides on secrecy: cleared for the top level.
        self.decider = make_user(
            "lanhdao_tm", w.office, Role.HEAD, clearance=Secrecy.TUYET_MAT, full_name="Lê Tối Cao"
        )
        from luutru.filing.tests.conftest import make_document

        retention = RetentionRule.objects.get(
            profile__code="party-2018", period="permanent", years=None
        )
        self.dossiers = [
            filing.open_dossier(
                self.decider,
                w.office,
                title=f"Hồ sơ {token}",
                file_notation=f"0{i + 1}.PT",
                retention=retention,
                creator=self.decider.person,
                start_date=dt.date(2025, 1, 2),
                year=2025,
            )
            for i, token in enumerate(DOSSIER_TOKENS)
        ]
        self.documents = [
            make_document(self.decider, w.office, subject=f"Về việc {token}", number=str(20 + i))
            for i, token in enumerate(DOC_TOKENS)
        ]
        a, b, c = self.documents
        filing.add_document_to_dossier(self.decider, self.dossiers[0], a)
        filing.add_document_to_dossier(self.decider, self.dossiers[0], b)
        filing.add_document_to_dossier(self.decider, self.dossiers[1], b)  # in both
        filing.add_document_to_dossier(self.decider, self.dossiers[1], c)
        self.users = {key: getattr(w, key) for key in CHECKED}
        self.clients = {}
        for key, user in self.users.items():
            client = Client()
            client.force_login(user)
            self.clients[key] = client

    def set_level(self, index: int, level: int) -> None:
        doc = Document.objects.get(pk=self.documents[index].pk)
        if level == doc.secrecy:
            return
        reason = "Giải mật theo quyết định của Ban Thường vụ" if level < doc.secrecy else ""
        update_document_metadata(self.decider, doc, {"secrecy": level}, reason=reason)


@pytest.fixture
def world(db):
    return World()


def _check(world: World) -> None:
    refresh_index()
    docs = {d.pk: d for d in Document.objects.filter(pk__in=[d.pk for d in world.documents])}
    dossiers = {d.pk: d for d in Dossier.objects.filter(pk__in=[d.pk for d in world.dossiers])}
    token_of = {d.pk: t for d, t in zip(world.documents, DOC_TOKENS, strict=True)}
    token_of_dossier = {d.pk: t for d, t in zip(world.dossiers, DOSSIER_TOKENS, strict=True)}
    for d in dossiers.values():
        levels = [docs[i.document_id].secrecy for i in d.items.filter(removed_at__isnull=True)]
        assert d.secrecy == max([d.declared_secrecy, *levels]), d
    problems = []
    for key, stale_user in world.users.items():
        user = _fresh(stale_user)
        clearance = user.person.clearance
        visible_docs = set(documents_visible_to(user).values_list("pk", flat=True))
        visible_docs |= set(
            Document.objects.filter(visible_q(user, object_type="document")).values_list(
                "pk", flat=True
            )
        )
        visible_dossiers = set(dossiers_visible_to(user).values_list("pk", flat=True))
        for kind, objects, visible, tokens in (
            ("document", docs, visible_docs, token_of),
            ("dossier", dossiers, visible_dossiers, token_of_dossier),
        ):
            for obj in objects.values():
                if obj.secrecy <= clearance:
                    continue
                if can_view(user, obj, kind):
                    problems.append(f"{key}: can_view {kind} {tokens[obj.pk]} at {obj.secrecy}")
                if obj.pk in visible:
                    problems.append(f"{key}: visible_q lists {kind} {tokens[obj.pk]}")
                found = search(user, QueryDict(urlencode({"q": tokens[obj.pk]})))
                if found.rows or found.total:
                    problems.append(
                        f"{key}: search finds {kind} {tokens[obj.pk]} "
                        f"({len(found.rows)} rows, {found.total} hits)"
                    )
        if key not in EXPORT_USERS:
            continue
        client = world.clients[key]
        for d in dossiers.values():
            for name in EXPORTS:
                r = client.get(f"/bieu-mau/ho-so/{d.pk}/{name}")
                if d.secrecy > clearance:
                    if r.status_code != 404 or token_of_dossier[d.pk].encode() in r.content:
                        problems.append(f"{key}: {name} of a dossier at {d.secrecy} answered")
                    continue
                if r.status_code != 200:
                    continue  # out of scope for this user: 404 like any other object
                text = _text(r.content)
                for doc in docs.values():
                    if doc.secrecy > clearance and token_of[doc.pk] in text:
                        problems.append(f"{key}: {name} prints {token_of[doc.pk]}")
    assert not problems, "\n".join(problems)
    # Not vacuous: the decider (top clearance) reads everything, exports included.
    decider = _fresh(world.decider)
    assert all(can_view(decider, d, "document") for d in docs.values())
    r = Client()
    r.force_login(decider)
    text = _text(r.get(f"/bieu-mau/ho-so/{world.dossiers[0].pk}/muc-luc.docx").content)
    assert DOC_TOKENS[0] in text and DOC_TOKENS[1] in text


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, len(DOC_TOKENS) - 1), st.sampled_from(list(Secrecy.values))),
        min_size=1,
        max_size=5,
    )
)
def test_no_uncleared_user_ever_reads_a_secret_as_levels_change(world, steps):
    for index, level in steps:
        world.set_level(index, level)
        _check(world)
