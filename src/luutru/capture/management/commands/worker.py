"""``luutru worker``: run the background queue ("default" and "ocr") in N processes.

On start it re-enqueues unfinished capture items that no live process holds,
so work interrupted by a restart (or ``kill -9``) is picked up again.
"""

from __future__ import annotations

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from luutru.capture.runner import default_jobs


class Command(BaseCommand):
    help = "Chạy tiến trình nền (nhập tài liệu, OCR) — mỗi lõi một tiến trình"

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=default_jobs())
        parser.add_argument("--queues", default="default,ocr")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="làm hết việc đang chờ rồi dừng")

    def handle(self, processes, queues, interval, batch, **options):
        from luutru.capture.services import resume_all

        resumed = resume_all()
        if resumed:
            self.stdout.write(f"Tiếp tục {resumed} tệp đang dở từ lần chạy trước.")
        if processes <= 1:
            self._run_one(queues, interval, batch, options["verbosity"])
            return
        cmd = [sys.executable, "-m", "luutru.cli", "worker", "--processes", "1"]
        cmd += ["--queues", queues, "--interval", str(interval)]
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
        )
