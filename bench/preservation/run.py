"""Fixity speed beside ``sha256sum``, and page latency while fixity runs (issue 14).

Writes ``--gb`` gigabytes of random blobs (files of ``--file-mb`` MB) into a
fresh data folder with their ``Blob`` rows, then, on the same files in the same
run:

1. ``sha256sum`` over every blob file, and the worker's fixity code
   (``preservation.services.fixity_chunk`` chunk by chunk in this process,
   exactly what the scheduled ``fixity_task`` runs), each twice, in
   alternating order, each time from a cold page cache (every file is dropped
   from the cache with ``posix_fadvise(DONTNEED)`` first). The best of each is
   compared.
2. a real web server (``luutru serve --no-worker``) answering the staff's
   preservation page (``/bao-quan/toan-ven/``, which reads the fixity runs being
   written) and the home page, polled every 50 ms: first alone, then while a
   fixity pass runs in another process (``luutru preserve --fixity``).

    .venv/bin/python bench/preservation/run.py --gb 8
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def env_for(data: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "LUUTRU_BLOBS", "LUUTRU_INDEX")
    }
    env.update(LUUTRU_DATA=str(data), DJANGO_SETTINGS_MODULE="luutru.settings", LUUTRU_NO_OCR="1")
    return env


def luutru(data: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "luutru.cli", *args],
        env=env_for(data),
        capture_output=True,
        text=True,
        check=True,
        **kw,
    )


def make_blobs(data: Path, gb: float, file_mb: float) -> list[Path]:
    """Random files in the blob store's layout, and their rows (bulk)."""
    os.environ.update(env_for(data))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from luutru.storage.models import Blob
    from luutru.storage.services import store

    s = store()
    size = int(file_mb * 1024 * 1024)
    count = max(1, int(gb * 1024**3 // size))
    # Random (incompressible) bytes, made once; each file differs by its first 16 bytes.
    body = random.Random(14).randbytes(size)
    rows, paths = [], []
    for n in range(count):
        data_bytes = n.to_bytes(16, "big") + body[16:]
        sha = hashlib.sha256(data_bytes).hexdigest()
        p = s.path(sha)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data_bytes)
        rows.append(Blob(sha256=sha, size=size, mime="application/octet-stream"))
        paths.append(p)
    Blob.objects.bulk_create(rows, batch_size=1000)
    os.sync()
    return paths


def drop_cache(paths: list[Path]) -> None:
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def time_sha256sum(paths: list[Path]) -> float:
    drop_cache(paths)
    started = time.perf_counter()
    for i in range(0, len(paths), 500):
        subprocess.run(
            ["sha256sum", "--", *map(str, paths[i : i + 500])],
            stdout=subprocess.DEVNULL,
            check=True,
        )
    return time.perf_counter() - started


def time_fixity(paths: list[Path]) -> tuple[float, str]:
    """One whole pass of the worker's code, chunk by chunk, in this process (the
    worker is a running process too: its start-up is not the check's cost)."""
    from luutru.preservation.services import fixity_chunk

    drop_cache(paths)
    started = time.perf_counter()
    while not (chunk := fixity_chunk()).finished:
        pass
    secs = time.perf_counter() - started
    run = chunk.run
    return secs, f"{run.checked} blobs in {run.chunks} chunks, {run.ok} whole, {run.failed} failed"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def staff_cookie() -> str:
    from django.contrib.auth.models import User
    from django.test import Client

    user, _ = User.objects.get_or_create(
        username="bench_admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def poll(
    port: int, cookie: str, stop: threading.Event, out: list[float], errors: list[str]
) -> None:
    urls = [f"http://127.0.0.1:{port}/bao-quan/toan-ven/", f"http://127.0.0.1:{port}/"]
    i = 0
    while not stop.is_set():
        req = urllib.request.Request(urls[i % 2], headers={"Cookie": f"sessionid={cookie}"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                r.read()
                if r.status != 200:
                    errors.append(str(r.status))
        except Exception as e:  # noqa: BLE001 — counted, the bench goes on
            errors.append(repr(e))
        out.append((time.perf_counter() - started) * 1000)
        i += 1
        stop.wait(0.05)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gb", type=float, default=4.0, help="gigabytes of blobs (default 4)")
    parser.add_argument("--file-mb", type=float, default=8.0, help="size of each blob in MB")
    parser.add_argument("--dir", default="", help="where to write (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()

    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="luutru-fixity-bench-"))
    data = base / "data"
    free = shutil.disk_usage(base).free / 1024**3
    print(f"data folder {data}; {free:.0f} GB free there")
    try:
        t = time.perf_counter()
        paths = make_blobs(data, args.gb, args.file_mb)
        total = sum(p.stat().st_size for p in paths)
        print(
            f"wrote {len(paths)} blobs, {total / 1024**3:.2f} GiB in {time.perf_counter() - t:.0f} s"
        )

        rounds = []
        for order in (("sha256sum", "fixity"), ("fixity", "sha256sum")):
            for tool in order:
                if tool == "sha256sum":
                    rounds.append(("sha256sum", time_sha256sum(paths), ""))
                else:
                    secs, out = time_fixity(paths)
                    rounds.append(("fixity", secs, out))
        for tool, secs, out in rounds:
            print(f"  {tool:10s} {secs:7.2f} s  {total / secs / 1024**2:7.1f} MiB/s  {out}")
        best = {k: min(s for t_, s, _ in rounds if t_ == k) for k in ("sha256sum", "fixity")}
        ratio = best["sha256sum"] / best["fixity"]
        print(
            f"best: sha256sum {total / best['sha256sum'] / 1024**2:.1f} MiB/s, "
            f"fixity {total / best['fixity'] / 1024**2:.1f} MiB/s → fixity at {ratio:.1%} "
            "of sha256sum's speed (target ≥ 90 %)"
        )

        port = free_port()
        cookie = staff_cookie()
        server = subprocess.Popen(
            [sys.executable, "-m", "luutru.cli", "serve", "--no-worker", "--port", str(port)],
            env=env_for(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                    break
                except Exception:  # noqa: BLE001 — not up yet
                    time.sleep(0.2)
            for label, with_fixity in (("alone", False), ("while fixity runs", True)):
                lat: list[float] = []
                errors: list[str] = []
                stop = threading.Event()
                thread = threading.Thread(target=poll, args=(port, cookie, stop, lat, errors))
                if with_fixity:
                    drop_cache(paths)
                    worker = subprocess.Popen(
                        [sys.executable, "-m", "luutru.cli", "preserve", "--fixity"],
                        env=env_for(data),
                        stdout=subprocess.DEVNULL,
                    )
                    thread.start()
                    worker.wait()
                else:
                    thread.start()
                    time.sleep(10)
                stop.set()
                thread.join()
                print(
                    f"pages {label}: {len(lat)} requests, p50 {statistics.median(lat):.0f} ms, "
                    f"p95 {pct(lat, 0.95):.0f} ms, max {max(lat):.0f} ms, errors {len(errors)}"
                    + (f" ({errors[0]})" if errors else "")
                )
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
