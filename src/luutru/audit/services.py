"""Writing to and verifying the hash-chained event log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection, models, transaction
from django.utils import timezone

from luutru.audit.models import ChainHead, Event

# Who did it: a user (anonymous counts as nobody), or a name for work no user
# started ("hệ thống", a command's name), or None for the system.
Actor = User | AnonymousUser | str | None


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + _canonical(fields)).encode("utf-8")).hexdigest()


def _fields(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.astimezone(dt.UTC).isoformat(),
        "actor_id": e.actor_id,
        "actor_name": e.actor_name,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": str(e.object_id),
        "org_id": e.org_id,
        "before": e.before,
        "after": e.after,
    }


def record(
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: object = "",
    org_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Event:
    """Append one event to the chain; call inside the transaction of the change."""
    if obj is not None:
        object_type = object_type or obj._meta.model_name or ""
        object_id = object_id or obj.pk
        if org_id is None:
            org_id = getattr(obj, "org_id", None)
    e = _event(actor, action, object_type, object_id, org_id, before, after)
    run = _APPENDING.get()
    if run is not None:  # inside ``appending()``: the head is locked already
        run.append(e)
        return e
    with transaction.atomic():
        head = _locked_head()
        _save(e, head.last_seq, head.last_hash)
        head.last_seq, head.last_hash = e.seq, e.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return e


@contextmanager
def appending() -> Iterator[None]:
    """Append every event ``record`` writes inside under one lock of the chain head.

        with audit.appending():  # one transaction: the head is locked once
            for row in rows:
                ...
                record(actor, "thing.create", row, after=...)

    The head is locked when the block starts and written once when it ends; the
    chain stays the same as with one ``record`` at a time (``verify`` checks it).
    Events undone by a savepoint rolled back inside the block (one item of a batch
    failing) leave no gap: the next event follows the last one still standing.
    An error leaving the block rolls all of it back. Nested blocks join the outer."""
    if _APPENDING.get() is not None:
        yield
        return
    with transaction.atomic():
        run = _Appending(_locked_head())
        token = _APPENDING.set(run)
        try:
            yield
        finally:
            _APPENDING.reset(token)
        run.close()


class _Standing:
    """Registered with ``on_commit`` as an event is written: Django drops it when a
    savepoint holding that event is rolled back, so its presence says the event stands."""

    def __call__(self) -> None:
        pass


@dataclass
class _Appending:
    head: ChainHead
    # (marker, seq, hash) of the events written in the block, in order.
    written: list[tuple[_Standing, int, str]] = field(default_factory=list)

    def last(self) -> tuple[int, str]:
        while self.written and not _standing(self.written[-1][0]):
            self.written.pop()  # rolled back with its savepoint
        if self.written:
            return self.written[-1][1], self.written[-1][2]
        return self.head.last_seq, self.head.last_hash

    def append(self, e: Event) -> None:
        _save(e, *self.last())
        marker = _Standing()
        transaction.on_commit(marker)
        self.written.append((marker, e.seq, e.hash))

    def close(self) -> None:
        seq, last_hash = self.last()
        if seq != self.head.last_seq:
            ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=last_hash)


def _standing(marker: _Standing) -> bool:
    # The newest entries are at the end: a standing marker is found at once.
    return any(entry[1] is marker for entry in reversed(connection.run_on_commit))


_APPENDING: ContextVar[_Appending | None] = ContextVar("audit_appending", default=None)


def _save(e: Event, last_seq: int, last_hash: str) -> None:
    e.seq, e.at, e.prev_hash = last_seq + 1, timezone.now(), last_hash
    e.hash = event_hash(e.prev_hash, _fields(e))
    e.save()


def _locked_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the first event ever: make the head, then lock it
        ChainHead.objects.get_or_create(pk=1)
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def _event(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    org_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> Event:
    """The event, not yet numbered nor chained (``_save`` does, under the head's lock)."""
    user = actor if isinstance(actor, User) and actor.is_authenticated else None
    return Event(
        actor=user,
        actor_name=(
            user.get_username() if user else (actor if isinstance(actor, str) else "hệ thống")
        ),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        org_id=org_id,
        before=json.loads(_canonical(before)) if before is not None else None,
        after=json.loads(_canonical(after)) if after is not None else None,
    )


@dataclass
class Verification:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(batch: int = 5000) -> Verification:
    """Recompute every hash in order; report the first event that does not fit."""
    prev, expected_seq, checked = "0" * 64, 1, 0
    last_seq = 0
    while True:
        rows = list(Event.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for e in rows:
            if e.seq != expected_seq:
                return Verification(False, checked, e.seq, f"thiếu sự kiện số {expected_seq}")
            if e.prev_hash != prev:
                return Verification(False, checked, e.seq, "liên kết với sự kiện trước bị sai")
            if event_hash(prev, _fields(e)) != e.hash:
                return Verification(False, checked, e.seq, "nội dung sự kiện đã bị sửa")
            prev, expected_seq, checked, last_seq = e.hash, e.seq + 1, checked + 1, e.seq
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.last_seq != checked or head.last_hash != prev):
        return Verification(False, checked, head.last_seq, "sự kiện cuối chuỗi đã bị xóa")
    return Verification(True, checked)
