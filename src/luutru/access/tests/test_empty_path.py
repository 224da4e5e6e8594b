"""Defence in depth: a scope or an object with an empty tree path means
"nothing", never "everything" (a prefix "" matches every body)."""

from __future__ import annotations

from luutru.access.policy import Subject, can_view, visible_q
from luutru.orgs.models import Secrecy
from luutru.registry.models import Document


def _doc(org, subject="Báo cáo tình hình"):
    return Document.objects.create(org=org, subject=subject, secrecy=Secrecy.NONE)


def _with_scopes(user, scopes, roles=()):
    user._luutru_subject = Subject(
        user_id=user.pk,
        person_id=user.person.pk,
        clearance=Secrecy.NONE,
        scopes=list(scopes),
        roles=set(roles),
    )
    return user


def test_a_scope_with_an_empty_path_sees_nothing(world):
    doc = _doc(world.district)
    user = _with_scopes(world.official2, [("", "subtree", "all"), ("", "self", "all")])
    assert not can_view(user, doc)
    assert not Document.objects.filter(visible_q(user, object_type="document")).exists()


def test_an_object_whose_body_has_an_empty_path_is_not_in_a_self_scope(world):
    doc = _doc(world.office)
    user = _with_scopes(world.official2, [("", "self", "all")])
    # The judged body's path as the policy would read it from a broken row.
    user._luutru_subject.org_paths[world.office.pk] = ""
    assert not can_view(user, doc)
