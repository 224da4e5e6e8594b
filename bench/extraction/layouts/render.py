"""Draw a ``Doc`` as a born-digital PDF (reportlab) and as an office scan."""

from __future__ import annotations

import io
import math
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


def render_pdf(
    doc: Doc, rng: random.Random, layout: dict | None = None, long: dict | None = None
) -> bytes:
    """The document as a born-digital PDF; ``layout`` (when given) receives where
    the number line, the end of the header and the signers were put (PDF points),
    for the marks an office adds on paper (``render_received``). With ``long``
    (``families.long_plan``) the body runs on past the first page, the pages after
    the first numbered at their top (NĐ 30/2020), the signature kept whole on one
    page, and the attachment drawn after it; ``rng`` is drawn from as without."""
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
    pages = [1]

    def next_page() -> float:
        c.showPage()
        pages[0] += 1
        put(W / 2, 805, str(pages[0]), "R", 13)
        return 770.0

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
    place = layout if layout is not None else {}
    place.update(left_x=left_x, right_x=right_x, y_num=y_num)
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
    place["y_head"] = y
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
    for line in doc.authority:  # under the rule, who issues it
        y -= 4
        for part in _greedy(line, lambda t: width(t, "B", 14) <= 460):
            put(W / 2, y, part, "B", 14)
            y -= dy + 1
    if doc.salutation:
        y -= 6
        put(W / 2, y, doc.salutation, "R", 13, max_w=440)
        y -= dy + 6
    y -= 6
    more = [p for kind, p in long["more"]] if long else []
    heads = {p for kind, p in long["more"] if kind == "head"} if long else set()
    paras = list(doc.body) + more + ([doc.foot_line] if doc.foot_line else [])
    for para in paras:
        if para in heads:
            y = next_page() if y < 90 else y
            put(margin_l, y, para, "B", 13, "l")
            y -= dy + 5
            continue
        lines = _greedy(para, lambda t: width(t, "R", 13) <= margin_r - margin_l - 10)
        for k, line in enumerate(lines):
            if long and y < 70:
                y = next_page()
            put(margin_l + (28 if k == 0 else 0), y, line, "R", 13, "l")
            y -= dy
        y -= 5
    y -= 14
    recipients = long.get("recipients", doc.recipients) if long else doc.recipients
    if long and y < 200 + 14 * max(0, len(recipients) - 3):  # signature, recipients: one page
        y = next_page()
    # signer blocks and recipients
    two = len(doc.signers) > 1
    cols = [W * 0.3, right_x] if two else [right_x]
    y_sig = y
    if not two:
        put(margin_l - 20, y_sig, recipients[0], "BI", 12, "l")
        for k, r in enumerate(recipients[1:]):
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
        place.setdefault("signers", []).append(
            {"x": x, "top": y_sig, "roles_end": ys, "name": ys - gap}
        )
        lowest = min(lowest, ys - gap)
    if two:
        yr2 = lowest - 30
        put(margin_l - 20, yr2, recipients[0], "BI", 12, "l")
        for k, r in enumerate(recipients[1:]):
            put(margin_l - 20, yr2 - 14 * (k + 1), r, "R", 11, "l")
    if long and long["appendix"]["kind"] != "none":
        _appendix(long["appendix"], next_page, put, c, W, margin_l, margin_r)
    c.showPage()
    c.save()
    return buf.getvalue()


def _appendix(a: dict, next_page, put, c, W: float, margin_l: float, margin_r: float) -> None:
    """What is attached after the signature, from a page of its own."""
    y = next_page()
    if a["kind"] == "list":
        if a["label"]:
            put(W / 2, y, a["label"], "B", 13)
            y -= 18
        put(W / 2, y, "DANH SÁCH", "B", 14)
        put(W / 2, y - 17, a["title"], "B", 13)
        put(W / 2, y - 34, a["ref"], "I", 12, max_w=margin_r - margin_l)
        put(W / 2, y - 48, "-----", "R", 12)
        y -= 75
        cols = (margin_l, margin_l + 40, margin_l + 230)
        for x, head in zip(cols, ("STT", "Họ và tên", "Chức vụ, đơn vị"), strict=True):
            put(x + 4, y, head, "B", 12, "l")
        for k, (name, role) in enumerate(a["rows"], 1):
            y -= 20
            if y < 60:
                y = next_page() - 10
            c.line(margin_l, y + 15, margin_r, y + 15)
            put(cols[0] + 10, y, str(k), "R", 12, "l")
            put(cols[1] + 4, y, name, "R", 12, "l")
            put(cols[2] + 4, y, role, "R", 12, "l", max_w=margin_r - cols[2] - 8)
        c.line(margin_l, y - 5, margin_r, y - 5)
        return
    put(margin_r, y, a["label"], "I", 12, "r")
    y -= 22
    for k, line in enumerate(a["motto"]):
        put(W / 2, y, line, "B" if k == 0 else "R", 13)
        y -= 16
    put(margin_l, y - 10, "TÊN CƠ QUAN, TỔ CHỨC", "B", 12, "l")
    put(margin_l, y - 28, "Số: ……/……", "R", 12, "l")
    put(margin_r, y - 28, "……, ngày … tháng … năm ……", "I", 12, "r")
    y -= 70
    put(W / 2, y, a["title"][0], "B", 14)
    put(W / 2, y - 17, a["title"][1], "B", 13)
    y -= 50
    for k in range(a["lines"]):
        put(margin_l, y, f"{k + 1}. ……………………………………………………………………………", "R", 12, "l")
        y -= 22
    y -= 20
    for x, (role, hint) in zip((W * 0.28, W * 0.68), a["signers"], strict=True):
        if role:
            put(x, y, role, "B", 12, max_w=230)
            put(x, y - 15, hint, "I", 11, max_w=230)


def render_scan(pdf: bytes, rng: random.Random, dpi: int) -> tuple[bytes, dict]:
    """The page as an office scan: ``dpi``, skew, paper tone, faint or bold
    strokes, noise, specks, JPEG artefacts."""
    return _degrade(_page_image(pdf, dpi, "L"), rng, {"dpi": dpi})


def render_scans(pdf: bytes, rng: random.Random, dpi: int) -> tuple[bytes, dict]:
    """Every page of ``pdf`` scanned as ``render_scan`` scans one, in one PDF of
    JPEG pages (the JPEGs kept as they are, as a scanner's PDF holds them)."""
    import img2pdf
    import pypdfium2 as pdfium

    pages = []
    hows = []
    for index in range(len(pdfium.PdfDocument(pdf))):
        image, how = _degrade(_page_image(pdf, dpi, "L", index), rng, {"dpi": dpi})
        pages.append(image)
        hows.append(how)
    return img2pdf.convert(pages), {"dpi": dpi, "pages": hows}


def _page_image(pdf: bytes, dpi: int, mode: str, index: int = 0):
    import pypdfium2 as pdfium

    pdf_doc = pdfium.PdfDocument(pdf)
    page = pdf_doc[index]
    image = page.render(scale=dpi / 72).to_pil().convert(mode)
    page.close()
    pdf_doc.close()
    return image


def _degrade(image, rng: random.Random, how: dict) -> tuple[bytes, dict]:
    """What a scanner and a worn copier do to a page (grey, or colour: each band alike)."""
    from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

    dpi = how["dpi"]
    grey = image.mode == "L"

    def tone(v: int):
        return v if grey else (v, v, v)

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
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=tone(245))
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
    if not grey:
        noise = Image.merge("RGB", (noise, noise, noise))
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(rng.randint(40, 500)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([1, 1, 2, 3])
        draw.ellipse((x, y, x + r, y + r), fill=tone(rng.randint(0, 100)))
    if rng.random() < 0.3:  # the dark edge of a copier lid
        edge = rng.randint(5, 25)
        draw.rectangle((0, 0, edge, h), fill=tone(rng.randint(30, 90)))
    quality = rng.randint(35, 85)
    how.update(noise=round(sigma, 1), blur=blur, jpeg_quality=quality)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue(), how


# Who stamps "ĐẾN" on a document it receives: the bench's own bodies.
RECEIVERS = [
    "VĂN PHÒNG TỈNH ỦY", "VĂN PHÒNG HUYỆN ỦY", "ĐẢNG ỦY XÃ", "UBND HUYỆN", "UBND XÃ",
    "HUYỆN ĐOÀN", "HỘI LHPN HUYỆN", "ỦY BAN MTTQ VN XÃ", "SỞ NỘI VỤ", "BAN TỔ CHỨC TỈNH ỦY",
    "HỘI NÔNG DÂN TỈNH", "TRƯỜNG THCS",
]  # fmt: skip
HANDLERS = ["Đ/c Bí thư", "VP", "Đ/c Hùng", "PCT", "Lãnh đạo", "Đ/c Lan", "BTC", ""]
INKS = {"red": (205, 35, 45), "purple": (110, 45, 150), "blue": (35, 60, 175)}


def render_received(doc: Doc, dpi: int, rng: random.Random) -> tuple[bytes, dict]:
    """The paper as it reaches the registry and is scanned there (NĐ 30/2020,
    Appendix IV; the Party's registry does the same): the sender's red seal over
    the left third of the signature, the signature in pen, and the receiving
    body's "ĐẾN" stamp under the number or the date, its number and date written
    by hand. Scanned in colour or in grey, then as worn as ``render_scan``'s."""
    from bench.extraction.layouts.vocab import COMMUNES, DISTRICTS
    from PIL import Image, ImageChops, ImageDraw

    layout: dict = {}
    pdf = render_pdf(doc, random.Random(f"pdf/{doc.id}"), layout)  # the same PDF as ID.pdf
    page = _page_image(pdf, dpi, "RGB")
    ink = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(ink)
    scale = dpi / 72
    height = page.size[1]

    def px(x: float, y: float) -> tuple[float, float]:  # PDF points → pixels
        return x * scale, height - y * scale

    how: dict = {"dpi": dpi}
    for n, s in enumerate(layout.get("signers", [])):
        mid = (s["roles_end"] + s["name"]) / 2 + 6
        _signature(draw, px, s["x"], mid, rng, scale)
        if n == 0:  # the seal of the body that signs (one seal for a joint document's first)
            _seal(ink, px(s["x"] - rng.uniform(48, 62), mid), rng, scale, doc)
            how["seal"] = True
    receiver = rng.choice(RECEIVERS)
    if receiver.endswith(("XÃ", "THCS")):
        receiver += " " + rng.choice(COMMUNES)[0]
    elif receiver.endswith(("HUYỆN", "ĐOÀN")):
        receiver += " " + rng.choice(DISTRICTS)[0]
    # The clerk stamps where the paper is free: under the number, under the date,
    # lower down beside the subject; over print only where nothing is free.
    spots = {
        "number": (layout["left_x"] - 70, layout["y_head"]),
        "date": (layout["right_x"] - 65, layout["y_num"] - 12),
        "lower": (layout["left_x"] - 75, layout["y_head"] - 40),
    }
    grey = page.convert("L")

    def printed(spot: str) -> float:
        x0, y0 = px(*spots[spot])
        box = grey.crop((int(x0), int(y0), int(x0 + 142 * scale), int(y0 + 78 * scale)))
        return sum(box.histogram()[:128]) / max(1, box.size[0] * box.size[1])

    where = min(rng.sample(list(spots), len(spots)), key=printed)
    x, y = spots[where]
    y -= rng.uniform(0, 8)
    colour = rng.choice(list(INKS))
    arrival = str(rng.randint(1, 2400))
    day = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}"
    _arrival_stamp(ink, px(x, y), rng, scale, INKS[colour], receiver, arrival, day)
    how.update(stamp=where, ink=colour, receiver=receiver)
    page = ImageChops.multiply(page, ink)  # ink over the print, the print showing through
    colour_scan = rng.random() < 0.5
    how["colour"] = colour_scan
    if not colour_scan:
        page = page.convert("L")
    return _degrade(page, rng, how)


def _font(size: float, bold: bool = False, italic: bool = False):
    from PIL import ImageFont

    key = ("B" if bold else "") + ("I" if italic else "") or "R"
    return ImageFont.truetype(_font_file("liberation-serif", key), max(6, round(size)))


def _signature(draw, px, x: float, y: float, rng: random.Random, scale: float) -> None:
    """A signature in ballpoint: loops across the signer's column."""
    pen = (30, 45, 150) if rng.random() < 0.8 else (25, 25, 30)
    points = []
    x0 = x - 40
    for _ in range(rng.randint(3, 5)):
        for t in range(12):
            points.append(
                px(
                    x0 + t * 2.2 + rng.uniform(-1, 1),
                    y + 14 * math.sin(t / 2) * rng.uniform(0.6, 1.2),
                )
            )
        x0 += rng.uniform(18, 28)
    draw.line(points, fill=pen, width=max(2, round(1.1 * scale)), joint="curve")


def _seal(ink, centre: tuple[float, float], rng: random.Random, scale: float, doc: Doc) -> None:
    """A round red seal: two rings, the body's name around, a star in the middle;
    inked unevenly, as a hand presses it."""
    from PIL import Image, ImageDraw

    red = (rng.randint(190, 225), rng.randint(20, 60), rng.randint(30, 70))
    r = rng.uniform(50, 58) * scale
    size = int(2 * r + 8)
    seal = Image.new("L", (size, size), 0)  # ink amount
    d = ImageDraw.Draw(seal)
    c = size / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(2, round(1.6 * scale)))
    ri = r - 13 * scale
    d.ellipse((c - ri, c - ri, c + ri, c + ri), outline=255, width=max(1, round(0.8 * scale)))
    name = " ".join(str(doc.truth.get("issuer") or "").upper().split()) or "ỦY BAN"
    font = _font(7.5 * scale, bold=True)
    text = f"{name} * {str(doc.truth.get('place') or '').upper()} *"
    step = 330 / max(len(text), 1)
    for k, ch in enumerate(text):
        angle = -165 + k * step  # degrees from the top, clockwise
        glyph = Image.new("L", (int(12 * scale), int(12 * scale)), 0)
        ImageDraw.Draw(glyph).text(
            (glyph.size[0] / 2, glyph.size[1] / 2), ch, fill=255, font=font, anchor="mm"
        )
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        rad = math.radians(angle)
        gx = c + (r - 6.5 * scale) * math.sin(rad) - glyph.size[0] / 2
        gy = c - (r - 6.5 * scale) * math.cos(rad) - glyph.size[1] / 2
        seal.paste(255, (int(gx), int(gy)), glyph)
    star = [(c + 0.3 * r * math.sin(math.radians(a)) * (1 if i % 2 == 0 else 0.4),
             c - 0.3 * r * math.cos(math.radians(a)) * (1 if i % 2 == 0 else 0.4))
            for i, a in enumerate(range(0, 360, 36))]  # fmt: skip
    d.polygon(star, fill=255)
    # uneven inking: a smooth random field that thins the ink in places
    field = Image.frombytes("L", (8, 8), rng.randbytes(64)).resize((size, size), Image.BICUBIC)
    seal = Image.composite(
        seal, Image.new("L", seal.size, 0), field.point(lambda v: 255 if v > 60 else 0)
    )
    seal = seal.point(lambda v: v * rng.uniform(0.75, 0.95))
    colour = Image.new("RGB", seal.size, red)
    white = Image.new("RGB", seal.size, (255, 255, 255))
    patch = Image.composite(colour, white, seal)
    box = (int(centre[0] - c), int(centre[1] - c))
    ink.paste(patch, box, seal)


def _arrival_stamp(ink, corner, rng, scale, colour, receiver, arrival, day) -> None:
    """The "ĐẾN" stamp, a 50 × 30 mm box, its number and date written in by hand."""
    from PIL import Image, ImageDraw

    w, h = int(142 * scale), int(78 * scale)
    stamp = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(stamp)
    d.rectangle((2, 2, w - 3, h - 3), outline=255, width=max(2, round(1.2 * scale)))
    small, big = _font(7 * scale, bold=True), _font(13 * scale, bold=True)
    d.text((w / 2, 9 * scale), receiver, fill=255, font=small, anchor="mm")
    d.text((8 * scale, 30 * scale), "ĐẾN", fill=255, font=big, anchor="lm")
    label = _font(8.5 * scale)
    for x, y, text in (
        (46, 24, "Số: .................."),
        (46, 38, "Ngày: ..............."),
        (8, 52, "Chuyển: .........................."),
        (8, 66, "Số và ký hiệu hồ sơ: ............"),
    ):
        d.text((x * scale, y * scale), text, fill=255, font=label, anchor="lm")
    stamp = stamp.rotate(rng.uniform(-4, 4), resample=Image.BICUBIC, expand=True)
    patch = Image.composite(
        Image.new("RGB", stamp.size, colour), Image.new("RGB", stamp.size, (255, 255, 255)), stamp
    )
    box = (int(corner[0]), int(corner[1]))
    ink.paste(patch, box, stamp)
    # the clerk's pen
    pen = (30, 45, 150)
    hand = _font(11 * scale, italic=True)
    draw = ImageDraw.Draw(ink)
    for text, (dx, dy) in ((arrival, (70, 20)), (day, (74, 34)), (rng.choice(HANDLERS), (42, 48))):
        if text:
            draw.text(
                (box[0] + dx * scale, box[1] + dy * scale), text, fill=pen, font=hand, anchor="lm"
            )


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
        if any(_too_wide(text, tsize) for text, _key, tsize in title):
            # A typist's lines longer than the page's text: one paragraph Word wraps,
            # not each line wrapped again (a long line, then a short one, and so on).
            put(d, " ".join(text for text, _k, _s in title), "B", title[0][2])
        else:
            for text, _key, tsize in title:
                put(d, text, "B", tsize)
        if doc.center_rule == "-----":
            put(d, "-----", "R", 12)
    for line in doc.authority:
        put(d, line, "B", 14)
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


def _too_wide(text: str, size: float) -> bool:
    """Is this bold line wider than a Word page's text (16 cm) in Times New Roman
    (Liberation Serif has its widths)?"""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register("liberation-serif")
    return stringWidth(text, "L-liberation-serif-B", size) > 16 / 2.54 * 72


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
