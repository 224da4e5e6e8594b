"""Two app servers and one worker on one database (issue 9, "Done when").

Real processes, as a scale-out installation runs them: two web servers
(``luutru serve --web-child``: waitress, no worker of their own) on two ports
and one ``luutru worker``, sharing one database, one blob store and one index
folder. A document uploaded for capture through server 1 is captured and
indexed by the worker (the only index writer: web processes only read), then
found by search through server 2 with the same results as through server 1.

Run on SQLite (one file), then on PostgreSQL when one answers at
``LUUTRU_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``, as
``make test`` uses): a database of its own is created and dropped.
Every wait polls against a deadline; nothing sleeps a fixed time.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from luutru.capture.tests.files import make_party_letter

SRC = str(Path(__file__).resolve().parents[1] / "src")
PG_URL = os.environ.get("LUUTRU_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
QUERY = "rà soát danh mục"  # words of the letter's body (its full text)

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from luutru.access.api_auth import issue_token
from luutru.orgs.models import Role, Secrecy
from luutru.testing import build_world, make_user
w = build_world()
head = make_user("lanhdao_tinh", w.province, Role.HEAD, clearance=Secrecy.MAT)
print(w.province.pk, issue_token(head, "hai-may-chu"))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _until(what: str, check, timeout: float):
    """``check()`` until it returns something truthy, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    pause = 0.05
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(pause)
        pause = min(pause * 1.5, 0.5)


class Installation:
    def __init__(self, tmp: Path, database_url: str | None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "luutru.settings",
            "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "LUUTRU_DATA": str(tmp / "data"),
            "LUUTRU_BLOBS": str(tmp / "blobs"),
            "LUUTRU_INDEX": str(tmp / "index"),
            "LUUTRU_LOGIN_THROTTLE": "0",
        }
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        (tmp / "data").mkdir()
        self.procs: list[subprocess.Popen] = []
        self.logs = tmp

    def run(self, *args: str, code: str | None = None) -> str:
        cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "luutru.cli", *args]
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            [sys.executable, "-m", "luutru.cli", *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log = log  # type: ignore[attr-defined]
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            proc.log.close()  # type: ignore[attr-defined]

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text()[-3000:] if path.exists() else ""


def _request(url: str, token: str, *, data: bytes | None = None, content_type: str = ""):
    req = urllib.request.Request(url, data=data, headers={"Authorization": f"Bearer {token}"})
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")[:500]
    except (urllib.error.URLError, ConnectionError):
        return None, None


def _multipart(fields: dict[str, str], files: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for filename, content in files.items():
        head = (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="files"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _search(base: str, token: str):
    q = urllib.request.quote(QUERY)
    status, body = _request(f"{base}/api/search/?q={q}", token)
    return body if status == 200 else None


def _scenario(tmp: Path, database_url: str | None) -> None:
    site = Installation(tmp, database_url)
    try:
        org_id, token = site.run(code=SETUP).split()  # migrate, then the users
        ports = [_free_port(), _free_port()]
        bases = [f"http://127.0.0.1:{p}" for p in ports]
        for i, port in enumerate(ports, 1):
            site.start(f"web{i}", "serve", "--web-child", "--port", str(port), "--threads", "4")
        site.start(
            "worker", "worker", "--processes", "1", "--interval", "0.2", "--check-every", "0"
        )
        for i, base in enumerate(bases, 1):
            _until(
                f"server {i} to answer\n{site.log(f'web{i}')}", lambda b=base: _search(b, token), 60
            )
        # Nothing yet: the index is empty on both servers.
        assert _search(bases[0], token)["total"] == 0

        body, ctype = _multipart({"org": org_id}, {"nq12.pdf": make_party_letter()})
        status, batch = _request(
            f"{bases[0]}/api/capture/batches", token, data=body, content_type=ctype
        )
        assert status == 201, batch

        def captured():
            status, b = _request(f"{bases[0]}/api/capture/batches/{batch['id']}", token)
            return b if status == 200 and b["finished_at"] else None

        done = _until(f"the capture\n{site.log('worker')}", captured, 90)
        assert [i["state"] for i in done["items"]] == ["done"], done["items"]

        found = _until(
            f"the document in the index\n{site.log('worker')}",
            lambda: (r := _search(bases[1], token)) and r["total"] and r,
            60,
        )
        assert found["total"] == 1 and found["results"][0]["kind"] == "document"
        assert "văn thư, lưu trữ" in found["results"][0]["title"]
        assert _search(bases[0], token) == found  # the same answer from both servers
    finally:
        site.stop()


def test_two_servers_and_a_worker_on_sqlite(tmp_path):
    _scenario(tmp_path, None)


def _pg_admin():
    try:
        import psycopg

        return psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except Exception:
        return None


def test_two_servers_and_a_worker_on_postgresql(tmp_path):
    admin = _pg_admin()
    if admin is None:
        pytest.skip(f"PostgreSQL does not answer at {PG_URL}")
    name = f"luutru_two_servers_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base, _, _ = PG_URL.rpartition("/")
        _scenario(tmp_path, f"{base}/{name}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
