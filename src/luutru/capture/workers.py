"""Who a background worker is, and whether it still runs: host, process id and the
process's start time (a reused pid is told apart). No Django models here, so a
bare process can name itself (``python -c "...worker_id()"``)."""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

from django.utils import timezone

from luutru.core.processes import pid_alive

# Rows whose worker id names no process (older workers): settled after this long.
UNNAMED_WORKER_AGE = dt.timedelta(hours=2)


def worker_id() -> str:
    """This process's worker id: host and pid, so a later process can tell it died."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{_start_ticks(os.getpid()) or 0}"


def _start_ticks(pid: int) -> int | None:
    """When ``pid`` started (clock ticks since boot, Linux), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    try:
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (IndexError, ValueError):
        return None


def worker_alive(worker: str, started_at=None) -> bool:
    """Is the worker that wrote this id still running? Unknown ids count as alive
    until ``UNNAMED_WORKER_AGE`` has passed since the row was claimed."""
    host, _, rest = worker.partition(":")
    pid, _, ticks = rest.partition(":")
    if not pid.isdigit():
        return started_at is not None and timezone.now() - started_at < UNNAMED_WORKER_AGE
    if host != socket.gethostname()[:40]:
        return True  # another machine's worker: it settles its own rows
    if not pid_alive(int(pid)):
        return False
    now_ticks = _start_ticks(int(pid))
    return not (ticks.isdigit() and now_ticks is not None and now_ticks != int(ticks))
