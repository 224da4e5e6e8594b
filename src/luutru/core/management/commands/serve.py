"""Serve the app (waitress, static files through WhiteNoise): the embedded default."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web tại http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, host, port, threads, **options):
        from waitress import serve

        from luutru.wsgi import application

        self.stdout.write(f"luutru đang chạy tại http://{host}:{port}  (Ctrl+C để dừng)")
        serve(application, host=host, port=port, threads=threads, ident="luutru")
