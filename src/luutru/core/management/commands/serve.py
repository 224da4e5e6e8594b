"""Serve the app (waitress, static files through WhiteNoise): the embedded default.

One background worker (capture, OCR) runs beside the web server unless
``--no-worker`` is given (for example when ``luutru worker`` runs elsewhere).
"""

import atexit
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


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

    def handle(self, host, port, threads, no_worker, workers, **options):
        from waitress import serve

        from luutru.wsgi import application

        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "luutru.cli", "worker", "--processes", str(workers)]
            )
            atexit.register(_stop, worker)
            # A plain SIGTERM would skip atexit and leave the worker running alone.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            self.stdout.write(f"Tiến trình nền đang chạy ({workers} tiến trình).")
        self.stdout.write(f"luutru đang chạy tại http://{host}:{port}  (Ctrl+C để dừng)")
        serve(application, host=host, port=port, threads=threads, ident="luutru")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
