"""``luutru worker``: run the background queue ("default" and "ocr") in N processes.

On start it re-enqueues unfinished capture items that no live process holds,
so work interrupted by a restart (or ``kill -9``) is picked up again. Each
worker is named by host and process id; on start and every ``--check-every``
seconds, task rows left RUNNING by a worker that is gone are settled (queued
again, or marked done by what the records say), so none stays RUNNING.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from luutru.capture.runner import default_jobs
from luutru.capture.services import resume_all
from luutru.capture.tasks import settle_orphaned_tasks
from luutru.capture.workers import worker_id


class Command(BaseCommand):
    help = "Chạy tiến trình nền (nhập tài liệu, OCR) — mỗi lõi một tiến trình"

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=default_jobs())
        parser.add_argument("--queues", default="default,ocr")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="làm hết việc đang chờ rồi dừng")
        parser.add_argument(
            "--check-every",
            type=float,
            default=60.0,
            help="số giây giữa hai lần dọn việc của tiến trình nền đã chết (mặc định 60)",
        )

    def handle(self, processes, queues, interval, batch, check_every=60.0, **options):
        # Rows of dead workers first: requeued rows then count as waiting below.
        settled = settle_orphaned_tasks()
        if settled:
            self.stdout.write(f"Đã xử lý {settled} việc nền còn dở của tiến trình đã dừng.")
        resumed = resume_all()
        if resumed:
            self.stdout.write(f"Tiếp tục {resumed} tệp đang dở từ lần chạy trước.")
        if processes <= 1:
            if not batch and check_every > 0:
                _start_checks(check_every)
            self._run_one(queues, interval, batch, options["verbosity"])
            return
        cmd = [sys.executable, "-m", "luutru.cli", "worker", "--processes", "1"]
        cmd += ["--queues", queues, "--interval", str(interval), "--check-every", str(check_every)]
        if batch:
            cmd.append("--batch")
        children = [subprocess.Popen(cmd) for _ in range(processes)]
        self.stdout.write(f"Đã chạy {processes} tiến trình nền (hàng đợi: {queues}).")

        def stop(signum, frame):
            for c in children:
                c.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        try:
            for c in children:
                c.wait()
        except KeyboardInterrupt:
            stop(None, None)
            for c in children:
                c.wait()

    def _run_one(self, queues, interval, batch, verbosity):
        call_command(
            "db_worker",
            queue_name=queues,
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=False,
            verbosity=verbosity,
            worker_id=worker_id(),
        )


def _start_checks(every: float) -> threading.Event:
    """Settle dead workers' rows every ``every`` seconds (another worker may die
    while this one runs; the worker restarted in its place settles them too)."""

    def loop():
        while not stop.wait(every):
            try:
                settle_orphaned_tasks()
            except Exception:  # a locked database: next time
                pass
            finally:
                connection.close()

    stop = threading.Event()
    threading.Thread(target=loop, name="luutru-settle", daemon=True).start()
    return stop
