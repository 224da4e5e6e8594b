"""Whether a process of this machine is still there (for leases and claims that
name the process that holds them)."""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    """Is there a process ``pid`` on this machine? One of another user counts as
    alive (signal 0 is refused, but it exists)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
