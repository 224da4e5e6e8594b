"""Issue 10 item 3: the header's character error rate (CER) of OCR, before and
after the second pass over the header band (``capture.header_ocr``), on the
**open** part of the layout corpus only (never the held-apart part).

    nice -n 19 .venv/bin/python -m bench.extraction.header_cer --docs 60 \
        --corpus /tmp/luutru-h10-open [--dpi 200]

Reference: the lines of the born-digital PDF's text layer in the header band
(top ``header_ocr.BAND`` of page 1). Each reference line is scored against the
OCR line closest to it (edit distance, at most the line's length: a dropped
line counts whole), so the reading order of Tesseract's blocks does not count,
and a dropped line does. CER = summed distances / reference characters.
"First pass" is the import path's OCR (``ocr.run_ocr`` + ``steps``' tone
correction is *not* applied, to see OCR alone); "after" is that text merged
with the second pass (``header_ocr.recover``). Times are wall seconds per page.
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata
from pathlib import Path

from bench.extraction.layouts import build


def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


def distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def header_reference(pdf: bytes, band: float) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        w, h = page.get_width(), page.get_height()
        tp = page.get_textpage()
        text = tp.get_text_bounded(0, h * (1 - band), w, h)
        tp.close()
        page.close()
    finally:
        doc.close()
    return [_norm(x) for x in text.replace("\r", "\n").split("\n") if _norm(x)]


def score(ref: list[str], hyp_text: str) -> tuple[int, int, int]:
    """(edit distance, reference characters, reference lines missing) for one page."""
    hyp = [_norm(x) for x in hyp_text.splitlines() if _norm(x)]
    dist = chars = missing = 0
    for line in ref:
        best = len(line)
        for other in hyp:
            if abs(len(other) - len(line)) >= best:
                continue
            best = min(best, distance(line, other))
        dist += best
        chars += len(line)
        missing += best > len(line) * 0.5
    return dist, chars, missing


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--corpus", default="/tmp/luutru-h10-open")
    ap.add_argument("--dpi", type=int, default=0, help="only scans of this dpi (0: all)")
    ap.add_argument("--band-dpi", type=int, default=0, help="second pass at this dpi")
    ap.add_argument("--verbose", action="store_true", help="print the lines each page gets")
    args = ap.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django

    django.setup()
    from luutru.capture import header_ocr, ocr

    if args.band_dpi:
        header_ocr.TARGET_DPI = args.band_dpi
    corpus = Path(args.corpus)
    records = build(corpus, "open", args.docs, scans=args.docs)
    assert not any(r["held_apart"] for r in records), "the open part only"
    totals = {"before": [0, 0, 0], "after": [0, 0, 0]}
    t_first = t_second = 0.0
    pages = lines_added = 0
    for rec in records:
        if args.dpi and rec["scan"]["dpi"] != args.dpi:
            continue
        pdf = (corpus / f"{rec['id']}.pdf").read_bytes()
        scan = (corpus / f"{rec['id']}.jpg").read_bytes()
        ref = header_reference(pdf, header_ocr.BAND)
        t0 = time.perf_counter()
        first = ocr.run_ocr(scan, "jpeg", header_pass=False).text
        t1 = time.perf_counter()
        after, added = header_ocr.recover(scan, "jpeg", first)
        t2 = time.perf_counter()
        t_first += t1 - t0
        t_second += t2 - t1
        pages += 1
        lines_added += len(added)
        for key, text in (("before", first), ("after", after)):
            d, c, m = score(ref, text)
            totals[key][0] += d
            totals[key][1] += c
            totals[key][2] += m
        if args.verbose:
            print(f"{rec['id']}: +{len(added)} {added}")
    print(f"open part, {pages} scans" + (f" at {args.dpi} dpi" if args.dpi else ""))
    for key in ("before", "after"):
        d, c, m = totals[key]
        print(
            f"  {key:6}: header CER {100 * d / max(c, 1):.2f} % ({d}/{c} chars), lines missing {m}"
        )
    print(f"  lines added by the second pass: {lines_added}")
    print(
        f"  time per page: first pass {t_first / max(pages, 1):.2f} s, "
        f"second pass {t_second / max(pages, 1):.2f} s "
        f"(+{100 * t_second / max(t_first, 1e-9):.0f} %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
