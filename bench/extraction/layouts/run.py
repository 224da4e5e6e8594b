"""Issue 10 header bench: today's pipeline on the held-apart part of the
layout corpus, per field, per layout family, born-digital vs scans, with the
calibration table (confidence bucket → share right).

    nice -n 19 .venv/bin/python -m bench.extraction.layouts.run --docs 300 --scans 120 \
        --corpus /tmp/luutru-h10 [--json out.json] [--errors 20]

Text comes the way ``luutru import`` takes it (``capture.pipeline``): a PDF's
text layer through ``steps.pdf_text``; a scan through ``ocr.run_ocr``
(OCRmyPDF + Tesseract ``vie``) and ``steps.corrected_ocr_text``; fields and the
review decision through ``pipeline.parse`` with the default rule profiles of a
fresh database. ``--ocr tesseract`` reads scans with plain Tesseract instead
(faster, not the import path). OCR text is kept beside a kept corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.extraction.layouts import TRUTH_FIELDS, build

SECRECY = {0: "", 1: "Mật", 2: "Tối mật", 3: "Tuyệt mật"}
URGENCY = {0: "", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc"}
BUCKETS = [(0.0, 0.0, "absent / 0"), (0.0, 0.5, "(0, 0.5)"), (0.5, 0.7, "[0.5, 0.7)"),
           (0.7, 0.8, "[0.7, 0.8)"), (0.8, 0.9, "[0.8, 0.9)"), (0.9, 0.95, "[0.9, 0.95)"),
           (0.95, 0.99, "[0.95, 0.99)"), (0.99, 1.01, "[0.99, 1]")]  # fmt: skip


# ---------------------------------------------------------------- comparing


def _norm(text) -> str:
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join(text.split()).casefold()


def norm_symbol(text) -> str:
    s = _norm(text).replace("\u2013", "-")  # "GDĐT – VP" as Word prints it is "GDĐT-VP"
    s = re.sub(r"\s*([-/])\s*", r"\1", s)
    s = re.sub(r"^(\d+)\s+(?=[^\d\s])", r"\1-", s)  # a space printed for the dash
    return s.replace(" ", "")


def same(field: str, truth, value) -> bool:
    if field == "number_symbol":
        return norm_symbol(truth) == norm_symbol(value)
    if field == "title":
        return _norm(truth).rstrip(".;:,") == _norm(value).rstrip(".;:,")
    return _norm(truth) == _norm(value)


def predicted(fields: dict, metadata: dict) -> dict[str, tuple[str, float]]:
    """The pipeline's answer per ground-truth field: (value, confidence); a
    field the parser did not give is ("", 0.0)."""

    def get(key):
        f = fields.get(key) or {}
        return f.get("value"), float(f.get("confidence") or 0.0)

    out = {}
    if "number_symbol" in fields:  # the import report's name, once the parser gives it
        out["number_symbol"] = get("number_symbol")
    else:
        (num, cn), (nota, ct) = get("code_number"), get("code_notation")
        symbol = metadata.get("symbol") or (str(num) if num else "")
        out["number_symbol"] = (symbol, min(cn, ct) if nota else cn)
    out["doc_type"] = get("type_name")
    out["issuer"] = get("issuer")
    out["issuer_parent"] = get("issuer_parent")
    out["place"] = get("place")
    d, c = get("date") if "date" in fields else get("issued_date")
    out["date"] = (str(d)[:10] if d else "", c)
    out["title"] = get("title") if "title" in fields else get("subject")
    out["signer"] = get("signer") if "signer" in fields else get("signer_full_name")
    for key, words in (("secrecy", SECRECY), ("urgency", URGENCY)):
        v, c = get(key)
        out[key] = (words.get(v, str(v)) if isinstance(v, int) else (v or ""), c)
    return {k: ("" if v is None else v, c) for k, (v, c) in out.items()}


# ---------------------------------------------------------------- text


def _ocr_import(path: str) -> tuple[str, str]:
    """OCR as the import's OCR step runs it (``formats.recognise`` is this and the
    tone-mark correction applied when the text is read back): the text, and the
    words Tesseract doubts, one a line."""
    from luutru.capture import ocr

    kind = {"pdf": "pdf", "png": "png"}.get(path.rsplit(".", 1)[-1], "jpeg")
    result = ocr.run_ocr(Path(path).read_bytes(), kind)
    return result.text, "\n".join(result.unsure)


def _ocr_tesseract(path: str) -> tuple[str, str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(["tesseract", path, "stdout", "-l", "vie"], capture_output=True,
                          text=True, env=env, check=False, timeout=600)  # fmt: skip
    return proc.stdout, ""


def parse(text: str, ocr: bool, unsure: list[str]):
    """``pipeline.parse`` as the import's header step calls it: fields, metadata,
    review labels; for a scan, with the words OCR doubts."""
    from luutru.capture import pipeline

    return pipeline.parse(text, None, ocr=ocr, unsure=unsure)


def setup_django(data: Path) -> None:
    os.environ["LUUTRU_DATA"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


# ---------------------------------------------------------------- report


# The born-digital media: drawn straight to PDF, and made in Word (a header table)
# then printed to PDF by LibreOffice, as most offices make theirs.
MEDIA = {"born": "born", "word": "born via Word", "long": "born, past page 1"}
# The scanned media, by the image's name after the ID: the page as scanned, and the
# paper as the registry receives it (the seal, a signature, its "ĐẾN" stamp).
SCANNED = {"scan": "", "received": ".received", "bw": ".received.bw", "longscan": ".long.scan"}
# The scan past page 1 is a PDF of every page, as a scanner makes one.
SCAN_FILE = {"scan": "jpg", "received": "jpg", "bw": "png", "longscan": "pdf"}
# The paper as received scanned again in black and white, as many offices' scanners are
# set: ID.received.jpg made grey and cut at mid-grey (every stamp and pen black).
DRAWN_FROM = {"bw": "received"}


def drawn(medium: str, rec: dict) -> bool:
    """Is ``medium`` drawn for the document ``rec``?"""
    return DRAWN_FROM.get(medium, medium) in rec


def black_and_white(corpus: Path, rec: dict) -> None:
    """ID.received.bw.png from ID.received.jpg, once: a scanner's black-and-white mode
    (one fixed threshold), at the scan's resolution."""
    from PIL import Image

    out = corpus / f"{rec['id']}{SCANNED['bw']}.png"
    if out.exists():
        return
    with Image.open(corpus / f"{rec['id']}{SCANNED['received']}.jpg") as im:
        dpi = im.info.get("dpi", (200, 200))
        bw = im.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")
    bw.save(out, dpi=dpi)


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:.1f} %" if n else "—"


def score(records, texts, medium_of):
    """Per-document results: field → (right, confidence), review flag."""
    rows = []
    for rec in records:
        for medium in medium_of(rec):
            text = texts[medium][rec["id"]]
            ocr = medium in SCANNED
            unsure = texts["unsure"].get(rec["id"] + SCANNED[medium], []) if ocr else []
            fields, metadata, low = parse(text, ocr, unsure)
            got = predicted(fields, metadata)
            res = {f: (same(f, rec[f], got[f][0]), got[f][1], got[f][0]) for f in TRUTH_FIELDS}
            rows.append({"id": rec["id"], "family": rec["family"], "kind": rec["org_kind"],
                         "medium": medium, "fields": res, "review": bool(low), "low": low})  # fmt: skip
    return rows


def summary(rows) -> dict:
    n = len(rows)
    nf = n * len(TRUTH_FIELDS)
    right = sum(r["fields"][f][0] for r in rows for f in TRUTH_FIELDS)
    cw = sum(
        1 for r in rows for f in TRUTH_FIELDS if r["fields"][f][1] >= 0.9 and not r["fields"][f][0]
    )
    conf = sum(1 for r in rows for f in TRUTH_FIELDS if r["fields"][f][1] >= 0.9)
    return {
        "docs": n,
        "fields_right": right / nf if nf else 0,
        "docs_all_right": sum(all(v[0] for v in r["fields"].values()) for r in rows) / n
        if n
        else 0,
        "confident_wrong": cw / nf if nf else 0,
        "confident_wrong_n": cw,
        "confident_right_share": (conf - cw) / conf if conf else 0,
        "review": sum(r["review"] for r in rows) / n if n else 0,
        "per_field": {f: sum(r["fields"][f][0] for r in rows) / n for f in TRUTH_FIELDS}
        if n
        else {},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Issue 10 header bench (held-apart part)")
    ap.add_argument("--docs", type=int, default=300, help="born-digital documents")
    ap.add_argument("--scans", type=int, default=120, help="of those, how many also scanned")
    ap.add_argument("--part", choices=("held", "open"), default="held")
    ap.add_argument("--seed", type=int, help="open part only: another draw (below 900001)")
    ap.add_argument("--corpus", type=Path, help="keep the corpus (and OCR text) here")
    ap.add_argument("--ocr", choices=("import", "tesseract"), default="import")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong fields")
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--no-word", dest="word", action="store_false",
        help="leave out the documents made in Word and printed to PDF by LibreOffice",
    )  # fmt: skip
    ap.add_argument(
        "--no-long", dest="long", action="store_false",
        help="leave out the documents drawn past their first page with an attachment",
    )  # fmt: skip
    ap.add_argument(
        "--no-received", dest="received", action="store_false",
        help="leave out the scans of the paper as received (seal, signature, the ĐẾN stamp), in "
        "colour or grey and again in black and white",
    )  # fmt: skip
    args = ap.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("Tesseract is missing (tesseract-ocr, tesseract-ocr-vie).", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="luutru-bench-h10-"))
    corpus = args.corpus or work / "corpus"
    setup_django(work / "data")
    from luutru.capture import steps

    t0 = time.perf_counter()
    records = build(
        corpus,
        args.part,
        args.docs,
        args.scans,
        args.seed if args.part == "open" else None,
        received=args.received,
        long=args.long,
    )
    t_build = time.perf_counter() - t0
    texts: dict[str, dict] = {m: {} for m in (*MEDIA, *SCANNED, "unsure")}
    t0 = time.perf_counter()
    for rec in records:
        texts["born"][rec["id"]] = steps.pdf_text((corpus / f"{rec['id']}.pdf").read_bytes()).text
    t_pdf = time.perf_counter() - t0
    for rec in records:
        if "long" in rec:
            pdf = (corpus / f"{rec['id']}.long.pdf").read_bytes()
            texts["long"][rec["id"]] = steps.pdf_text(pdf).text
    t0 = time.perf_counter()
    if args.word:
        from bench.extraction.layouts.render import print_word

        printed = corpus / "word"
        missing = [r for r in records if not (printed / f"{r['id']}.pdf").exists()]
        if missing:
            print_word([corpus / f"{r['id']}.docx" for r in missing], printed)
        for rec in records:
            pdf = printed / f"{rec['id']}.pdf"
            if not pdf.exists():  # LibreOffice did not print it, three times over
                print(f"  no Word print of {rec['id']}", file=sys.stderr)
            texts["word"][rec["id"]] = steps.pdf_text(pdf.read_bytes()).text if pdf.exists() else ""
    t_word = time.perf_counter() - t0
    scanned = [r for r in records if "scan" in r]
    # (medium, the image's stem): a scan is ID.jpg, the paper as received ID.received.jpg
    wanted = [
        m
        for m in SCANNED
        if {"received": args.received, "bw": args.received, "longscan": args.long}.get(m, True)
    ]
    images = [(m, r, f"{r['id']}{SCANNED[m]}") for r in scanned for m in wanted if drawn(m, r)]
    for m, r, _ in images:
        if m == "bw":
            black_and_white(corpus, r)
    if args.ocr == "tesseract":  # plain Tesseract reads images, not a scan's PDF
        images = [(m, r, stem) for m, r, stem in images if SCAN_FILE[m] == "jpg"]
    todo = [
        (m, r, stem)
        for m, r, stem in images
        if not (corpus / f"{stem}.{args.ocr}.txt").exists()
        or not (corpus / f"{stem}.{args.ocr}.unsure.txt").exists()
    ]
    t0 = time.perf_counter()
    fn = _ocr_import if args.ocr == "import" else _ocr_tesseract
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = {
            pool.submit(fn, str(corpus / f"{stem}.{SCAN_FILE[m]}")): stem for m, _, stem in todo
        }
        for k, fut in enumerate(futures, 1):
            stem = futures[fut]
            try:
                text, unsure = fut.result()
            except Exception as exc:  # an OCR failure is a document with no text
                text = unsure = ""
                print(f"  OCR failed on {stem}: {exc}", file=sys.stderr)
            (corpus / f"{stem}.{args.ocr}.unsure.txt").write_text(unsure, "utf-8")
            (corpus / f"{stem}.{args.ocr}.txt").write_text(text, "utf-8")
            if k % 10 == 0:
                print(f"  OCR {k}/{len(todo)} ({time.perf_counter() - t0:.0f} s)", flush=True)
    t_ocr = time.perf_counter() - t0
    for m, r, stem in images:
        raw = (corpus / f"{stem}.{args.ocr}.txt").read_text("utf-8")
        texts[m][r["id"]] = steps.corrected_ocr_text(raw, None)
        unsure = (corpus / f"{stem}.{args.ocr}.unsure.txt").read_text("utf-8")
        texts["unsure"][stem] = unsure.split("\n") if unsure else []

    t0 = time.perf_counter()
    first = ["born", "word"] if args.word else ["born"]
    first += ["long"] if args.long else []
    rows = score(records, texts, lambda rec: [*first, *(m for m in wanted if drawn(m, rec))])
    t_parse = time.perf_counter() - t0
    by = defaultdict(list)
    dpi = {r["id"]: r["scan"]["dpi"] for r in scanned}
    colour = {r["id"]: r["received"]["colour"] for r in scanned if "received" in r}
    for row in rows:
        if row["medium"] == "scan":
            by[f"scan {dpi[row['id']]} dpi"].append(row)
            by["scan (all)"].append(row)
        elif row["medium"] == "longscan":
            by["scan, past page 1"].append(row)
        elif row["medium"] == "received":
            by["as received (all)"].append(row)
            by[f"as received, {'colour' if colour[row['id']] else 'grey'}"].append(row)
        elif row["medium"] == "bw":
            by["as received, black and white"].append(row)
        else:
            by[MEDIA[row["medium"]]].append(row)
    media = [
        m
        for m in (*MEDIA.values(), "scan 200 dpi", "scan 300 dpi", "scan (all)",
                  "scan, past page 1", "as received, colour", "as received, grey",
                  "as received (all)", "as received, black and white")
        if by[m]
    ]  # fmt: skip
    sums = {m: summary(by[m]) for m in media}

    out = []
    say = out.append
    say(f"Issue 10 header bench — {args.part} part, {len(records)} born-digital documents, "
        f"{len(scanned)} scans ({sum(1 for r in scanned if r['scan']['dpi'] == 200)} at 200 dpi), "
        f"{len({r['family'] for r in records})} layout families; OCR: {args.ocr}; "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")  # fmt: skip
    say("")
    say("| field | " + " | ".join(media) + " |")
    say("|---|" + "---|" * len(media))
    for f in TRUTH_FIELDS:
        say(
            f"| {f} | " + " | ".join(f"{100 * sums[m]['per_field'][f]:.1f} %" for m in media) + " |"
        )
    for label, key in (("**all fields**", "fields_right"), ("documents with every field right", "docs_all_right"),
                       ("confident (≥ 0.9) but wrong, share of fields", "confident_wrong"),
                       ("confident fields that are right", "confident_right_share"),
                       ("documents sent to review", "review")):  # fmt: skip
        say(f"| {label} | " + " | ".join(f"{100 * sums[m][key]:.1f} %" for m in media) + " |")
    say("")
    say("Calibration (every field of every document; confidence bucket → share right):")
    say("")
    say("| confidence | " + " | ".join(f"{m}: n, right" for m in media) + " |")
    say("|---|" + "---|" * len(media))
    for lo, hi, label in BUCKETS:
        cells = []
        for m in media:
            vals = [
                v[0] for r in by[m] for v in r["fields"].values()
                if (v[1] <= 0 if hi == 0 else lo <= v[1] < hi and v[1] > 0)
            ]  # fmt: skip
            cells.append(f"{len(vals)}, {pct(sum(vals), len(vals))}")
        say(f"| {label} | " + " | ".join(cells) + " |")
    say("")
    say(
        "Calibration per field (confident ≥ 0.9: n, share right | below 0.9 or absent: n, share right):"
    )
    say("")
    say("| field | " + " | ".join(media) + " |")
    say("|---|" + "---|" * len(media))
    for f in TRUTH_FIELDS:
        cells = []
        for m in media:
            hi = [r["fields"][f][0] for r in by[m] if r["fields"][f][1] >= 0.9]
            lo = [r["fields"][f][0] for r in by[m] if r["fields"][f][1] < 0.9]
            cells.append(
                f"{len(hi)}, {pct(sum(hi), len(hi))} \\| {len(lo)}, {pct(sum(lo), len(lo))}"
            )
        say(f"| {f} | " + " | ".join(cells) + " |")
    say("")
    say("Per layout family (fields right; born-digital, and scans where drawn):")
    say("")
    say("| family | docs | born | born via Word | born, past page 1 | scans | scan | "
        "scan, past page 1 | as received |")  # fmt: skip
    say("|---|---|---|---|---|---|---|---|---|")
    fam = defaultdict(lambda: {m: [] for m in (*MEDIA, *SCANNED)})
    for row in rows:
        fam[row["family"]][row["medium"]].append(row)

    def right(rows_) -> str:
        return f"{100 * summary(rows_)['fields_right']:.1f} %" if rows_ else "—"

    for name in sorted(fam):
        f_ = fam[name]
        say(f"| {name} | {len(f_['born'])} | {right(f_['born'])} | {right(f_['word'])} | "
            f"{right(f_['long'])} | "
            f"{len(f_['scan'])} | {right(f_['scan'])} | {right(f_['longscan'])} | "
            f"{right(f_['received'])} |")  # fmt: skip
    say("")
    for m in media:
        reasons: dict[str, int] = defaultdict(int)
        for row in by[m]:
            for lab in row["low"]:
                reasons[lab.split(" (")[0]] += 1  # "label (why)"
        say(
            f"Review asked for ({m}, documents per field): "
            + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1]))
        )
    say(f"Times: corpus {t_build:.0f} s, PDF text {1000 * t_pdf / max(len(records), 1):.1f} ms/doc, "
        f"Word documents printed and read {t_word:.0f} s, "
        f"OCR {t_ocr:.0f} s for {len(todo)} scans now ({args.jobs} processes), parse {1000 * t_parse / max(len(rows), 1):.1f} ms/doc")  # fmt: skip
    print("\n".join(out))
    if args.errors:
        shown = 0
        for row in rows:
            rec = next(r for r in records if r["id"] == row["id"])
            for f, (ok, c, v) in row["fields"].items():
                if not ok and shown < args.errors:
                    print(f"  [{row['medium']}] {row['id']} {f}: {rec[f]!r} ≠ {v!r} ({c:.2f})")
                    shown += 1
    if args.json:
        args.json.write_text(
            json.dumps({"summary": sums, "rows": rows}, ensure_ascii=False, indent=1, default=str)
        )
    if args.corpus is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
