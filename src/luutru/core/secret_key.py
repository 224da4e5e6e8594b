"""The installation's SECRET_KEY: made once, kept in the data folder.

Every installation gets its own key the first time it starts (never a key
written in the source); ``LUUTRU_SECRET_KEY`` still overrides it. The file is
created atomically with mode 0600, so two processes starting at once end up
with the same key and nobody ever reads a half-written one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_NAME = "secret_key"


def load_or_create(data_dir: Path) -> str:
    path = Path(data_dir) / FILE_NAME
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    tmp = path.with_name(f"{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(key + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # fails if another process got there first: keep theirs
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> str:
    key = path.read_text().strip()
    if len(key) < 50:
        raise RuntimeError(
            f"{path} does not hold a usable secret key; delete it to have a new one made "
            "(every login session will end)."
        )
    return key
