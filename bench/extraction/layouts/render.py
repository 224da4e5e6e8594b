"""Draw a ``Doc`` as a born-digital PDF (reportlab) and as an office scan."""

from __future__ import annotations

import io
import random
from pathlib import Path

from bench.extraction.layouts.families import Doc

FONT_SETS = {
    "liberation-serif": ("/usr/share/fonts/truetype/liberation2", "LiberationSerif", {
        "R": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}),
    "dejavu-serif": ("/usr/share/fonts/truetype/dejavu", "DejaVuSerif", {
        "R": "", "B": "-Bold", "I": "-Italic", "BI": "-BoldItalic"}),
    "liberation-sans": ("/usr/share/fonts/truetype/liberation2", "LiberationSans", {
        "R": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}),
}  # fmt: skip


VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơưẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


def _font_file(family: str, key: str) -> str:
    folder, stem, parts = FONT_SETS[family]
    part = parts[key]
    if family.startswith("liberation"):
        return f"{folder}/{stem}-{part}.ttf"
    return f"{folder}/{stem}{part}.ttf"


def _register(family: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key in ("R", "B", "I", "BI"):
        name = f"L-{family}-{key}"
        if name not in pdfmetrics.getRegisteredFontNames():
            path = _font_file(family, key)
            if not Path(path).exists():  # fall back to DejaVu
                path = _font_file("dejavu-serif", key)
            font = TTFont(name, path)
            missing = [ch for ch in VIETNAMESE if ord(ch) not in font.face.charToGlyph]
            if missing:  # a glyph the font lacks would be drawn as nothing
                raise RuntimeError(f"{path} lacks {''.join(missing)}")
            pdfmetrics.registerFont(font)


def _greedy(text: str, fits) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        trial = f"{cur} {w}".strip()
        if cur and not fits(trial):
            lines.append(cur)
            cur = w
        else:
            cur = trial
    return [*lines, cur] if cur else lines


def render_pdf(doc: Doc, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    family = rng.choices(list(FONT_SETS), weights=[70, 20, 10])[0]
    _register(family)
    W, _ = A4
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("")
    jitter = rng.uniform(-6, 6)
    left_x, right_x = 160 + jitter, 410 + jitter / 2
    margin_l, margin_r = 85, W - 57

    def fname(key: str) -> str:
        return f"L-{family}-{key}"

    def width(text: str, key: str, size: float) -> float:
        return stringWidth(text, fname(key), size)

    def put(x, y, text, key="R", size=13.0, align="c", max_w=None):
        while max_w and size > 8 and width(text, key, size) > max_w:
            size -= 0.5
        c.setFont(fname(key), size)
        w = width(text, key, size)
        x0 = x - w / 2 if align == "c" else (x if align == "l" else x - w)
        c.drawString(x0, y, text)
        return w

    dy = rng.uniform(14.5, 16.5)
    y = 790 + rng.uniform(-8, 4)
    # issuer (left) and motto (right)
    yl = y
    for text, key, size in doc.left:
        put(left_x, yl, text, key, size + rng.choice([0, 0, 0.5, -0.5]), max_w=235)
        yl -= dy
    if doc.left_mark in ("*", "***", "---oOo---"):
        put(left_x, yl + 2, doc.left_mark, "R", 12)
        yl -= dy
    elif doc.left_mark == "rule":
        c.line(left_x - 35, yl + 9, left_x + 35, yl + 9)
        yl -= 6
    yr = y
    for text, key, size in doc.right:
        w = put(right_x, yr, text, key, size, max_w=300)
        yr -= dy + 1
    if doc.right_rule:
        c.line(right_x - w / 2, yr + dy - 5, right_x + w / 2, yr + dy - 5)
    y_num = min(yl, yr) - rng.uniform(4, 12)
    put(left_x, y_num, doc.number_line, "R", 13, max_w=235)
    if doc.date_line:
        put(right_x, y_num, doc.date_line, "I", 13 + rng.choice([0, 0.5, 1]), max_w=300)
    y = y_num - dy
    if doc.vv_lines:
        text = " ".join(doc.vv_lines)
        vv = _greedy(text, lambda t: width(t, "R", 12) <= 230)
        vv = doc.vv_lines if all(width(t, "R", 12) <= 230 for t in doc.vv_lines) else vv
        key = rng.choice(["R", "I"])
        for line in vv:
            put(left_x, y, line, key, 12)
            y -= dy - 1
    for mark in doc.stamps:
        y -= 6
        w = put(margin_l + 10, y, mark, "B", 13, "l")
        c.rect(margin_l + 5, y - 5, w + 10, 20)
        y -= 22
    y -= rng.uniform(14, 24)
    if doc.center:
        (type_line, key, size), *title = doc.center
        put(W / 2, y, type_line, key, size + rng.choice([0, 0, 1]), max_w=460)
        y -= dy + 3
        text = " ".join(t for t, _, _ in title)
        tsize = title[0][2] if title else 14
        lines = [t for t, _, _ in title]
        if any(width(t, "B", tsize) > 460 for t in lines):
            lines = _greedy(text, lambda t: width(t, "B", tsize) <= 460)
        for line in lines:
            put(W / 2, y, line, "B", tsize)
            y -= dy + 1
        if doc.center_rule == "-----":
            put(W / 2, y + 2, "-----", "R", 12)
            y -= dy
        elif doc.center_rule == "rule":
            c.line(W / 2 - 55, y + 9, W / 2 + 55, y + 9)
            y -= 8
    if doc.salutation:
        y -= 6
        put(W / 2, y, doc.salutation, "R", 13, max_w=440)
        y -= dy + 6
    y -= 6
    paras = list(doc.body) + ([doc.foot_line] if doc.foot_line else [])
    for para in paras:
        lines = _greedy(para, lambda t: width(t, "R", 13) <= margin_r - margin_l - 10)
        for k, line in enumerate(lines):
            put(margin_l + (28 if k == 0 else 0), y, line, "R", 13, "l")
            y -= dy
        y -= 5
    y -= 14
    # signer blocks and recipients
    two = len(doc.signers) > 1
    cols = [W * 0.3, right_x] if two else [right_x]
    y_sig = y
    if not two:
        put(margin_l - 20, y_sig, doc.recipients[0], "BI", 12, "l")
        for k, r in enumerate(doc.recipients[1:]):
            put(margin_l - 20, y_sig - 14 * (k + 1), r, "R", 11, "l")
    lowest = y_sig
    for x, s in zip(cols, doc.signers, strict=False):
        ys = y_sig
        for role in s["roles"]:
            put(x, ys, role, "B", 13, max_w=240)
            ys -= dy
        gap = rng.uniform(50, 70)
        if s["note"] == "scribble":
            c.setLineWidth(1.2)
            p = c.beginPath()
            x0 = x - 35
            p.moveTo(x0, ys - gap / 2)
            for _ in range(4):
                p.curveTo(x0 + rng.uniform(5, 20), ys - gap / 2 + rng.uniform(-15, 20),
                          x0 + rng.uniform(20, 35), ys - gap / 2 + rng.uniform(-20, 15),
                          x0 + rng.uniform(30, 45), ys - gap / 2 + rng.uniform(-8, 8))  # fmt: skip
                x0 += rng.uniform(15, 25)
            c.drawPath(p)
            c.setLineWidth(1)
        elif s["note"]:
            put(x, ys - 12, s["note"], "I", 12)
        put(x, ys - gap, s["name"], "B", 13)
        lowest = min(lowest, ys - gap)
    if two:
        yr2 = lowest - 30
        put(margin_l - 20, yr2, doc.recipients[0], "BI", 12, "l")
        for k, r in enumerate(doc.recipients[1:]):
            put(margin_l - 20, yr2 - 14 * (k + 1), r, "R", 11, "l")
    c.showPage()
    c.save()
    return buf.getvalue()


def render_scan(pdf: bytes, rng: random.Random, dpi: int) -> tuple[bytes, dict]:
    """The page as an office scan: ``dpi``, skew, paper tone, faint or bold
    strokes, noise, specks, JPEG artefacts."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

    pdf_doc = pdfium.PdfDocument(pdf)
    page = pdf_doc[0]
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    page.close()
    pdf_doc.close()
    how = {"dpi": dpi}
    stroke = rng.choices(["normal", "faint", "bold"], weights=[50, 25, 25])[0]
    how["stroke"] = stroke
    k = 3
    if stroke == "faint":  # a worn toner: lighter strokes
        lift = rng.uniform(0.3, 0.45)
        image = Image.eval(image, lambda v: int(v + (255 - v) * lift))
    elif stroke == "bold":  # a dark copy: thicker strokes
        image = image.filter(ImageFilter.MinFilter(k))
    angle = rng.uniform(-2.5, 2.5)
    how["angle"] = round(angle, 2)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=245)
    image = ImageEnhance.Contrast(image).enhance(rng.uniform(0.75, 1.0))
    blur = rng.choice([0, 0, 0.4, 0.6])
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    sigma = rng.uniform(4, 18)
    # Noise from the document's own generator, so a scan is the same on every run
    # (PIL's effect_noise draws from the C library's generator).
    gain = sigma / 73.9  # the standard deviation of uniform bytes is 255 / √12
    noise = Image.frombytes("L", image.size, rng.randbytes(image.size[0] * image.size[1]))
    noise = noise.point([max(0, min(255, round(128 + (v - 128) * gain))) for v in range(256)])
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(rng.randint(40, 500)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([1, 1, 2, 3])
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(0, 100))
    if rng.random() < 0.3:  # the dark edge of a copier lid
        edge = rng.randint(5, 25)
        draw.rectangle((0, 0, edge, h), fill=rng.randint(30, 90))
    quality = rng.randint(35, 85)
    how.update(noise=round(sigma, 1), blur=blur, jpeg_quality=quality)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue(), how


def render_word(doc: Doc, rng: random.Random) -> bytes:
    """Draw a ``Doc`` as most offices make it: a Word document whose header is a
    borderless table (issuer and number in the left cell, the motto and the date in
    the right; or the number and date in a second row), printed to PDF by the bench
    with LibreOffice. A cell wraps a line too long for it, as Word does."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(2)  # NĐ 30/2020, Appendix I
    font = rng.choice(["Times New Roman", "Times New Roman", "Liberation Serif"])

    started: set[int] = set()  # table cells written to (a new cell has one empty paragraph)

    def put(where, text, key="R", size=13.0, align=WD_ALIGN_PARAGRAPH.CENTER):
        tc = getattr(where, "_tc", None)
        if tc is not None and id(tc) not in started:
            started.add(id(tc))
            p = where.paragraphs[0]
        else:
            p = where.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold, run.italic = "B" in key, "I" in key
        run.font.size, run.font.name = Pt(size), font
        return p

    rows = rng.choice([1, 2])
    table = d.add_table(rows=rows, cols=2)
    table.autofit = False
    left = rng.uniform(6.0, 8.0)
    for col, width in zip(table.columns, (left, 16.0 - left), strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
    lc, rc = table.cell(0, 0), table.cell(0, 1)
    for text, key, size in doc.left:
        put(lc, text, key, size)
    if doc.left_mark in ("*", "***", "---oOo---"):
        put(lc, doc.left_mark, "R", 12)
    for text, key, size in doc.right:
        put(rc, text, key, size)
    nc, dc = (table.cell(1, 0), table.cell(1, 1)) if rows == 2 else (lc, rc)
    put(nc, doc.number_line, "R", 13)
    vv_key = rng.choice(["R", "I"])
    for line in doc.vv_lines:
        put(nc, line, vv_key, 12)
    if doc.date_line:
        put(dc, doc.date_line, "I", 13)
    for mark in doc.stamps:
        put(d, mark, "B", 13, WD_ALIGN_PARAGRAPH.LEFT)
    if doc.center:
        (type_line, key, size), *title = doc.center
        put(d, type_line, key, size)
        for text, _key, tsize in title:
            put(d, text, "B", tsize)
        if doc.center_rule == "-----":
            put(d, "-----", "R", 12)
    if doc.salutation:
        put(d, doc.salutation, "R", 13)
    for para in [*doc.body, *([doc.foot_line] if doc.foot_line else [])]:
        put(d, para, "R", 13, WD_ALIGN_PARAGRAPH.JUSTIFY)
    # Recipients on the left, the signers on the right (two signers: two columns).
    sig = d.add_table(rows=1, cols=1 + len(doc.signers))
    put(sig.cell(0, 0), doc.recipients[0], "BI", 12, WD_ALIGN_PARAGRAPH.LEFT)
    for r in doc.recipients[1:]:
        put(sig.cell(0, 0), r, "R", 11, WD_ALIGN_PARAGRAPH.LEFT)
    for k, s in enumerate(doc.signers, 1):
        cell = sig.cell(0, k)
        for role in s["roles"]:
            put(cell, role, "B", 13)
        if s["note"] and s["note"] != "scribble":
            put(cell, s["note"], "I", 12)
        put(cell, "", "R", 13)
        put(cell, "", "R", 13)
        put(cell, s["name"], "B", 13)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def print_word(docx_files: list[Path], out: Path) -> None:
    """Print Word documents to PDF with LibreOffice into ``out``, 50 a run; a file a
    run left out (LibreOffice now and then skips one, silently) is tried again."""
    for _ in range(3):
        missing = [f for f in docx_files if not (out / f"{f.stem}.pdf").exists()]
        for k in range(0, len(missing), 50):
            _print_word(missing[k : k + 50], out)


def _print_word(docx_files: list[Path], out: Path) -> None:
    import os
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is missing")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, docx_files)],
            check=True, capture_output=True, timeout=600, env={**os.environ, "HOME": tmp},
        )  # fmt: skip
