"""Pen and stamp ink on a scan, kept out of OCR's way.

Paper reaches the registry with coloured ink over the print: the sender's red
seal over the left third of the signature and over the signer's name, the
signature in pen, and the registry's own "ĐẾN" stamp under the number or the
date (NĐ 30/2020, Appendix IV; the Party's registry does the same). Tesseract
takes such a patch for a picture and drops the lines it covers: on the bench's
scans "as received" the signer was lost on nine in ten.

On a colour scan, ink is told from print by its colour (print is black or grey;
ink over print stays dark, so the print under a seal is kept). OCR reads the page
with that ink whitened; the file keeps the page as scanned. A JPEG keeps colour
at half the resolution, so a stamp's thin lines are left grey: within each shape
whitened, the mid-grey ink that stands alone goes too, as on a grey page (below).

Secrecy and urgency marks are red stamps too ("MẬT", "KHẨN", one line in the
header, DOMAIN §3). Ink in shapes of their size in the header band is kept;
a seal, a stamp of several lines and a signature are whitened.

A grey scan has no colour, but stamp ink scans paler than black print: the
"ĐẾN" stamp (50 × 30 mm) and a seal (30-42 mm across) are shapes of mid-grey
ink, standing alone, the size of a stamp both ways; a printed letter's pale
pixels lie along its dark core. Within such a shape's box the mid-grey ink that
stands alone is whitened (the stamp's frame, its words, the hand-written number)
and the print under it kept. Shapes are looked for on a copy four times smaller
that keeps each block's darkest pixel (a stamp's line stays, print's pale edges
go), so a page without a stamp costs little.

Ink as dark as print (a black pen; a stamp that scans dark; a page scanned in
black and white) has no tone to tell it by. The "ĐẾN" stamp is then found by
its frame: in page 1's header band, two upright lines a stamp's width apart and
of its height, a line across them, and no more upright lines beside them (a
table's cells). Print has no upright line 15 mm long and a seal is round. Within
the frame, the ink but the frame's lines is joined into lines (letters a word
space apart): what does not reach the frame (the stamp's words, the number and
date written in it) goes, while a printed line the stamp lies on runs out of it
and stays, less the frame's own pixels across it. Elsewhere a pen as dark as
print (a signature) stays: only colour tells it.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

CHROMA = 30  # max - min of R, G, B (0-255), paper made white: above it a pixel is ink
EDGE_CHROMA = 20  # within a shape found as ink, its paler edges (blur, JPEG) too
GLANCE = 8  # the page is first looked at this many times smaller
LEAST_INK = 0.0005  # share of the glance's pixels: less is no ink worth whitening
STEP = 4  # shapes are found on the mask this many times smaller
JOIN_MM = 1.5  # ink this close is one shape (a stamp's letters and its box)
MARK_HIGH_MM = 16.0  # a secrecy or urgency stamp is one line: at most this high
MARK_WIDE_MM = 70.0  # "THƯỢNG KHẨN" in its box, with room
BAND = 0.35  # the header's share of page 1's height, where those stamps are


def whitened(image, dpi: float, *, first_page: bool = True):
    """``image`` (PIL) as OCR should read it: a greyscale copy with the seal,
    the signature and the "ĐẾN" stamp whitened (by colour; on a grey or black and
    white page by tone and by the stamp's frame, ``_grey_whitened``); None when the
    page has no such ink (it is read as it is). Secrecy and urgency stamps in the
    header band of the first page are kept."""
    import numpy as np  # lazy: heavy libraries
    from PIL import Image, ImageChops
    from scipy import ndimage

    if image.mode in ("L", "1"):  # black and white: a stamp by its frame alone
        return _grey_whitened(image.convert("L"), dpi, first_page)
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return None
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    glance = rgb.reduce(GLANCE)
    paper = _paper(glance)
    # A glance pixel is the mean of GLANCE² pixels: a pen's line in it is fainter.
    if (np.asarray(_ink(_balanced(glance, paper), CHROMA // 3)) > 0).mean() < LEAST_INK:
        return None
    # The page's pixels are worked a strip at a time: whole-page copies of a large
    # scan (89 megapixels, PIL's limit) took 1.7 GB at once.
    w, h = rgb.size
    ink = Image.new("L", (w, h))  # 255 where ink
    for box in _strips(w, h):
        ink.paste(_ink(_balanced(rgb.crop(box), paper)), box[:2])
    small = np.asarray(ink.reduce(STEP)) > 0  # a mask pixel with any ink in it
    mm = dpi / 25.4 / STEP  # mask pixels a millimetre
    joined = ndimage.binary_dilation(small, iterations=max(1, round(JOIN_MM * mm)))
    labels, _ = ndimage.label(joined)
    boxes = ndimage.find_objects(labels)
    drop = np.zeros(len(boxes) + 1, dtype=bool)
    for k, where in enumerate(boxes, 1):
        rows, cols = where
        high, wide = (rows.stop - rows.start) / mm, (cols.stop - cols.start) / mm
        in_band = first_page and rows.stop <= BAND * small.shape[0]
        drop[k] = not (in_band and high <= MARK_HIGH_MM and wide <= MARK_WIDE_MM)
    dropped = [where for k, where in enumerate(boxes, 1) if drop[k]]
    for k, where in enumerate(boxes, 1):  # pen written inside a whitened stamp goes too
        if not drop[k] and any(_inside(where, big) for big in dropped):
            drop[k] = True
    if not drop.any():
        return None
    gone = Image.fromarray((drop[labels] * 255).astype(np.uint8), mode="L")
    gone = gone.resize((w, h), Image.Resampling.NEAREST)
    out = Image.new("L", (w, h))
    for box in _strips(w, h):
        part = _balanced(rgb.crop(box), paper)
        edges = ImageChops.multiply(gone.crop(box), _ink(part, EDGE_CHROMA))
        out.paste(ImageChops.lighter(part.convert("L"), edges), box[:2])
    log.debug("coloured ink whitened on a page")
    # What the colour left: a JPEG keeps colour at half the resolution, so a thin
    # line of the stamp (its words, its dotted lines) is left grey, a ghost that
    # OCR read into the subject's lines beside it. Within each shape whitened, the
    # mid-grey ink that stands alone goes as on a grey page; the print is kept.
    grey = np.asarray(out).copy()
    if tones := _grey_tones(_darkest(grey, GREY_STEP)):
        _whiten_alone(grey, [where for k, where in enumerate(boxes, 1) if drop[k]], STEP, dpi, *tones)  # fmt: skip
        return Image.fromarray(grey, "L")
    return out


STRIP = 512  # rows worked at a time


def _strips(w: int, h: int) -> list[tuple[int, int, int, int]]:
    return [(0, top, w, min(h, top + STRIP)) for top in range(0, h, STRIP)]


def _paper(glance) -> tuple[float, ...] | None:
    """The paper's colour: the median of the lighter half of a small copy (None
    when there is no paper to speak of: a dark or odd page)."""
    import numpy as np  # lazy: heavy library

    pixels = np.asarray(glance, dtype=float).reshape(-1, 3)
    light = pixels[pixels.sum(axis=1) >= np.percentile(pixels.sum(axis=1), 50)]
    paper = np.median(light, axis=0)
    return None if (paper < 64).any() else tuple(paper)


def _balanced(rgb, paper: tuple[float, ...] | None):
    """``rgb`` with the paper's tone made white: yellowed paper is no ink, and on a
    worn, faint page the ink keeps its colour against the paper."""
    from PIL import Image  # lazy: heavy library

    if paper is None:
        return rgb
    bands = [
        band.point([min(255, round(v * 255 / tone)) for v in range(256)])
        for band, tone in zip(rgb.split(), paper, strict=True)
    ]
    return Image.merge("RGB", bands)


def _ink(rgb, chroma: int = CHROMA):
    """255 where a pixel's colour is ink (its channels over ``chroma`` apart), else 0
    (PIL "L")."""
    from PIL import ImageChops

    r, g, b = rgb.split()
    high = ImageChops.lighter(ImageChops.lighter(r, g), b)
    low = ImageChops.darker(ImageChops.darker(r, g), b)
    return ImageChops.subtract(high, low).point(lambda v: 255 if v > chroma else 0)


def _inside(a: tuple[slice, slice], b: tuple[slice, slice]) -> bool:
    """Does box ``a`` lie within box ``b``?"""
    return all(x.start >= y.start and x.stop <= y.stop for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------- grey scans

GREY_STEP = 4  # shapes are found on a copy this many times smaller (each block's darkest)
STAMP_MM = (18.0, 75.0)  # a stamp's or a seal's extent, both ways
CORE = 0.22  # print's core: darker than this share of the way from print to paper
PALE = 0.15  # ink: paler than print's core, darker than the paper by this share
PRINT_PERCENTILE = 25  # print's tone: this percentile of the page's dark pixels
EDGE_SHARE = 0.5  # a shape more than this much along dark cores is print's edge
JOIN = 1  # on the smaller copy, ink this many pixels apart is one shape (a seal's broken ring)
FRAME_WIDE_MM = (35.0, 75.0)  # the "ĐẾN" stamp's frame: 50 × 30 mm (NĐ 30/2020, Appendix IV)
FRAME_HIGH_MM = (15.0, 45.0)  # its upright lines: no printed letter's stem is this long
LINE_DEPTH_MM = 2.5  # a straight line is looked for in bands this deep (a page askew)
LINE_TOL_MM = 4.0  # a frame's sides meet within this
STROKE_MM = 5.0  # print has no straight stroke this long: a letter's stem is shorter
WORD_GAP_MM = 2.5  # a printed line's words are closer than this: it is one piece


def _grey_whitened(image, dpi: float, first_page: bool = True):
    """A grey page with its stamps and seals whitened (module docstring); None
    when it has none. On the first page, a "ĐẾN" stamp found by its frame goes
    whatever its tone (``_frames``, ``_whiten_framed``)."""
    import numpy as np  # lazy: heavy libraries
    from PIL import Image
    from scipy import ndimage

    if dpi <= 0:
        return None  # no scale to know a stamp's size by
    grey = np.asarray(image)
    small = _darkest(grey, GREY_STEP)
    tones = _grey_tones(small)
    if tones is None:
        return None
    core, pale = tones
    eight = np.ones((3, 3), bool)
    mid = _mid(small, core, pale)
    labels, _ = ndimage.label(ndimage.binary_dilation(mid, structure=eight, iterations=JOIN), eight)  # fmt: skip
    mm = dpi / 25.4 / GREY_STEP
    low, high = STAMP_MM
    stamps = []
    for k, where in enumerate(ndimage.find_objects(labels), 1):
        if where is None or not all(low <= (s.stop - s.start) / mm <= high for s in where):
            continue
        # Looked at only for a shape of a stamp's size: most pages have none.
        ink = mid[where] & (labels[where] == k)
        if _along_cores(small[where], ink, core).sum() < EDGE_SHARE * ink.sum():
            stamps.append(where)
    # The "ĐẾN" stamp by its frame, whatever its tone (a dark ink scans as dark as print).
    frames = _frames(small[: round(BAND * small.shape[0])] < pale, mm) if first_page else []
    if not stamps and not frames:
        return None
    out = grey.copy()
    _whiten_alone(out, stamps + frames, GREY_STEP, dpi, core, pale)
    for rows, cols in frames:
        _whiten_framed(out, rows, cols, GREY_STEP, dpi, pale)
    log.debug("stamp ink whitened on a grey page")
    return Image.fromarray(out, "L")


def _whiten_alone(grey, shapes, step: int, dpi: float, core: float, pale: float) -> None:
    """Whiten in place, within each shape's box (``shapes``: slices on a copy
    ``step`` times smaller) and a millimetre round it (its paler edge), the
    mid-grey ink of ``grey`` that stands alone; print's pixels are kept."""
    pad = round(dpi / 25.4)
    for rows, cols in shapes:
        top, left = max(0, rows.start * step - pad), max(0, cols.start * step - pad)
        box = grey[top : rows.stop * step + pad, left : cols.stop * step + pad]
        inside, alone = _mid_ink(box, core, pale)
        box[alone[inside]] = 255


def _lines(ink, mm: float, least: float) -> list[tuple[int, int, int, int]]:
    """The straight horizontal lines of ``ink`` (a mask on the small copy) at least
    ``least`` pixels long: (first row, last row, start, stop). Rows are looked at in
    bands a few millimetres deep, so a line askew is one line."""
    import numpy as np  # lazy: heavy libraries
    from scipy import ndimage

    depth = max(1, round(LINE_DEPTH_MM * mm))
    banded = ndimage.binary_dilation(ink, structure=np.ones((depth, 1), bool))
    runs, _ = ndimage.label(banded, structure=np.array([[0, 0, 0], [1, 1, 1], [0, 0, 0]]))
    long = sorted(
        (rows.start, cols.start, cols.stop)
        for rows, cols in ndimage.find_objects(runs)
        if cols.stop - cols.start >= least
    )
    found: list[tuple[int, int, int, int]] = []
    for row, start, stop in long:
        if found and row - found[-1][1] <= 1:  # the next row of the same line
            first, _, a, b = found[-1]
            found[-1] = (first, row, min(a, start), max(b, stop))
        else:
            found.append((row, row, start, stop))
    return found


def _frames(ink, mm: float) -> list[tuple[slice, slice]]:
    """The boxes (on the small copy) of "ĐẾN" stamps in ``ink``, the header band's
    dark and mid-grey pixels: two upright lines a stamp's width apart, of about the
    same height, with a line across at the top or the bottom. Print has none (no
    letter's stem is 15 mm), and a seal is round."""
    wide, high = FRAME_WIDE_MM, FRAME_HIGH_MM
    uprights = _lines(ink.T, mm, high[0] * mm)
    if len(uprights) < 2:
        return []  # most pages: looked at no further
    across = _lines(ink, mm, high[0] * mm)
    tol = LINE_TOL_MM * mm
    boxes: list[tuple[slice, slice]] = []
    for k, left in enumerate(uprights):
        for right in uprights[k + 1 :]:
            if not wide[0] * mm <= right[0] - left[1] <= wide[1] * mm:
                continue
            top, bottom = min(left[2], right[2]), max(left[3], right[3])
            shared = min(left[3], right[3]) - max(left[2], right[2])
            if bottom - top > high[1] * mm or shared < 0.7 * min(left[3] - left[2], right[3] - right[2]):  # fmt: skip
                continue
            if not any(
                (abs(a[0] - top) <= tol or abs(a[1] - bottom) <= tol)
                and a[2] <= right[0]
                and a[3] >= left[1]
                for a in across
            ):
                continue
            if any(  # a table's cell: more upright lines beside it, the same height
                u not in (left, right)
                and abs(u[0] - (left[0] + right[0]) / 2) <= wide[1] * mm
                and min(u[3], bottom) - max(u[2], top) > 0.5 * (bottom - top)
                and u[3] - u[2] < 1.5 * (bottom - top)  # not the page's edge
                for u in uprights
            ):
                continue
            # Rows from the frame's top to its bottom (a printed line just above it
            # is not in the box, or touches its edge), columns a little wider.
            box = (slice(top, bottom + 1), slice(left[0], right[1] + 1))
            if not any(_inside(box, b) or _inside(b, box) for b in boxes):
                boxes.append(box)
    return boxes


def _whiten_framed(grey, rows: slice, cols: slice, step: int, dpi: float, pale: float) -> None:  # fmt: skip
    """Whiten in place a "ĐẾN" stamp found by its frame (``rows``, ``cols`` on the
    copy ``step`` times smaller, a little wider than the frame): what is printed and
    written in it, and its frame's straight lines. The ink but the frame is joined
    into lines (letters a word space apart); a line that does not reach the box's
    edge lies within the stamp and goes, while a printed line the stamp lies on runs
    out of it and stays, but for the frame's own pixels across it."""
    import numpy as np  # lazy: heavy libraries
    from scipy import ndimage

    mm = dpi / 25.4
    box = grey[rows.start * step : rows.stop * step, cols.start * step : cols.stop * step]
    ink = box < pale
    stroke = max(2, round(STROKE_MM * mm))
    frame = ndimage.binary_opening(ink, structure=np.ones((1, stroke), bool))
    frame |= ndimage.binary_opening(ink, structure=np.ones((stroke, 1), bool))
    reach = np.ones((max(1, round(0.6 * mm)), max(1, round(WORD_GAP_MM * mm))), bool)
    lines, _ = ndimage.label(ndimage.binary_dilation(ink & ~frame, structure=reach))
    edge = np.unique(np.concatenate([lines[0], lines[-1], lines[:, 0], lines[:, -1]]))
    within = (lines > 0) & ~np.isin(lines, edge)
    box[(within & ink) | frame] = 255


def _darkest(grey, step: int):
    """``grey`` (a 2-D array) ``step`` times smaller, each pixel its block's darkest."""
    import numpy as np  # lazy: heavy library

    h, w = grey.shape[0] // step * step, grey.shape[1] // step * step
    rows = grey[:h]
    rows = np.minimum.reduce([rows[i::step] for i in range(step)])
    return np.minimum.reduce([rows[:, i:w:step] for i in range(step)])


def _grey_tones(small) -> tuple[float, float] | None:
    """(print's core below, ink below) on a grey page; None when the page has too
    little print or contrast to tell ink from it. Print's tone is taken inside the
    margins (a copier lid's dark edge is no print) above the darkest quarter (specks
    of dust are few)."""
    import numpy as np  # lazy: heavy library

    sample = small[::2, ::2]
    if sample.size < 100:
        return None  # a thumbnail, not a page
    paper = float(np.median(sample[sample >= np.percentile(sample, 50)]))
    h, w = small.shape
    inner = small[h // 20 : h - h // 20, w // 20 : w - w // 20]
    dark = inner[inner < 0.6 * paper]
    if dark.size < 100:
        return None
    black = float(np.percentile(dark, PRINT_PERCENTILE))
    span = paper - black
    if span < 80:
        return None
    return black + CORE * span, paper - PALE * span


def _mid_ink(grey, core: float, pale: float):
    """The shapes of mid-grey pixels of ``grey`` (labels) and, by label, whether
    each stands alone (not along print's dark cores); label 0 never does."""
    import numpy as np  # lazy: heavy libraries
    from scipy import ndimage

    mid = _mid(grey, core, pale)
    labels, n = ndimage.label(mid, structure=np.ones((3, 3), bool))
    if n == 0:
        return labels, np.zeros(1, dtype=bool)
    along = _along_cores(grey, mid, core)
    share = np.asarray(ndimage.mean(along, labels, index=np.arange(1, n + 1)))
    return labels, np.concatenate([[False], share < EDGE_SHARE])


def _mid(grey, core: float, pale: float):
    """Where ``grey`` is mid-grey: paler than print's core, darker than ink's limit."""
    return (grey > core) & (grey < pale)


def _along_cores(grey, ink, core: float):
    """The pixels of ``ink`` that touch print's dark core: a printed letter's pale edge."""
    import numpy as np  # lazy: heavy libraries
    from scipy import ndimage

    return ndimage.binary_dilation(grey <= core, structure=np.ones((3, 3), bool)) & ink
