"""Issue 10: headers typed from real published documents, laid out as offices print
them, and read the way ``luutru import`` reads them.

    .venv/bin/python -m bench.extraction.real TEXTS.jsonl [...] --corpus DIR [--errors 40]

The layout bench (``bench.extraction.layouts``) draws every subject, name and body from
word lists this project wrote. Here the words are a real document's: what its header
says, typed from its published text, one JSON object a line:

    {"source": URL, "file": the office's own file, if kept (optional),
     "kind": "party|state|front|youth|women|farmers|veterans|union",
     "parent": "ĐẢNG BỘ TỈNH …", "issuer": "HUYỆN ỦY …" ("\\n" where printed on two lines),
     "motto": "" (or the right-hand lines as printed), "number": "Số 45-BC/HU",
     "date": "2020-03-05", "date_line": "…, ngày 05 tháng 3 năm 2020",
     "type": "BÁO CÁO" ("" for a letter), "subject": "…", "subject_lines": […],
     "signer_roles": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], "signer": "…",
     "secrecy": "", "urgency": ""}

**The texts stay out of the repository** (issue 10: the real set "is not in the
repository and will not be"); only this reader is kept. What a record leaves empty
is drawn from the layout bench's word lists so that the page is whole, and is not
scored. Each document is drawn born-digital (``ID.pdf``), made in Word and printed by
LibreOffice (``--word``), and scanned at 200 dpi (``ID.jpg``). A record naming the
office's own file (``file``, kept outside the repository too) is also scored on that
file as it came: its text layer, or OCR where it is a scan (``file, text`` and ``file,
scanned``: real paper, real scanners).

Records are parted in two by their source (``part``): ``open`` may be looked at
while the parser is mended, ``held`` is only counted. Report on ``held``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.extraction.layouts import TRUTH_FIELDS
from bench.extraction.layouts import vocab as V
from bench.extraction.layouts.families import Doc, person, wrap_words

# Type lines as printed → the type's name (longest first: "THÔNG TƯ LIÊN TỊCH").
TYPES = sorted(
    (
        "Luật|Pháp lệnh|Nghị định|Nghị quyết|Nghị quyết liên tịch|Thông tư|Thông tư liên tịch|"
        "Quyết định|Chỉ thị|Kết luận|Quy định|Quy chế|Hướng dẫn|Thông báo|Thông tri|Báo cáo|"
        "Kế hoạch|Chương trình|Tờ trình|Biên bản|Đề án|Phương án|Công điện|Công văn|Lời kêu gọi|"
        "Giấy mời|Điều lệ|Thư|Dự án|Đề cương|Quy hoạch|Giấy giới thiệu|Lời hiệu triệu"
    ).split("|"),
    key=len,
    reverse=True,
)
FOOT_TYPES = ("Luật", "Pháp lệnh")
# Types whose text opens on who issues them and on what grounds.
GROUNDED = ("Quyết định", "Nghị quyết")
GROUNDS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
    "Theo đề nghị của Chánh Văn phòng,",
]  # a passing date at the foot, no place or date line


def part(rec: dict) -> str:
    """``open`` or ``held``, half and half, by the record's source."""
    key = rec.get("source") or json.dumps(rec, ensure_ascii=False, sort_keys=True)
    return "open" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "held"


def type_name(type_line: str) -> str:
    up = " ".join(type_line.split()).upper()
    for t in TYPES:
        if up == t.upper() or up.startswith(t.upper() + " "):
            return t
    return type_line.strip().capitalize()


def _lines(text: str) -> list[str]:
    return [x.strip() for x in (text or "").split("\n") if x.strip()]


def _one(text: str) -> str:
    return " ".join((text or "").split())


def symbol(number_line: str) -> str:
    """``Số: 30/2020/NĐ-CP`` → ``30/2020/NĐ-CP``; ``Luật số: 01/2011/QH13`` likewise."""
    return re.sub(r"^.*?\b[Ss]ố\s*:?\s*", "", _one(number_line), count=1)


def _roles(kind: str, issuer: list[str]) -> list[str]:
    """The lines a body of this kind prints above its head's name."""
    if kind == "party":
        return ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    if kind == "state":
        name = " ".join(issuer).upper()
        if "ỦY BAN NHÂN DÂN" in name or "UBND" in name:
            return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        return ["GIÁM ĐỐC"] if name.startswith("SỞ") else ["THỦ TRƯỞNG"]
    return ["TM. BAN THƯỜNG VỤ", "BÍ THƯ" if kind == "youth" else "CHỦ TỊCH"]


def doc_of(rec: dict, ident: str) -> tuple[Doc, dict, set[str]]:
    """The record as a document to draw, its truth, and the fields it may be scored on."""
    rng = random.Random(ident)
    kind = rec.get("kind") or "state"
    issuer, parent = _lines(rec.get("issuer", "")), _lines(rec.get("parent", ""))
    type_line = _one(rec.get("type", ""))
    subject = _one(rec.get("subject", ""))
    tname = type_name(type_line) if type_line else "Công văn"
    doc = Doc(family=f"real-{kind}-{tname}", id=ident, seed=0, index=0, org_kind=kind)
    doc.left = [(x, "R", 12.5) for x in parent] + [(x, "B", 12.5) for x in issuer]
    motto = _lines(rec.get("motto", ""))
    if not motto:
        motto = {"party": [V.PARTY_MOTTO], "farmers": [V.PARTY_MOTTO],
                 "youth": ["ĐOÀN TNCS HỒ CHÍ MINH"]}.get(kind, list(V.STATE_MOTTO))  # fmt: skip
    doc.right = [(x, "B", 13.5 if k == len(motto) - 1 else 12.5) for k, x in enumerate(motto)]
    doc.left_mark = {"party": "*", "farmers": "*", "youth": "***"}.get(kind, "rule")
    doc.number_line = _one(rec.get("number", ""))
    scored = {"issuer", "issuer_parent", "secrecy", "urgency"} if issuer else {"secrecy", "urgency"}
    if re.search(r"\d", doc.number_line):  # a copy published with its number left blank is not
        scored.add("number_symbol")
    try:
        d = dt.date.fromisoformat(rec.get("date") or "")
    except ValueError:
        d = None
    place = _one(rec.get("place", ""))
    if tname in FOOT_TYPES:
        when = d or dt.date(2020, 6, 1)
        body = "Quốc hội" if tname == "Luật" else "Ủy ban Thường vụ Quốc hội"
        doc.foot_line = (
            f"{tname} này đã được {body} nước Cộng hòa xã hội chủ nghĩa Việt Nam thông qua "
            f"ngày {when.day} tháng {when.month} năm {when.year}."
        )
        place = ""
        if d:
            scored |= {"date", "place"}
    elif d and rec.get("date_line"):
        doc.date_line = _one(rec["date_line"])
        # The place is what the date line prints before the day ("Quảng Trị, ngày …").
        place = place or re.split(r",?\s*ngày\b", doc.date_line, maxsplit=1)[0].strip(" ,")
        scored |= {"date", "place"}
    else:
        d = d or dt.date(2020, 6, 1)
        place = place or "Hà Nội"
        doc.date_line = f"{place}, ngày {d.day:02d} tháng {d.month} năm {d.year}"
    title = ""
    if subject:
        scored |= {"title", "doc_type"}
    if not type_line:  # a letter: its subject under the number, after "V/v"
        title = "V/v " + (subject or "triển khai nhiệm vụ")
        doc.vv_lines = wrap_words(title, max(1, round(len(title) / 42)))
        doc.salutation = "Kính gửi: " + rng.choice(V.RECIPIENTS).rstrip(",;")
    else:
        lines = [_one(x) for x in rec.get("subject_lines") or [] if _one(x)]
        if not lines and subject:
            lines = wrap_words(subject, max(1, round(len(subject) / 60)))
        title = " ".join(lines)
        # "QUY CHẾ LÀM VIỆC" / "CỦA …": the words after the type's name open the trích
        # yếu ("KẾT LUẬN CỦA BỘ CHÍNH TRỊ", "QUY ĐỊNH (BỔ SUNG)" name the type's body, or qualify it).
        more = type_line.split()[len(tname.split()) :]
        if more and more[0] not in ("CỦA", "(") and not more[0].startswith("("):
            title = " ".join([*more, title])
        doc.center = [(type_line, "B", 15)] + [
            (x, "B", 14 if len(lines) < 4 else 13) for x in lines
        ]
        doc.center_rule = "-----" if kind in ("party", "youth", "farmers") else "rule"
    secrecy, urgency = _one(rec.get("secrecy", "")).upper(), _one(rec.get("urgency", "")).upper()
    doc.stamps = [s for s in (secrecy, urgency) if s]
    doc.body = rng.sample(V.BODY, k=3)
    if tname in GROUNDED and issuer:
        # NĐ 30/2020 Appendix I: under the rule, who issues it ("THẨM QUYỀN BAN HÀNH"), a
        # council with its session; then the grounds and "QUYẾT ĐỊNH:" (a Party body puts
        # its name in that last line, 36-HD/VPTW).
        name = " ".join(issuer).upper()
        if kind == "party":
            if tname == "Quyết định":
                last = issuer[-1].split()
                who = f"BAN THƯỜNG VỤ {last[0]} {last[1]}" if last[1:2] == ["ỦY"] else name
                doc.body = [f"- {g}" for g in GROUNDS] + [f"{who} {type_line}", *doc.body]
        else:
            lines = [f"CHỦ TỊCH {name}" if tname == "Quyết định" and "ỦY BAN" in name else name]
            if name.startswith("HỘI ĐỒNG NHÂN DÂN"):
                lines.append(
                    f"KHÓA {rng.choice(['XV', 'XVI', 'XVII'])}, KỲ HỌP THỨ {rng.randint(2, 20)}"
                )
            doc.authority = lines
            doc.body = [*GROUNDS, f"{type_line}:", *doc.body]
    name = _one(rec.get("signer", ""))
    if name:
        scored.add("signer")
    # A page that left out the lines above the name had them on paper: the kind's own.
    roles = [_one(x) for x in rec.get("signer_roles") or [] if _one(x)] or _roles(kind, issuer)
    doc.signers = [
        {
            "roles": roles,
            "name": name or person(rng),
            "note": rng.choice(["", "(Đã ký)", "scribble"]),
        }
    ]
    state = doc.left_mark == "rule"
    doc.recipients = ["Nơi nhận:", "- Như trên;" if state else "- Như trên,",
                      "- Lưu: VT." if state else "- Lưu Văn phòng."]  # fmt: skip
    doc.truth = {
        "number_symbol": symbol(doc.number_line),
        "doc_type": tname,
        "issuer": " ".join(issuer),
        "issuer_parent": " ".join(parent),
        "place": place,
        "date": d.isoformat() if d else "",
        "title": title,
        "signer": name,
        "secrecy": V.SECRECY_WORDS.get(secrecy, secrecy.capitalize()),
        "urgency": V.URGENCY_WORDS.get(urgency, urgency.capitalize()),
    }
    return doc, doc.truth, scored


def build(texts: list[Path], out: Path, word: bool) -> list[dict]:
    from bench.extraction.layouts.render import render_pdf, render_scan, render_word

    out.mkdir(parents=True, exist_ok=True)
    records, seen = [], set()
    for path in texts:
        for k, line in enumerate(path.read_text("utf-8").splitlines()):
            if not line.strip():
                continue
            rec = json.loads(line)
            key = (_one(rec.get("number", "")), _one(rec.get("issuer", "")))
            if key in seen:
                continue
            seen.add(key)
            # Named by what it says, so that a drawn page kept in the corpus is its own.
            ident = f"{path.stem}-{k:03d}-{hashlib.sha256(line.encode()).hexdigest()[:6]}"
            doc, truth, scored = doc_of(rec, ident)
            if not (out / f"{ident}.pdf").exists():
                pdf = render_pdf(doc, random.Random(f"pdf/{ident}"))
                (out / f"{ident}.pdf").write_bytes(pdf)
                image, _ = render_scan(pdf, random.Random(f"scan/{ident}"), 200)
                (out / f"{ident}.jpg").write_bytes(image)
                if word:
                    (out / f"{ident}.docx").write_bytes(
                        render_word(doc, random.Random(f"word/{ident}"))
                    )
            records.append({"id": ident, "family": doc.family, "org_kind": doc.org_kind,
                            "part": part(rec), "scored": sorted(scored), "source": rec.get("source"),
                            "file": rec.get("file") or "", **truth})  # fmt: skip
    return records


def read_file(path: Path, cache: Path) -> dict:
    """The office's own file read the way ``luutru import`` reads it: its text layer
    (a Word file through LibreOffice), or OCR where it is a scan (every page capture
    reads, tone marks restored, the words Tesseract doubts); kept in ``cache``."""
    if cache.exists():
        return json.loads(cache.read_text("utf-8"))
    from luutru.capture import formats, steps
    from luutru.capture.models import TextMethod

    data, kind = path.read_bytes(), path.suffix.lower().lstrip(".")
    kind = {"jpg": "jpeg"}.get(kind, kind)
    fmt, extracted = formats.read(kind, data)
    method = formats.method_of(fmt, extracted)
    got = {"text": extracted.text, "ocr": False, "unsure": [], "method": str(method)}
    if method == TextMethod.NEEDS_OCR:
        found = formats.recognise(kind, data, pages=extracted.pages, org=None)
        got.update(text=found.text, ocr=True, unsure=found.unsure)
    elif method == TextMethod.OCR:  # another program's OCR layer over the scan
        got.update(text=steps.corrected_ocr_text(extracted.text, None), ocr=True)
    cache.write_text(json.dumps(got, ensure_ascii=False), "utf-8")
    return got


def main(argv=None) -> int:
    from bench.extraction.layouts import run

    ap = argparse.ArgumentParser(description="Issue 10: headers of real documents")
    ap.add_argument("texts", type=Path, nargs="+", help="JSON lines, one document's header each")
    ap.add_argument("--corpus", type=Path, help="keep the drawn pages (and OCR text) here")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong fields")
    ap.add_argument(
        "--show", choices=("open", "held"), default="open",
        help="whose errors to print: the open part (the default), or the held part once it "
        "has been reported and is looked at from then on",
    )  # fmt: skip
    ap.add_argument(
        "--unseen", action="store_true",
        help="the whole set is held apart (a set gathered after the parser's work, never looked at)",
    )  # fmt: skip
    ap.add_argument("--media", nargs="*", help="print the errors of these media only")
    ap.add_argument(
        "--low", action="store_true", help="print why each open document went to review"
    )
    ap.add_argument("--no-word", dest="word", action="store_false")
    ap.add_argument("--no-scan", dest="scan", action="store_false")
    ap.add_argument(
        "--no-file", dest="file", action="store_false",
        help="leave out the office's own files that records name (\"file\")",
    )  # fmt: skip
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="luutru-bench-real-"))
    corpus = args.corpus or work / "corpus"
    run.setup_django(work / "data")
    from luutru.capture import steps

    records = build(args.texts, corpus, args.word)
    if args.unseen:
        for rec in records:
            rec["part"] = "held"
    texts: dict[str, dict] = defaultdict(dict)
    for rec in records:
        texts["born"][rec["id"]] = steps.pdf_text((corpus / f"{rec['id']}.pdf").read_bytes()).text
    media = ["born"]
    if args.word:
        from bench.extraction.layouts.render import print_word

        printed = corpus / "word"
        print_word([corpus / f"{r['id']}.docx" for r in records], printed)
        for rec in records:
            pdf = printed / f"{rec['id']}.pdf"
            texts["word"][rec["id"]] = steps.pdf_text(pdf.read_bytes()).text if pdf.exists() else ""
        media.append("word")
    if args.scan:
        todo = [r["id"] for r in records if not (corpus / f"{r['id']}.import.txt").exists()]
        with ProcessPoolExecutor(args.jobs) as pool:
            got = pool.map(run._ocr_import, [str(corpus / f"{i}.jpg") for i in todo])
            for ident, (text, unsure) in zip(todo, got, strict=True):
                (corpus / f"{ident}.import.unsure.txt").write_text(unsure, "utf-8")
                (corpus / f"{ident}.import.txt").write_text(text, "utf-8")
        for rec in records:
            raw = (corpus / f"{rec['id']}.import.txt").read_text("utf-8")
            texts["scan"][rec["id"]] = steps.corrected_ocr_text(raw, None)
            unsure = (corpus / f"{rec['id']}.import.unsure.txt").read_text("utf-8")
            texts["unsure"][rec["id"]] = unsure.split("\n") if unsure else []
        media.append("scan")
    # A record naming the office's own file (kept outside the repository, as the texts
    # are): that file too, as it came ("file": its text layer, or OCR where it is a scan).
    files = [r for r in records if r["file"]]
    if files and args.file:
        with ProcessPoolExecutor(args.jobs) as pool:
            got = pool.map(read_file, [Path(r["file"]) for r in files],
                           [corpus / f"{r['id']}.file.json" for r in files])  # fmt: skip
            for rec, reading in zip(files, got, strict=True):
                texts["file"][rec["id"]] = reading
        media.append("file")

    rows = []
    for rec in records:
        for m in media:
            if m == "file":
                if rec["id"] not in texts["file"]:
                    continue
                reading = texts["file"][rec["id"]]
                text, ocr, unsure = reading["text"], reading["ocr"], reading["unsure"]
                m = "file, scanned" if ocr else "file, text"
            else:
                text, ocr = texts[m][rec["id"]], m == "scan"
                unsure = texts["unsure"].get(rec["id"], []) if ocr else []
            fields, metadata, low = run.parse(text, ocr, unsure)
            got = run.predicted(fields, metadata)
            res = {
                f: (run.same(f, rec[f], got[f][0]), got[f][1], got[f][0])
                for f in TRUTH_FIELDS
                if f in rec["scored"]
            }
            rows.append({"rec": rec, "medium": m, "fields": res, "review": bool(low), "low": low})

    def cell(rows_, f) -> str:
        vals = [r["fields"][f][0] for r in rows_ if f in r["fields"]]
        return f"{run.pct(sum(vals), len(vals))} ({len(vals)})" if vals else "—"

    media = [m for m in media if m != "file"]
    media += [m for m in ("file, text", "file, scanned") if any(r["medium"] == m for r in rows)]
    cols = [(p, m) for p in ("held", "open") for m in media]
    by = {(p, m): [r for r in rows if r["rec"]["part"] == p and r["medium"] == m] for p, m in cols}
    print(f"Issue 10 — headers of real documents: {len(records)} "
          f"({sum(r['part'] == 'held' for r in records)} held, "
          f"{sum(r['part'] == 'open' for r in records)} open); "
          f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC\n")  # fmt: skip
    print("| field | " + " | ".join(f"{p}: {m}" for p, m in cols) + " |")
    print("|---|" + "---|" * len(cols))
    for f in TRUTH_FIELDS:
        print(f"| {f} | " + " | ".join(cell(by[c], f) for c in cols) + " |")

    def share(rows_, test) -> str:
        return run.pct(sum(1 for r in rows_ if test(r)), len(rows_))

    def fields_right(rows_) -> str:
        vals = [v[0] for r in rows_ for v in r["fields"].values()]
        return run.pct(sum(vals), len(vals))

    def confident_wrong(rows_) -> str:
        vals = [v[1] >= 0.9 and not v[0] for r in rows_ for v in r["fields"].values()]
        return run.pct(sum(vals), len(vals))

    for label, fn in (
        ("**all fields**", fields_right),
        ("documents with every field right",
         lambda rs: share(rs, lambda r: all(v[0] for v in r["fields"].values()))),
        ("confident (≥ 0.9) but wrong, share of fields", confident_wrong),
        ("documents sent to review", lambda rs: share(rs, lambda r: r["review"])),
    ):  # fmt: skip
        print(f"| {label} | " + " | ".join(fn(by[c]) for c in cols) + " |")
    print()
    kinds = sorted({r["rec"]["org_kind"] for r in rows})
    print("Per kind, held part (fields right): " + "; ".join(
        f"{k}: " + ", ".join(f"{m} {fields_right([r for r in by[('held', m)] if r['rec']['org_kind'] == k])}"
                             for m in media) for k in kinds))  # fmt: skip
    for c in cols:
        reasons: dict[str, int] = defaultdict(int)
        for r in by[c]:
            for lab in r["low"]:
                reasons[lab.split(" (")[0]] += 1  # "label (why)"
        print(f"Review asked for ({c[0]}: {c[1]}, documents per field): "
              + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])))  # fmt: skip
    shown = 0
    for r in rows:
        if r["rec"]["part"] != args.show:
            continue
        for f, (ok, c, v) in r["fields"].items():
            if not ok and shown < args.errors and (args.media is None or r["medium"] in args.media):
                print(f"  [{r['medium']}] {r['rec']['id']} {f}: {r['rec'][f]!r} ≠ {v!r} ({c:.2f})")
                shown += 1
    if args.low:
        for r in rows:
            if (
                r["rec"]["part"] == args.show
                and r["low"]
                and (args.media is None or r["medium"] in args.media)
            ):
                print(f"  [{r['medium']}] {r['rec']['id']}: {r['low']}")
    if args.corpus is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
