"""Two registry clerks' processes register incoming documents at the same moment:
the arrival numbers run 1..N without a gap or a repeat, refused registrations
in the middle included (a refusal takes no number).

The processes are real subprocesses. On SQLite the in-memory test database is
copied to the data folder's file first, so they run the embedded set-up itself
(WAL, BEGIN IMMEDIATE); on PostgreSQL they use the test database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from luutru.testing import build_world

PER_PROCESS = 12

CLERK = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import User
from luutru.core.errors import RuleViolation
from luutru.desk.services import receive
from luutru.orgs.models import Organization
from luutru.registry.tests.files import make_pdf, metadata_for

tag, count = sys.argv[1], int(sys.argv[2])
clerk = User.objects.get(username=sys.argv[3])
org = Organization.objects.get(code="VPTU")
print("ready", flush=True)
sys.stdin.readline()
numbers, refused = [], 0
for i in range(count):
    # Every fourth registration is refused (no subject): it must take no number.
    subject = "" if i % 4 == 3 else f"Công văn {tag} số {i}"
    try:
        a = receive(
            clerk, org,
            fields=metadata_for(org, symbol=f"{i + 1}-CV/TU", type_abbrev="CV", subject=subject),
            content=make_pdf([f"{tag} {i}"]), filename=f"{tag}-{i}.pdf",
        )
    except RuleViolation:
        refused += 1
    else:
        numbers.append(a.arrival_number)
print(json.dumps({"numbers": numbers, "refused": refused}), flush=True)
"""


def _environment(tmp_path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "luutru.settings",
        "LUUTRU_DATA": str(tmp_path / "data"),
        "LUUTRU_SECRET_KEY": "test-only-secret-key-of-the-arrival-processes",
    }
    (tmp_path / "data").mkdir()
    db = connections[DEFAULT_DB_ALIAS]
    if isinstance(db, SQLiteWrapper) and db.is_in_memory_db():
        # The data folder's database file: the embedded settings (WAL, IMMEDIATE).
        db.ensure_connection()
        target = sqlite3.connect(str(tmp_path / "data" / "luutru.sqlite3"))
        db.connection.backup(target)
        target.close()
        env.pop("DATABASE_URL", None)
    else:
        s = db.settings_dict
        auth = quote(s.get("USER") or "")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"])
        port = f":{s['PORT']}" if s.get("PORT") else ""
        env["DATABASE_URL"] = f"postgres://{auth}@{s.get('HOST') or ''}{port}/{s['NAME']}"
    return env


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_registering_at_once_get_gap_free_unique_numbers(tmp_path):
    w = build_world()
    from luutru.orgs.models import Role
    from luutru.testing import make_user

    make_user("vanthu2", w.office, Role.CLERK, full_name="Đặng Thị Hoa")
    env = _environment(tmp_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLERK, tag, str(PER_PROCESS), clerk],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag, clerk in (("A", "vanthu"), ("B", "vanthu2"))
    ]
    try:
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline()
            assert line.strip() == "ready", (line, p.stderr.read() if p.stderr else "")
        for p in procs:  # both start together
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = [p.communicate(timeout=240) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    results = []
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    numbers = sorted(n for r in results for n in r["numbers"])
    refused = sum(r["refused"] for r in results)
    assert refused == 2 * (PER_PROCESS // 4)
    assert numbers == list(range(1, 2 * PER_PROCESS - refused + 1))
    # Each process's own numbers rise (its registrations follow one another).
    for r in results:
        assert r["numbers"] == sorted(r["numbers"])
