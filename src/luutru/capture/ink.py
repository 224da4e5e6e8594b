"""Pen and stamp ink on a colour scan, kept out of OCR's way.

Paper reaches the registry with coloured ink over the print: the sender's red
seal over the left third of the signature and over the signer's name, the
signature in pen, and the registry's own "ĐẾN" stamp under the number or the
date (NĐ 30/2020, Appendix IV; the Party's registry does the same). Tesseract
takes such a patch for a picture and drops the lines it covers: on the bench's
scans "as received" the signer was lost on nine in ten.

On a colour scan, ink is told from print by its colour (print is black or grey;
ink over print stays dark, so the print under a seal is kept). OCR reads the page
with that ink whitened; the file keeps the page as scanned.

Secrecy and urgency marks are red stamps too ("MẬT", "KHẨN", one line in the
header, DOMAIN §3). Ink in shapes of their size in the header band is kept;
a seal, a stamp of several lines and a signature are whitened. A grey scan has no
colour to tell them apart and is read as it is.
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
    the signature and the "ĐẾN" stamp whitened; None when the page has no such
    coloured ink (it is read as it is). Secrecy and urgency stamps in the header
    band of the first page are kept."""
    import numpy as np  # lazy: heavy libraries
    from PIL import Image, ImageChops
    from scipy import ndimage

    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return None  # grey or black and white: nothing to tell apart
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
