"""Extraction benchmark: per-field accuracy of the header parser on born-digital
PDFs, DOCX and 200-dpi scans, and the character error rate of OCR before and
after the Vietnamese tone-mark correction.

    .venv/bin/python -m bench.extraction            # quick: 60 documents
    .venv/bin/python -m bench.extraction --docs 300 # the issue's size

Text comes out the way capture takes it (``capture.steps.pdf_text`` and
``docx_text``; Tesseract ``vie`` with ``OMP_THREAD_LIMIT=1``, two processes,
for scans); rules come from a fresh database with the default profiles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FIELDS = (
    "issuer_parent issuer motto code_number code_notation type_name place issued_date "
    "subject secrecy urgency signer_position signer_full_name cited"
).split()


def levenshtein(a: str, b: str) -> int:
    """Edit distance (Myers/Hyyrö bit-parallel; Python integers hold the bit vectors)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    m = len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & full) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score


def _flat(text: str) -> str:
    return " ".join(text.split())


def ocr_tesseract(path: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "vie", "--dpi", "200"],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    return proc.stdout


def ocr_ocrmypdf(path: Path) -> str:
    from luutru.capture.ocr import run_ocr

    return run_ocr(path.read_bytes(), "jpeg").text


def compare(field: str, label, value) -> bool:
    if field == "issued_date":
        return (value.isoformat() if value else None) == label
    if field == "cited":
        return list(value or []) == list(label or [])
    if field in ("secrecy", "urgency"):
        return int(value or 0) == int(label or 0)
    return _flat(str(value or "")) == _flat(str(label or ""))


def setup_django(data: Path) -> None:
    os.environ["LUUTRU_DATA"] = str(data)
    os.environ.pop("DATABASE_URL", None)  # the rules are read from a fresh SQLite database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction benchmark (issue 3)")
    ap.add_argument("--docs", type=int, default=60, help="documents per medium (issue: 300)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="OCR processes")
    ap.add_argument(
        "--corpus", type=Path, help="keep the corpus here (default: a temporary folder)"
    )
    ap.add_argument("--ocr", choices=("tesseract", "ocrmypdf"), default="tesseract")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong fields per medium")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument(
        "--fresh-ocr", action="store_true", help="OCR again even when a kept corpus has the text"
    )
    args = ap.parse_args(argv)

    if shutil.which("tesseract") is None:
        print(
            "Tesseract không có trên máy: cài tesseract-ocr và tesseract-ocr-vie.", file=sys.stderr
        )
        return 2
    work = Path(tempfile.mkdtemp(prefix="luutru-bench-extraction-"))
    corpus_dir = args.corpus or work / "corpus"
    setup_django(work / "data")

    from bench.extraction.corpus import build

    from luutru.capture import steps
    from luutru.capture.header import HeaderVocabulary, parse_header
    from luutru.capture.vietnamese import correct_ocr_text, fold, strip_tones
    from luutru.rules.models import RuleProfile

    t0 = time.perf_counter()
    manifest = corpus_dir / "manifest.json"
    wanted = {"docs": args.docs, "seed": args.seed}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        # The corpus is a pure function of (docs, seed): a kept one is reused.
        label_paths = [corpus_dir / f"vb{i:04d}.json" for i in range(1, args.docs + 1)]
    else:
        label_paths = build(corpus_dir, args.docs, args.seed)
        manifest.write_text(json.dumps(wanted))
    t_build = time.perf_counter() - t0
    labels = [json.loads(p.read_text("utf-8")) for p in label_paths]
    vocabulary = sorted(
        {
            phrase
            for profile in RuleProfile.objects.all()
            for phrase in HeaderVocabulary.from_profile(profile, org_names=False).phrases()
        }
    )

    texts: dict[str, dict[str, str]] = {m: {} for m in ("pdf", "docx", "scan", "scan+fix")}
    timing: dict[str, float] = {}
    t0 = time.perf_counter()
    for lab in labels:
        texts["pdf"][lab["id"]] = steps.pdf_text(
            (corpus_dir / f"{lab['id']}.pdf").read_bytes()
        ).text
    timing["pdf"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for lab in labels:
        data = (corpus_dir / f"{lab['id']}.docx").read_bytes()
        texts["docx"][lab["id"]] = steps.docx_text(data).text
    timing["docx"] = time.perf_counter() - t0
    ocr = ocr_tesseract if args.ocr == "tesseract" else ocr_ocrmypdf
    # OCR text is kept beside a kept corpus, so the parser can be measured again
    # without running Tesseract again (--fresh-ocr to redo it).
    todo = []
    for lab in labels:
        cached = corpus_dir / f"{lab['id']}.{args.ocr}.txt"
        if args.corpus and cached.exists() and not args.fresh_ocr:
            texts["scan"][lab["id"]] = cached.read_text("utf-8")
        else:
            todo.append(lab)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        for lab, text in zip(
            todo, pool.map(ocr, [corpus_dir / f"{lab['id']}.jpg" for lab in todo]), strict=True
        ):
            texts["scan"][lab["id"]] = text
            if args.corpus:
                (corpus_dir / f"{lab['id']}.{args.ocr}.txt").write_text(text, "utf-8")
    timing["scan"] = time.perf_counter() - t0
    ocr_pages = len(todo)
    t0 = time.perf_counter()
    for lab in labels:
        texts["scan+fix"][lab["id"]] = correct_ocr_text(texts["scan"][lab["id"]], vocabulary)
    timing["scan+fix"] = time.perf_counter() - t0

    # Field accuracy per medium.
    results: dict[str, dict] = {}
    for medium, by_id in texts.items():
        right = dict.fromkeys(FIELDS, 0)
        errors: list[str] = []
        review = confident_wrong = 0
        triggers: dict[str, int] = {}
        t0 = time.perf_counter()
        for lab in labels:
            parsed = parse_header(by_id[lab["id"]])
            review += parsed.needs_review()
            for key in parsed.uncertain():
                triggers[key] = triggers.get(key, 0) + 1
            for f in FIELDS:
                value = parsed.value(f)
                ok = compare(f, lab[f], value)
                right[f] += ok
                if not ok:
                    confident_wrong += parsed.confidence(f) >= 0.9
                    errors.append(
                        f"{lab['id']} {f}: {lab[f]!r} ≠ {value!r} ({parsed.confidence(f):.2f})"
                    )
        t_parse = time.perf_counter() - t0
        n = len(labels)
        results[medium] = {
            "fields": {f: right[f] / n for f in FIELDS},
            "all": sum(right.values()) / (n * len(FIELDS)),
            "documents_all_right": None,
            "needs_review": review / n,
            "confident_wrong": confident_wrong,
            "parse_ms": 1000 * t_parse / n,
            "review_fields": sorted(triggers.items(), key=lambda kv: -kv[1]),
            "errors": errors,
        }

    # OCR character error rate against what was drawn.
    cer = {"scan": [0, 0, 0, 0], "scan+fix": [0, 0, 0, 0]}
    for lab in labels:
        ref = _flat(lab["reference_text"])
        for medium in cer:
            hyp = _flat(texts[medium][lab["id"]])
            cer[medium][0] += levenshtein(ref, hyp)
            cer[medium][1] += levenshtein(strip_tones(ref), strip_tones(hyp))
            cer[medium][2] += levenshtein(fold(ref), fold(hyp))
            cer[medium][3] += len(ref)

    n = len(labels)
    print(f"\nExtraction benchmark — {n} documents per medium, seed {args.seed}, "
          f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores")  # fmt: skip
    print(f"corpus built in {t_build:.1f} s: {n} PDF + {n} DOCX + {n} scans (200 dpi JPEG)\n")
    media = ("pdf", "docx", "scan", "scan+fix")
    names = {
        "pdf": "PDF",
        "docx": "DOCX",
        "scan": "scan (OCR)",
        "scan+fix": "scan + fix",
    }
    print(f"{'field':<18}" + "".join(f"{names[m]:>13}" for m in media))
    for f in FIELDS:
        print(f"{f:<18}" + "".join(f"{100 * results[m]['fields'][f]:>12.1f}%" for m in media))
    print(f"{'all fields':<18}" + "".join(f"{100 * results[m]['all']:>12.1f}%" for m in media))
    print(
        f"{'needs review':<18}"
        + "".join(f"{100 * results[m]['needs_review']:>12.1f}%" for m in media)
    )
    print(
        f"{'wrong, conf ≥0.9':<18}" + "".join(f"{results[m]['confident_wrong']:>13}" for m in media)
    )
    print(f"{'parse ms/doc':<18}" + "".join(f"{results[m]['parse_ms']:>13.1f}" for m in media))
    for m in media:
        top = ", ".join(f"{k} {v}" for k, v in results[m]["review_fields"][:6])
        print(f"  review asked for ({names[m]}): {top or '—'}")
    print()
    print(
        f"{'OCR text vs drawn text':<34}{'CER':>8}{'CER w/o tone':>14}{'CER folded':>12}{'tone share':>12}"
    )
    for medium in cer:
        e, et, ef, total = cer[medium]
        share = (e - et) / e if e else 0.0
        print(
            f"{names[medium]:<34}{100 * e / total:>7.2f}%{100 * et / total:>13.2f}%"
            f"{100 * ef / total:>11.2f}%{100 * share:>11.1f}%"
        )
    print()
    print(f"text extraction: PDF {1000 * timing['pdf'] / n:.1f} ms/doc, DOCX {1000 * timing['docx'] / n:.1f} ms/doc, "
          f"OCR {timing['scan'] / max(ocr_pages, 1):.2f} s/page wall with {args.jobs} processes ({ocr_pages} pages OCR'd now), "
          f"correction {1000 * timing['scan+fix'] / n:.1f} ms/doc")  # fmt: skip
    for medium in media:
        for line in results[medium]["errors"][: args.errors]:
            print(f"  [{names[medium]}] {line}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"results": results, "cer": cer, "timing": timing},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
    if args.corpus is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main())
