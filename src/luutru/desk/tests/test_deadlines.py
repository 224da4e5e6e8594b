"""Overdue handling and documents handled but never filed reach the deadlines
list and the notifications of the people concerned; they leave when done."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.deadlines import queries as due
from luutru.deadlines.models import Kind, Notification
from luutru.deadlines.services import run_digest
from luutru.desk import services
from luutru.desk.models import Arrival

TODAY = timezone.localdate()


def _assigned(world, arrive, days: int = 1) -> Arrival:
    a = services.route(world.clerk, arrive(), head=world.head)
    services.assign(world.head, a, lead=world.official, deadline=TODAY + dt.timedelta(days=days))
    return Arrival.objects.get(pk=a.pk)


def test_overdue_handling_is_in_the_lists_and_notified(world, arrive):
    a = _assigned(world, arrive)
    # Time passes: the deadline is behind us (set on the row, as the clock would).
    Arrival.objects.filter(pk=a.pk).update(deadline=TODAY - dt.timedelta(days=2))
    mine = [i for i in due.my_due(world.official) if i.kind == Kind.HANDLING]
    assert [i.object_id for i in mine] == [a.pk] and mine[0].state(TODAY) == "overdue"
    assert not [i for i in due.my_due(world.official2) if i.kind == Kind.HANDLING]
    org = [i for i in due.org_due(world.head, world.office) if i.kind == Kind.HANDLING]
    assert [i.object_id for i in org] == [a.pk]
    assert not [i for i in due.org_due(world.inspector, world.board) if i.kind == Kind.HANDLING]
    run_digest(TODAY)
    n = Notification.objects.get(kind=Kind.HANDLING)
    assert n.recipient == world.official and n.resolved_at is None
    services.finish(
        world.official,
        a,
        dossier=make_dossier(
            world.office,
            world.official,
            notation="07.VP",
            title="Công văn",
            status="open",
            documents=0,
        ),
    )
    run_digest(TODAY)
    n.refresh_from_db()
    assert n.resolved_at is not None
    assert not Notification.objects.filter(kind=Kind.UNFILED).exists()


def test_handled_but_never_filed_is_told_to_the_handler_until_filed(world, arrive):
    a = _assigned(world, arrive)
    services.finish(world.official, a)
    items = [i for i in due.my_due(world.official) if i.kind == Kind.UNFILED]
    assert [i.object_id for i in items] == [a.pk]
    run_digest(TODAY)
    n = Notification.objects.get(kind=Kind.UNFILED, recipient=world.official)
    from luutru.filing.contents import add_document_to_dossier

    d = make_dossier(
        world.office,
        world.official,
        notation="08.VP",
        title="Công văn",
        status="open",
        documents=0,
    )
    add_document_to_dossier(world.official, d, a.document)
    assert not [i for i in due.my_due(world.official) if i.kind == Kind.UNFILED]
    run_digest(TODAY)
    n.refresh_from_db()
    assert n.resolved_at is not None
