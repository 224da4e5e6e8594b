"""Serve the app (waitress, static files through WhiteNoise): the embedded default.

``luutru serve`` is a small supervisor: it runs the web server and one
background worker (capture, OCR) as child processes, starts again a child
that dies (with a growing pause, so a child that cannot start does not spin),
and on SIGTERM or Ctrl+C stops them all. No child outlives it: each runs in
its own process group (stopped as a group, with whatever it started), and on
Linux the kernel sends it SIGTERM if the supervisor itself is killed.
``--no-worker`` leaves the worker out (when ``luutru worker`` runs elsewhere).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand

FIRST_PAUSE = 0.5  # seconds before restarting a child that died
MAX_PAUSE = 30.0
STEADY_AFTER = 60.0  # a child that ran this long starts again without waiting
STOP_TIMEOUT = 10.0
LABELS = {"web": "máy chủ web", "worker": "tiến trình nền"}


class Command(BaseCommand):
    help = "Chạy máy chủ web tại http://127.0.0.1:8000 (kèm một tiến trình nền)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="không chạy tiến trình nền kèm theo"
        )
        parser.add_argument("--workers", type=int, default=1, help="số tiến trình nền (mặc định 1)")
        # The supervisor starts itself again with this to run the web server alone.
        parser.add_argument("--web-child", action="store_true", help=argparse.SUPPRESS)

    def handle(self, host, port, threads, no_worker, workers, web_child, **options):
        if web_child:
            from waitress import serve

            from luutru.wsgi import application  # lazy: only the web child builds the app

            serve(application, host=host, port=port, threads=threads, ident="luutru")
            return
        python = [sys.executable, "-m", "luutru.cli"]
        commands = {
            "web": [
                *python,
                "serve",
                "--web-child",
                f"--host={host}",
                f"--port={port}",
                f"--threads={threads}",
            ]
        }
        if not no_worker:
            commands["worker"] = [*python, "worker", "--processes", str(workers)]
        supervisor = Supervisor(commands, say=self.stdout.write)
        self.stdout.write(f"luutru đang chạy tại http://{host}:{port}  (Ctrl+C để dừng)")
        if not no_worker:
            self.stdout.write(f"Tiến trình nền đang chạy ({workers} tiến trình).")
        supervisor.run()


@dataclass
class Child:
    name: str
    command: list[str]
    proc: subprocess.Popen | None = None
    started: float = 0.0
    pause: float = FIRST_PAUSE
    restart_at: float | None = field(default=None)


class Supervisor:
    """Keeps each command running until told to stop; see the module docstring."""

    def __init__(self, commands: dict[str, list[str]], say=print):
        self.children = [Child(name, cmd) for name, cmd in commands.items()]
        self.say = say
        self.stopping = False

    def run(self) -> None:
        previous = {
            sig: signal.signal(sig, self._stop_signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            for child in self.children:
                self._start(child)
            while not self.stopping:
                self._tend(time.monotonic())
                time.sleep(0.2)
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop_signal(self, signum, frame) -> None:
        self.stopping = True

    def _start(self, child: Child) -> None:
        child.proc = subprocess.Popen(
            child.command, start_new_session=True, preexec_fn=_die_with_parent(os.getpid())
        )
        child.started = time.monotonic()
        child.restart_at = None

    def _tend(self, now: float) -> None:
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at and not self.stopping:
                    self._start(child)
                continue
            # A child waits to restart (above) or was started: ``run`` starts each first.
            assert child.proc is not None
            code = child.proc.poll()
            if code is None:
                continue
            # Whatever the dead child started goes with it (its process group).
            _signal_group(child.proc.pid, signal.SIGKILL)
            if now - child.started >= STEADY_AFTER:
                child.pause = FIRST_PAUSE
            self.say(
                f"{LABELS.get(child.name, child.name).capitalize()} đã dừng ngoài ý muốn "
                f"(mã {code}); chạy lại sau {child.pause:g} giây."
            )
            child.restart_at = now + child.pause
            child.pause = min(child.pause * 2, MAX_PAUSE)

    def _stop_all(self) -> None:
        running = [c.proc for c in self.children if c.proc is not None and c.proc.poll() is None]
        for proc in running:
            _signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for proc in running:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for child in self.children:
            if child.proc is not None:
                # Stragglers, and anything a child left in its group.
                _signal_group(child.proc.pid, signal.SIGKILL)
                child.proc.wait()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _die_with_parent(parent_pid: int):
    """In the child, before exec: ask Linux for SIGTERM when the supervisor
    dies (even by SIGKILL). Elsewhere the process group still lets the
    supervisor stop its children."""

    def setup() -> None:
        if not sys.platform.startswith("linux"):
            return
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent_pid:  # the supervisor died before prctl
            os._exit(1)

    return setup
