"""The one index writer across processes and machines: a lease in the database.

``acquire`` is one conditional UPDATE (free, expired, or already ours), so two
processes asking at once cannot both get it, on SQLite as on PostgreSQL. The
holder renews it while it works; a holder that died is taken over once its
lease expires (at once when it was a process of this machine that is gone).
Nothing here relies on a file lock."""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from luutru.search.models import WriterLease

NAME = "index"
TTL = dt.timedelta(seconds=60)
POLL = 0.05  # seconds between two asks while waiting (growing to 1 s)


class LeaseLost(Exception):
    """Another writer took the lease over (ours expired): stop writing."""


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(holder: str, *, ttl: dt.timedelta = TTL) -> bool:
    now = timezone.now()
    if not WriterLease.objects.filter(name=NAME).exists():
        try:
            with transaction.atomic():
                WriterLease.objects.create(name=NAME)
        except IntegrityError:
            pass  # another process created it meanwhile
    free = Q(expires_at__isnull=True) | Q(expires_at__lt=now) | Q(holder=holder)
    dead = _dead_local_holder()
    if dead:
        free |= Q(holder=dead)  # a process of this machine that is gone: no need to wait
    taken = (
        WriterLease.objects.filter(name=NAME)
        .filter(free)
        .update(holder=holder, expires_at=now + ttl)
    )
    return taken == 1


def _dead_local_holder() -> str | None:
    """The holder, when it is a process of this machine that no longer runs (killed
    while writing): its lease is taken over at once rather than when it expires.
    A holder on another machine is only ever taken over by expiry."""
    row = WriterLease.objects.filter(name=NAME).values_list("holder", flat=True).first()
    host, _, rest = (row or "").partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return row
    except PermissionError:
        return None  # alive, another user's
    return row if _zombie(int(pid)) else None


def _zombie(pid: int) -> bool:
    """Killed but not yet reaped (in a container nobody may reap it): it writes nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def renew(holder: str, *, ttl: dt.timedelta = TTL) -> None:
    kept = WriterLease.objects.filter(name=NAME, holder=holder).update(
        expires_at=timezone.now() + ttl
    )
    if not kept:
        raise LeaseLost(holder)


def release(holder: str) -> None:
    WriterLease.objects.filter(name=NAME, holder=holder).update(holder="", expires_at=None)


def holder() -> str | None:
    """Who holds the lease now (None when free or expired)."""
    row = WriterLease.objects.filter(name=NAME, expires_at__gte=timezone.now()).first()
    return row.holder if row and row.holder else None


@contextmanager
def held(*, wait: bool) -> Iterator[str | None]:
    """The lease for the block (its holder id), or None when another holds it
    and ``wait`` is false. Waiting asks again until it is free or expired."""
    me = holder_id()
    pause = POLL
    while not acquire(me):
        if not wait:
            yield None
            return
        time.sleep(pause)
        pause = min(pause * 2, 1.0)
    try:
        yield me
    finally:
        release(me)
