"""``luutru serve`` as a supervisor, with real processes (issue 8 item 1): a
killed web server or worker is started again, and no child outlives it,
whether it is stopped with SIGTERM or killed outright."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

TIMEOUT = 90.0


def wait_for(condition, what: str, timeout: float = TIMEOUT):
    """Poll ``condition`` until it returns something truthy (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> dict[str, int]:
    """The supervisor's live children by role ("web", "worker")."""
    found: dict[str, int] = {}
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return found
    for child in map(int, listed):
        if not alive(child):
            continue
        try:
            cmd = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except FileNotFoundError:
            continue
        found["web" if b"--web-child" in cmd else "worker" if b"worker" in cmd else "other"] = child
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve-data")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(LUUTRU_DATA=str(data), DJANGO_SETTINGS_MODULE="luutru.settings")
    subprocess.run(
        [sys.executable, "-m", "luutru.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    return env


@pytest.fixture
def serve(env):
    started = []

    def start() -> tuple[subprocess.Popen, int]:
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "luutru.cli", "serve", f"--port={port}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(proc)
        wait_for(lambda: answers(port), "the web server to answer")
        wait_for(lambda: {"web", "worker"} <= set(children(proc.pid)), "both children")
        return proc, port

    yield start
    for proc in started:  # a failed test must not leave a server behind
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_child_is_restarted_and_sigterm_leaves_no_child(serve):
    proc, port = serve()
    first = children(proc.pid)

    os.kill(first["web"], signal.SIGKILL)
    web = wait_for(
        lambda: (c := children(proc.pid).get("web")) not in (None, first["web"]) and c,
        "a new web server",
    )
    wait_for(lambda: answers(port), "the restarted web server to answer")

    os.kill(first["worker"], signal.SIGKILL)
    worker = wait_for(
        lambda: (c := children(proc.pid).get("worker")) not in (None, first["worker"]) and c,
        "a new worker",
    )
    assert proc.poll() is None

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    for pid in (web, worker, *first.values()):
        wait_for(lambda pid=pid: not alive(pid), f"process {pid} to end")
    assert not answers(port)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and /proc")
def test_children_die_with_a_killed_supervisor(serve):
    proc, port = serve()
    kids = children(proc.pid)
    proc.kill()
    proc.wait(timeout=10)
    for pid in kids.values():
        wait_for(lambda pid=pid: not alive(pid), f"orphan {pid} to end")
    wait_for(lambda: not answers(port), "the port to close")
