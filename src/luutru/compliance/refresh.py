"""Keeping the compliance facts current: marked stale by a change, refreshed by the worker.

A change to the records marks the bodies it touches (``mark_stale``, called by
the receivers in ``signals.py`` inside the transaction that made the change:
one cheap row each) and, once that transaction commits, enqueues one
``refresh_facts`` task. The worker runs it: it rebuilds the marked bodies'
facts (everything when the rules changed or nothing was ever built) and gives
the facts a new token. Pages never compute: they read the stored facts and
``facts_status`` tells them when those were computed and whether an update is
under way. ``refresh_facts()`` is also what ``luutru compliance_facts`` and the
tests call to bring the facts up to date at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luutru.compliance.facts import linked_orgs, rebuild
from luutru.compliance.models import FactsState, StaleFacts
from luutru.orgs.models import Organization
from luutru.rules.book import RuleBook, rulebook

log = logging.getLogger(__name__)

# Bodies rebuilt per transaction: each one holds the database's write lock
# (SQLite) only briefly, so that requests writing meanwhile do not wait long.
CHUNK = 200


# ---------------------------------------------------------------- marking


def mark_stale(org_ids: Iterable[int | None]) -> None:
    """Mark bodies' facts stale (None: every body's); call inside the transaction
    that changed their records. The refresh task is enqueued when it commits."""
    ids = set(org_ids)
    ids -= _marked_in_this_transaction()
    if not ids:
        return
    StaleFacts.objects.bulk_create([StaleFacts(org_id=i) for i in ids])
    _note_marks(ids)
    _schedule_refresh()


class _Marks:
    """An ``on_commit`` entry naming the bodies marked (``cleared``: the marks were
    taken away, by a refresh in the same transaction). Django drops it with the
    savepoint it was made in when that is rolled back, as it drops their rows."""

    def __init__(self, ids: set[int | None], cleared: bool = False) -> None:
        self.ids, self.cleared = ids, cleared

    def __call__(self) -> None:
        pass


def _marked_in_this_transaction() -> set[int | None]:
    """Bodies whose mark this transaction wrote and still holds: one row is enough
    (capture's chunks mark each document's body three times)."""
    seen: set[int | None] = set()
    for entry in reversed(connection.run_on_commit):
        if isinstance(entry[1], _Marks):
            if entry[1].cleared:
                break
            seen |= entry[1].ids
    return seen


def _note_marks(ids: set[int | None], *, cleared: bool = False) -> None:
    if connection.in_atomic_block:
        transaction.on_commit(_Marks(ids, cleared))


def mark_all_stale() -> None:
    mark_stale([None])


def _schedule_refresh() -> None:
    # One task per transaction, however many rows it changed.
    if any(
        getattr(entry[1], "__name__", "") == "enqueue_refresh" for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(enqueue_refresh)


def enqueue_refresh() -> None:
    """Enqueue a refresh unless one is already waiting to run (it will see every mark)."""
    from luutru.compliance.tasks import refresh_facts_task  # same app: tasks imports this module

    try:
        if DBTaskResult.objects.filter(
            task_path=refresh_facts_task.module_path, status="READY"
        ).exists():
            return
        refresh_facts_task.enqueue()
    except Exception:  # the marks stay: the next change or ``luutru compliance_facts`` applies them
        log.exception("could not enqueue the compliance facts refresh")


# ---------------------------------------------------------------- refreshing


@dataclass(frozen=True)
class Refreshed:
    bodies: int | None  # None: every body was rebuilt
    token: str


def refresh_facts() -> Refreshed:
    """Rebuild the facts of the bodies marked stale (and the bodies linked to
    them), or of every body when the rules changed or nothing was ever built.
    Refreshes run one at a time (a lock on the state row): a worker may wait,
    a page never does (it reads the facts as they stand)."""
    book = rulebook()
    state = FactsState.objects.filter(pk=1).first()
    marks = list(StaleFacts.objects.order_by("pk").values_list("pk", "org_id"))
    everything = (
        state is None
        or state.rebuilt_at is None
        or state.rules_version != book.version
        or any(org_id is None for _, org_id in marks)
    )
    if everything:
        ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)] or [[]]
        bodies = None
    else:
        named = {org_id for _, org_id in marks}
        if not named:
            return Refreshed(0, state.token if state is not None else "")
        ids = sorted(named | linked_orgs(named))
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
        bodies = len(ids)
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        with transaction.atomic():
            _lock_state()
            rebuild(chunk, book)
            if last:
                # Only the marks read above: one written meanwhile waits for the next run.
                StaleFacts.objects.filter(pk__in=[pk for pk, _ in marks]).delete()
                _note_marks(set(), cleared=True)
                token = _stamp(book)
    return Refreshed(bodies, token)


def _lock_state() -> FactsState:
    FactsState.objects.get_or_create(pk=1)
    return FactsState.objects.select_for_update().get(pk=1)


def _stamp(book: RuleBook) -> str:
    """A new token for the facts, derived under ``book``'s version of the rules (a
    random token: a rolled-back refresh never leaves a cache entry looking current)."""
    token = uuid.uuid4().hex
    FactsState.objects.filter(pk=1).update(
        token=token, rules_version=book.version, rebuilt_at=timezone.now()
    )
    return token


def rebuild_all() -> Refreshed:
    """Rebuild every fact from the records now (after a bulk load that sent no signals)."""
    mark_all_stale()
    return refresh_facts()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class FactsStatus:
    """When the stored facts were computed and whether an update is under way."""

    computed_at: dt.datetime | None
    updating: bool
    token: str

    @property
    def key(self) -> str:
        """What a cached figure depends on: this state of the facts and of the rules."""
        return f"{self.token or 'none'}:{rulebook().version}"


def facts_status(org_ids: Iterable[int] | None = None) -> FactsStatus:
    """The stored facts' state, for ``org_ids`` (None: any body). Two small reads."""
    state = FactsState.objects.filter(pk=1).first()
    if state is None or state.rebuilt_at is None:
        return FactsStatus(None, True, "")
    marks = StaleFacts.objects.all()
    if org_ids is not None:
        ids = list(org_ids)
        if len(ids) <= 500:
            marks = marks.filter(org__isnull=True) | marks.filter(org__in=ids)
    updating = state.rules_version != rulebook().version or marks.exists()
    return FactsStatus(state.rebuilt_at, updating, state.token)
