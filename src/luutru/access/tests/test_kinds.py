"""A new object kind costs one registration: its facts, described once in
``luutru.access.kinds``, give ``can_view`` and ``visible_q`` at once, and they agree."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q

from luutru.access import kinds
from luutru.access.policy import can_view, facts_of, visible_q
from luutru.audit.models import Event
from luutru.registry.models import Document

pytestmark = pytest.mark.django_db

USERS = ["official", "clerk", "head", "archivist", "inspector", "reader", "admin"]


@pytest.fixture
def note_kind():
    """A made-up kind: a document seen as a "note" whose owner is nobody and
    which is a holding when its subject says so (a fact an app contributes)."""
    kind = kinds.register("note_for_test", Document, secrecy="secrecy")
    kinds.contribute(
        "note_for_test",
        archived=kinds.Archived(
            q=lambda: Q(subject__startswith="Kho"), read=lambda d: d.subject.startswith("Kho")
        ),
    )
    yield kind
    kinds._kinds.pop("note_for_test", None)


def test_one_registration_gives_both_faces_and_they_agree(world, note_kind):
    notes = [
        Document.objects.create(
            org=org, subject=f"{prefix} {org.code} {level}", secrecy=level, created_by=world.head
        )
        for org, level, prefix in itertools.product(
            [world.province, world.office, world.district], (0, 2), ("Kho", "Việc")
        )
    ]
    User = get_user_model()
    for name in USERS:
        user = User.objects.get(pk=getattr(world, name).pk)
        listed = set(
            Document.objects.filter(visible_q(user, object_type="note_for_test")).values_list(
                "pk", flat=True
            )
        )
        for note in notes:
            assert can_view(user, note, "note_for_test") == (note.pk in listed), (name, note)
    # No owner among its facts: the head who created them is judged by scope only.
    assert facts_of(notes[0], "note_for_test").owner_user_id is None
    # The contributed fact: readers find the holdings only.
    reader = User.objects.get(pk=world.reader.pk)
    seen = {n.subject for n in notes if can_view(reader, n, "note_for_test")}
    assert seen and all(s.startswith("Kho") for s in seen)
    assert not Event.objects.filter(action="secret.read").exists()
