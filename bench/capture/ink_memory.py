"""The ink step (``capture.ink.whitened``) on large colour scans: time and peak memory.

    .venv/bin/python bench/capture/ink_memory.py [--sizes 35 89]

Each size (megapixels, A4 proportions; 89 is PIL's decompression-bomb limit, the
largest page the OCR step opens) is a colour page of printed lines on yellowed paper
with a red seal, whitened once in a process of its own, so each peak is its own. The
peak includes the page itself (3 bytes a pixel), as the OCR step holds it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def one(megapixels: float) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django

    django.setup()
    from PIL import Image, ImageDraw

    from luutru.capture import ink

    h = int((megapixels * 1e6 * 297 / 210) ** 0.5)
    w = int(h * 210 / 297)
    page = Image.new("RGB", (w, h), (250, 248, 240))
    draw = ImageDraw.Draw(page)
    for y in range(0, h, 60):
        draw.line((100, y, w - 100, y), fill=(20, 20, 20), width=3)
    draw.ellipse((w // 2, h // 2, w // 2 + 800, h // 2 + 800), outline=(200, 30, 40), width=12)
    t = time.perf_counter()
    out = ink.whitened(page, 600)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {w * h / 1e6:.1f} | {seconds:.1f} s | {peak:,.0f} MB | {out is not None} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[35.0, 89.0])
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(args.one)
        return 0
    print("| megapixels | whitening | peak memory of the process | ink found |")
    print("|---|---|---|---|")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.setdefault("LUUTRU_DATA", "/tmp/luutru-bench-ink")
    for size in args.sizes:
        subprocess.run(
            [sys.executable, __file__, "--one", str(min(size, 89.4))], check=True, env=env
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
