"""A rule changed by one process is seen by another that already holds the book.

The other process is a real subprocess with its own per-process cache, reading
the same database: on SQLite the in-memory test database copied to a file (the
embedded set-up), on PostgreSQL the test database itself. The change is made
through a second connection to that database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import threading
from urllib.parse import quote

import pytest
from django.db import connection, connections

from luutru.rules.models import RuleProfile

READER = """
import datetime as dt, json, sys
import django
django.setup()
from luutru.rules.book import rulebook
for _ in sys.stdin:
    book = rulebook()
    due = book.deposit_due("party", dt.date(2024, 3, 15))
    print(json.dumps({"id": id(book), "due": due.isoformat()}), flush=True)
"""


def _database_url(tmp_path) -> tuple[str, str | None]:
    """(URL of the test database for a subprocess, file path on SQLite)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        path = str(tmp_path / "rules.sqlite3")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", path
    user = quote(s.get("USER") or "")
    password = quote(s.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if user else ""
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{s.get('HOST') or ''}{port}/{s['NAME']}", None


def _elsewhere(db_path: str | None, fn) -> None:
    """Run ``fn`` on a second connection (to the file copy on SQLite)."""
    errors: list[BaseException] = []

    def run():
        conn = connections["default"]
        if db_path:
            conn.settings_dict = {**conn.settings_dict, "NAME": db_path}
        try:
            fn()
        except BaseException as e:  # re-raised below
            errors.append(e)
        finally:
            conn.close()

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=60)
    if errors:
        raise errors[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_in_one_process_is_seen_by_another(tmp_path):
    url, db_path = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "luutru.settings",
        "LUUTRU_DATA": str(tmp_path / "data"),
    }
    reader = subprocess.Popen(
        [sys.executable, "-c", READER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )

    def ask() -> dict:
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write("\n")
        reader.stdin.flush()
        return json.loads(reader.stdout.readline())

    try:
        first = ask()
        assert first["due"] == "2025-03-15"
        assert ask()["id"] == first["id"]  # unchanged rules: the same book

        def change():
            p = RuleProfile.objects.get(code="party-2018")
            p.deposit_delay_months = 18
            p.save()

        _elsewhere(db_path, change)
        changed = ask()
        assert changed["due"] == "2025-09-15"
        assert changed["id"] != first["id"]

        # A bulk update (no save signal) is seen as well.
        _elsewhere(
            db_path,
            lambda: RuleProfile.objects.filter(code="party-2018").update(deposit_delay_months=6),
        )
        assert ask()["due"] == dt.date(2024, 9, 15).isoformat()
    finally:
        if reader.stdin:
            reader.stdin.close()
        reader.wait(timeout=30)
